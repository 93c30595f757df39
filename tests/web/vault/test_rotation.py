"""`nearer keys rotate`: a new server key, every shared value sealed again, no old key id left;
the key file lives beside the data folder, readable by its owner only."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from typer.testing import CliRunner

from nearer.cli.app import app
from nearer.web.accounts.models import User
from nearer.web.vault import coverage, crypto, keyfile, rotation
from nearer.web.vault.checks import key_file_apart
from nearer.web.vault.services import sealed_fields
from tests.web.vault.test_at_rest import PRIVATE, SHARED, fill


def server_key_ids() -> set[str]:
    found = set()
    for model, field in sealed_fields():
        for value in model.objects.values_list(field.name, flat=True):
            if value.startswith(f"{crypto.PREFIX}{crypto.SERVER}:"):
                found.add(value.split(":")[2])
    return found


def test_the_key_file_is_private_and_outside_the_data_folder(db: None) -> None:
    keyfile.load()
    where = Path(settings.VAULT_KEY_FILE)
    assert stat.S_IMODE(where.stat().st_mode) == 0o600
    assert stat.S_IMODE(where.parent.stat().st_mode) == 0o700
    data = Path(settings.DATA_DIR).resolve()
    assert data not in where.resolve().parents


def test_rotating_leaves_no_value_under_an_old_key_and_every_value_still_reads(
    db: None,
) -> None:
    alice, _ = fill("default")
    before = keyfile.load().current
    assert server_key_ids() == {before}
    done = rotation.rotate()
    assert done.old_ids == (before,) and done.resealed >= len(SHARED)
    assert server_key_ids() == {done.new_id}
    assert set(json.loads(Path(settings.VAULT_KEY_FILE).read_text())["keys"]) == {done.new_id}
    note = alice.checkins.get()
    assert (note.note, note.appreciation) == (PRIVATE["note"], PRIVATE["appreciation"])
    assert User.objects.get(pk=alice.pk).answer_set.get().text == SHARED["answer"]


def test_nearer_keys_rotate_says_what_it_did_and_that_older_backups_need_the_old_key_file(
    db: None,
) -> None:
    fill("default")
    result = CliRunner().invoke(app, ["keys", "rotate"])
    assert result.exit_code == 0, result.output
    done, older = result.output.splitlines()
    assert done.startswith("Rotated the server key to ")
    assert older.startswith("Backups made before now need the key file as it was before this")


def test_nearer_keys_rotate_with_a_stray_argument_is_one_line_and_exit_2(db: None) -> None:
    result = CliRunner().invoke(app, ["keys", "rotate", "now"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "unexpected extra argument" in result.stderr.lower()


def test_a_key_file_inside_the_data_folder_is_warned_about(db: None) -> None:
    assert [w.id for w in key_file_apart()] == []
    inside = str(Path(settings.DATA_DIR) / "server-keys.json")
    with override_settings(VAULT_KEY_FILE=inside):
        assert [w.id for w in key_file_apart()] == ["nearer.vault.W001"]


def elsewhere(tmp_path: Path) -> str:
    """A key file path where there is none yet, as when the key file was lost or moved."""
    return str(tmp_path / "keys" / "server-keys.json")


def test_rotating_with_the_key_file_missing_changes_nothing_and_makes_no_key_file(
    db: None, tmp_path: Path
) -> None:
    fill("default")
    (sealed_under,) = server_key_ids()
    with override_settings(VAULT_KEY_FILE=elsewhere(tmp_path)):
        with pytest.raises(
            coverage.KeysMissing, match=f"is missing.* sealed under key {sealed_under}"
        ):
            rotation.rotate()
        assert not Path(settings.VAULT_KEY_FILE).exists()
    assert server_key_ids() == {sealed_under}


def test_nearer_keys_rotate_with_the_key_file_missing_is_one_line_and_exit_2(
    db: None, tmp_path: Path
) -> None:
    fill("default")
    (sealed_under,) = server_key_ids()
    count = rotation.under_old_keys("none")
    with override_settings(VAULT_KEY_FILE=elsewhere(tmp_path)):
        result = CliRunner().invoke(app, ["keys", "rotate"])
        assert not Path(settings.VAULT_KEY_FILE).exists()
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and result.stdout == ""
    assert result.stderr.startswith(f"nearer: the key file {elsewhere(tmp_path)} is missing")
    assert f"{count} values are sealed under key {sealed_under}" in result.stderr


def test_rotating_with_a_key_file_that_lacks_the_key_changes_nothing(
    db: None, tmp_path: Path
) -> None:
    fill("default")
    (sealed_under,) = server_key_ids()
    with override_settings(VAULT_KEY_FILE=elsewhere(tmp_path)):
        other = keyfile.load()  # another installation's key file
        before = Path(settings.VAULT_KEY_FILE).read_bytes()
        result = CliRunner().invoke(app, ["keys", "rotate"])
        assert Path(settings.VAULT_KEY_FILE).read_bytes() == before
    assert result.exit_code == 2, result.output
    assert f"does not hold key {sealed_under}, under which " in result.stderr
    assert other.current not in server_key_ids()


def test_a_key_file_that_goes_while_nearer_runs_is_not_made_afresh(tmp_path: Path) -> None:
    with override_settings(VAULT_KEY_FILE=elsewhere(tmp_path)):
        keyfile.load()  # made on first use
        Path(settings.VAULT_KEY_FILE).unlink()
        with pytest.raises(ImproperlyConfigured, match="has gone while nearer was running"):
            keyfile.load()
        assert not Path(settings.VAULT_KEY_FILE).exists()


def test_with_no_sealed_value_a_missing_key_file_is_simply_made(db: None, tmp_path: Path) -> None:
    with override_settings(VAULT_KEY_FILE=elsewhere(tmp_path)):
        coverage.check()  # nothing sealed: nothing a fresh key would leave unreadable
        done = rotation.rotate()
        assert json.loads(Path(settings.VAULT_KEY_FILE).read_text())["current"] == done.new_id


NOT_KEY_FILES = {
    "keys null": ('{"current": "a0ddad59", "keys": null}', 'no "keys" object'),
    "keys a string": ('{"current": "a0ddad59", "keys": "abc"}', 'no "keys" object'),
    "keys a list": ('{"current": "a0ddad59", "keys": ["x"]}', 'no "keys" object'),
    "a key a number": ('{"current": "a0ddad59", "keys": {"a0ddad59": 5}}', "not text"),
    "current a list": ('{"current": [], "keys": {}}', "no current key"),
    "a list": ("[]", 'no "keys" object'),
}


@pytest.mark.parametrize(("text", "says"), NOT_KEY_FILES.values(), ids=NOT_KEY_FILES.keys())
def test_nearer_keys_rotate_with_a_file_that_is_no_key_file_is_one_line_and_exit_2(
    db: None, tmp_path: Path, text: str, says: str
) -> None:
    fill("default")
    before = server_key_ids()
    where = tmp_path / "server-keys.json"
    where.write_text(text)
    with override_settings(VAULT_KEY_FILE=str(where)):
        result = CliRunner().invoke(app, ["keys", "rotate"])
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and result.stdout == ""
    assert result.stderr.startswith(f"nearer: {where}: not a nearer key file ("), result.stderr
    assert says in result.stderr
    assert where.read_text() == text and server_key_ids() == before


def test_nearer_keys_rotate_stopped_part_way_says_so_in_one_line(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def stopped() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(rotation, "rotate", stopped)
    result = CliRunner().invoke(app, ["keys", "rotate"])
    assert result.exit_code == 130
    assert result.stderr == (
        "nearer: keys rotate: stopped part way; every value still opens, and running it again "
        "finishes the rotation\n"
    )
