"""`nearer keys rotate` as a process of its own: what it says when its output cannot be written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import nearer


def made(tmp_path: Path) -> dict[str, str]:
    """The environment of a data folder with a migrated database and its key file."""
    data, keys = tmp_path / "data", tmp_path / "keys" / "server-keys.json"
    done = nearer("manage", "migrate", "-v", "0", data=data, NEARER_KEY_FILE=str(keys))
    assert done.returncode == 0, done.stderr
    environment = {**os.environ, "NEARER_DATA_DIR": str(data), "NEARER_KEY_FILE": str(keys)}
    for inherited in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE"):
        environment.pop(inherited, None)
    return environment


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    ("args", "done"),
    [
        (("keys", "rotate"), "Rotated the server key to "),
        (("backup", "{tmp}/b.sqlite3"), "Backed up"),
    ],
    ids=["keys rotate", "backup"],
)
def test_work_done_but_not_reported_on_a_full_stdout_says_it_was_done(
    tmp_path: Path, args: tuple[str, ...], done: str
) -> None:
    environment = made(tmp_path)
    keys = Path(environment["NEARER_KEY_FILE"])
    before = json.loads(keys.read_text())["current"] if keys.exists() else None
    command = [str(Path(sys.executable).parent / "nearer"), *(a.format(tmp=tmp_path) for a in args)]
    with Path("/dev/full").open("w") as full:
        ran = subprocess.run(
            command, env=environment, stdout=full, stderr=subprocess.PIPE, text=True, check=False
        )
    assert ran.returncode == 2
    assert ran.stderr.count("\n") == 1 and "Traceback" not in ran.stderr
    assert ran.stderr.startswith(f"nearer: {done}"), ran.stderr
    assert ran.stderr.endswith("; but stdout cannot be written (No space left on device)\n")
    if args[0] == "keys":
        now = json.loads(keys.read_text())["current"]
        assert now != before and now in ran.stderr  # it says which key it rotated to
    else:
        assert (tmp_path / "b.sqlite3").exists()


def test_a_key_file_linked_from_elsewhere_is_rotated_where_it_is(tmp_path: Path) -> None:
    environment = made(tmp_path)
    keys = Path(environment["NEARER_KEY_FILE"])
    command = [str(Path(sys.executable).parent / "nearer"), "keys", "rotate"]
    first = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    assert first.returncode == 0 and keys.exists(), first.stderr
    kept = tmp_path / "safe" / "server-keys.json"
    kept.parent.mkdir()
    keys.rename(kept)
    keys.symlink_to(kept)
    ran = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    assert ran.returncode == 0, ran.stderr
    assert keys.is_symlink() and json.loads(kept.read_text())["current"] in ran.stdout
    again = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    assert again.returncode == 0, again.stderr  # every value still opens with the file kept
