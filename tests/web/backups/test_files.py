"""Backup files: readable by their owner only, never holding the secret key, never written over
the live database; and files that are refused with one clear line while nothing already saved
changes.
"""

from __future__ import annotations

import json
import re
import sqlite3
import stat
import subprocess
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.recorder import MigrationRecorder
from django.test import override_settings
from django.utils import timezone

from nearer.web import backups, migration_lock
from nearer.web.accounts.models import User
from nearer.web.backups import contents, pg_client, pg_script, postgres
from nearer.web.daily.models import CheckIn
from nearer.web.vault import keyfile
from tests.web.backups.support import ENGINE, LATER, counts, has_note, readable_text
from tests.web.scratch import postgres_database
from tests.web.seeds import make_checkin, yesterday


def test_a_backup_is_readable_by_its_owner_only(live: User, tmp_path: Path) -> None:
    backups.backup(tmp_path / "nearer.backup")
    assert stat.S_IMODE((tmp_path / "nearer.backup").stat().st_mode) == 0o600


def test_the_secret_key_is_in_no_backup(live: User, tmp_path: Path) -> None:
    backups.backup(tmp_path / "nearer.backup")
    text = readable_text(tmp_path / "nearer.backup")
    sealed = CheckIn.objects.filter(user=live, day=yesterday()).values_list("note", flat=True)
    assert sealed[0].encode() in text  # the search finds what is there: the note, sealed
    assert settings.SECRET_KEY.encode() not in text
    key_file = Path(settings.DATA_DIR) / "nearer_secret_key.txt"
    assert key_file.read_bytes().strip() not in text
    server_keys = json.loads(Path(settings.VAULT_KEY_FILE).read_text())["keys"]
    assert not [key for key in server_keys.values() if key.encode() in text]


@pytest.mark.skipif(ENGINE != "sqlite", reason="only SQLite keeps the database in a file")
def test_a_backup_may_not_overwrite_the_live_database(source: str) -> None:
    live_file = Path(connections[source].settings_dict["NAME"])
    with pytest.raises(backups.UnusableBackup, match="is the live database itself"):
        backups.backup(live_file, alias=source)


@pytest.mark.skipif(ENGINE != "sqlite", reason="only SQLite keeps its migration lock in a file")
def test_a_backup_may_not_replace_the_migration_lock_beside_the_live_database(
    source: str,
) -> None:
    lock = migration_lock.lock_file(Path(connections[source].settings_dict["NAME"]))
    lock.touch()  # a backup moved onto it would leave a second nearer's flock on a lost file
    with pytest.raises(
        backups.UnusableBackup, match="is the migration lock of the live database; choose"
    ):
        backups.backup(lock, alias=source)
    assert lock.read_bytes() == b""


def test_a_backup_into_a_missing_folder_is_refused(live: User, tmp_path: Path) -> None:
    with pytest.raises(backups.UnusableBackup, match="does not exist"):
        backups.backup(tmp_path / "no such folder" / "nearer.backup")


# -- Files that are refused ------------------------------------------------------------------


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def zipped(good: Path, bad: Path) -> Path:
    with zipfile.ZipFile(bad, "w") as archive:
        archive.write(good, "nearer.backup")
    return bad


def other_sqlite(good: Path, bad: Path) -> Path:
    with sqlite3.connect(bad) as database:
        database.execute("CREATE TABLE recipes (name TEXT)")
        database.execute("INSERT INTO recipes VALUES ('soup')")
    return bad


def other_engine(good: Path, bad: Path) -> Path:
    if good.read_bytes().startswith(b"PGDMP"):
        return other_sqlite(good, bad)
    return write(bad, b"PGDMP" + bytes(range(256)) * 8)


def damaged(good: Path, bad: Path) -> Path:
    """The backup with a page of the check-ins table (SQLite) or a stretch of data overwritten."""
    data = bytearray(good.read_bytes())
    if data.startswith(b"PGDMP"):
        data[-600:-300] = b"\x55" * 300  # inside the last data block: --list still works
    else:
        with sqlite3.connect(good) as database:
            size = database.execute("PRAGMA page_size").fetchone()[0]
            (root,) = database.execute(
                "SELECT rootpage FROM sqlite_master WHERE name = 'daily_checkin'"
            ).fetchone()
        data[(root - 1) * size : root * size] = b"\x55" * size
    return write(bad, bytes(data))


def overwritten(good: Path, bad: Path, where: float) -> Path:
    """4 KB overwritten part-way through. An SQLite backup has no free pages, so they are used."""
    data = bytearray(good.read_bytes())
    start = int(len(data) * where)
    data[start : start + 4096] = b"\x55" * 4096
    return write(bad, bytes(data))


def truncated(keep: Callable[[int], int]) -> Callable[[Path, Path], Path]:
    return lambda good, bad: write(bad, good.read_bytes()[: keep(good.stat().st_size)])


REFUSED = {
    "empty": (lambda good, bad: write(bad, b""), "is empty"),
    "text": (lambda good, bad: write(bad, b"dear diary\n"), "is not a nearer backup"),
    "zip": (zipped, "is not a nearer backup"),
    "another program's SQLite database": (other_sqlite, "not a nearer database|SQLite backup"),
    "the other engine's backup": (other_engine, "but this nearer keeps its data in"),
    "damaged": (damaged, "damaged"),
    "cut in half": (truncated(lambda size: size // 2), "damaged"),
    "damaged in the middle": (lambda good, bad: overwritten(good, bad, 0.5), "damaged"),
    "cut after a page": (truncated(lambda size: 4096), "damaged|truncated"),
    "cut after a few bytes": (truncated(lambda size: 20), "damaged|truncated"),
}


@pytest.mark.parametrize("make", REFUSED.values(), ids=REFUSED.keys())
def test_a_bad_file_is_refused_with_one_line_and_nothing_changes(
    live: User, tmp_path: Path, make: tuple[Callable[[Path, Path], Path], str]
) -> None:
    maker, reason = make
    good = tmp_path / "nearer.backup"
    backups.backup(good)
    make_checkin(DEFAULT_DB_ALIAS, live, timezone.localdate(), note=LATER)
    before = counts(DEFAULT_DB_ALIAS)
    bad = maker(good, tmp_path / "bad")

    with pytest.raises(backups.UnusableBackup) as refused:
        backups.restore(bad)

    message = str(refused.value)
    assert "\n" not in message and message.startswith(f"{bad}: ")
    assert message.endswith("; nothing was changed")
    assert re.search(reason, message), message
    assert counts(DEFAULT_DB_ALIAS) == before
    assert has_note(DEFAULT_DB_ALIAS, LATER)


@pytest.mark.skipif(ENGINE != "postgresql", reason="SQLite refuses any PostgreSQL archive at once")
def test_an_archive_of_another_postgresql_database_is_refused(live: User, tmp_path: Path) -> None:
    with postgres_database("nearer_foreign") as foreign:
        env = postgres.environment(foreign, "test")
        client = pg_client.choose(pg_client.clients(), 0)
        subprocess.run(
            [client.psql, "--quiet", "--command=CREATE TABLE recipes (name text)"],
            env=env,
            check=True,
        )
        archive = tmp_path / "foreign.dump"
        with archive.open("wb") as handle:
            subprocess.run([client.pg_dump, "--format=custom"], stdout=handle, env=env, check=True)
    before = counts(DEFAULT_DB_ALIAS)
    with pytest.raises(backups.UnusableBackup, match="is not a nearer database"):
        backups.restore(archive)
    assert counts(DEFAULT_DB_ALIAS) == before


def test_a_backup_from_a_newer_nearer_is_refused(live: User, tmp_path: Path) -> None:
    recorder = MigrationRecorder(connections[DEFAULT_DB_ALIAS])
    recorder.record_applied("couples", "9999_from_a_newer_nearer")
    try:
        backups.backup(tmp_path / "nearer.backup")
    finally:
        recorder.record_unapplied("couples", "9999_from_a_newer_nearer")
    before = counts(DEFAULT_DB_ALIAS)
    with pytest.raises(backups.UnusableBackup, match=r"couples\.9999_from_a_newer_nearer"):
        backups.restore(tmp_path / "nearer.backup")
    assert counts(DEFAULT_DB_ALIAS) == before


@pytest.mark.parametrize("app", ["futureapp", "admin"], ids=["a newer nearer's app", "Django's"])
def test_a_backup_with_a_migration_of_an_app_this_nearer_does_not_have_is_refused(
    live: User, tmp_path: Path, app: str
) -> None:
    recorder = MigrationRecorder(connections[DEFAULT_DB_ALIAS])
    recorder.record_applied(app, "0001_initial")
    try:
        backups.backup(tmp_path / "nearer.backup")
    finally:
        recorder.record_unapplied(app, "0001_initial")
    before = counts(DEFAULT_DB_ALIAS)
    with pytest.raises(backups.UnusableBackup, match=rf"newer version .*migration {app}\.0001"):
        backups.restore(tmp_path / "nearer.backup")
    assert counts(DEFAULT_DB_ALIAS) == before


def dropped(statement: str) -> Callable[[Path, Path], Path]:
    """The backup with `statement` run on it: a table or a column taken out by hand."""

    def make(good: Path, bad: Path) -> Path:
        bad.write_bytes(good.read_bytes())
        with sqlite3.connect(bad) as database:
            database.execute("PRAGMA foreign_keys = OFF")
            database.execute(statement)
        return bad

    return make


@pytest.mark.skipif(ENGINE != "sqlite", reason="an SQLite file changed by hand")
@pytest.mark.parametrize(
    ("statement", "lacks"),
    [
        ("DROP TABLE daily_checkin", "the table daily_checkin"),
        (
            "ALTER TABLE daily_checkin DROP COLUMN need_shared_at",
            "the column daily_checkin.need_shared_at",
        ),
    ],
    ids=["a table", "a column"],
)
def test_a_backup_lacking_what_its_own_migrations_made_is_refused_and_nothing_changes(
    live: User, tmp_path: Path, statement: str, lacks: str
) -> None:
    """Restored, it left a database no migration mends ("no such table" on every page)."""
    good = tmp_path / "nearer.backup"
    backups.backup(good)
    before = counts(DEFAULT_DB_ALIAS)
    bad = dropped(statement)(good, tmp_path / "bad")
    with pytest.raises(backups.UnusableBackup) as refused:
        backups.restore(bad)
    assert str(refused.value) == (
        f"{bad}: is not a whole nearer database: it lacks {lacks}, which its own migrations made "
        "(was it changed by hand?); nothing was changed"
    )
    assert counts(DEFAULT_DB_ALIAS) == before
    backups.restore(good)  # the whole one still restores


def test_the_schema_a_backups_migrations_made_is_checked_table_by_table_and_column_by_column(
    live: User,
) -> None:
    applied = frozenset(MigrationRecorder(connections[DEFAULT_DB_ALIAS]).applied_migrations())
    expected = contents.expected_schema(applied)
    assert {"daily_checkin", "accounts_user", "couples_membership"} <= set(expected)
    assert "note" in expected["daily_checkin"] and "user_id" in expected["daily_checkin"]
    whole = contents.Contents(
        rows=dict.fromkeys(expected, 0), migrations=applied, columns=dict(expected)
    )
    assert contents.missing_schema(whole) is None
    less = {**expected, "daily_checkin": expected["daily_checkin"] - {"note"}}
    assert contents.missing_schema(replace(whole, columns=less)) == "the column daily_checkin.note"
    unlisted = {k: v for k, v in expected.items() if k != "daily_checkin"}
    assert contents.missing_schema(replace(whole, columns=unlisted)) is None  # not known: no claim


def test_every_migration_of_djangos_and_third_party_apps_installed_here_is_known() -> None:
    known = contents.known_migrations()
    for app in ("auth", "contenttypes", "sessions", "couples", "vault"):
        assert (app, "0001_initial") in known
    assert contents.unknown_migrations([("auth", "0001_initial")], known) == []


def test_a_confirmation_that_says_no_restores_nothing(live: User, tmp_path: Path) -> None:
    backups.backup(tmp_path / "nearer.backup")
    make_checkin(DEFAULT_DB_ALIAS, live, timezone.localdate(), note=LATER)
    seen: list[backups.Summary] = []

    def says_no(summary: backups.Summary) -> bool:
        seen.append(summary)
        return False

    assert backups.restore(tmp_path / "nearer.backup", confirm=says_no) is None
    assert [summary.rows["daily_checkin"] for summary in seen] == [2]
    assert has_note(DEFAULT_DB_ALIAS, LATER)


def test_a_restored_table_nearer_does_not_see_is_named_with_the_likely_cause(
    live: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As on PostgreSQL with DATABASE_URL's options setting a search_path without nearer's schema.
    backups.backup(tmp_path / "nearer.backup")
    seen = backups.row_counts

    def without_users(connection: object) -> dict[str, int]:
        return {name: rows for name, rows in seen(connection).items() if name != "accounts_user"}

    monkeypatch.setattr(backups, "row_counts", without_users)
    with pytest.raises(backups.BackupError) as raised:
        backups.restore(tmp_path / "nearer.backup")
    said = str(raised.value)
    assert "None" not in said
    assert "does not see the table accounts_user" in said and "search_path" in said


def test_a_backup_under_a_server_key_the_key_file_lacks_is_refused_before_asking(
    live: User, tmp_path: Path
) -> None:
    backups.backup(tmp_path / "nearer.backup")
    sealed_under = keyfile.load().current
    make_checkin(DEFAULT_DB_ALIAS, live, timezone.localdate(), note=LATER)
    asked: list[backups.Summary] = []

    def says_yes(summary: backups.Summary) -> bool:
        asked.append(summary)
        return True

    with override_settings(VAULT_KEY_FILE=str(tmp_path / "keys" / "server-keys.json")):
        keyfile.load()  # another key file, with a key of its own
        with pytest.raises(backups.KeysNotHeld, match=f"under server key {sealed_under}, which"):
            backups.restore(tmp_path / "nearer.backup", confirm=says_yes)
        restored = backups.restore(tmp_path / "nearer.backup", without_key=True)
    assert asked == []
    assert restored is not None and set(restored.unheld) == {sealed_under}
    assert not has_note(DEFAULT_DB_ALIAS, LATER)


def test_an_archives_sealed_values_are_counted_by_server_key_in_sealed_columns_only() -> None:
    script = [
        b"COPY public.daily_answer (id, text, reply) FROM stdin;\n",
        b"1\tnv1:s:aaaa:xyz\tnv1:u:bbbb:zz\n",
        b"2\tnv1:s:aaaa:q\tnv1:s:cccc:r\n",
        b"\\.\n",
        b"COPY public.accounts_user (id, email) FROM stdin;\n",
        b"1\tnv1:s:dddd:x\n",
        b"\\.\n",
    ]
    found = pg_script.scan(script, {"daily_answer": {"text", "reply"}})
    assert found.sealed == {"aaaa": 2, "cccc": 1}
    assert found.rows == {"daily_answer": 2, "accounts_user": 1}
