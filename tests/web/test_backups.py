"""Backups taken while the app writes, restores that bring back exactly what was backed up, and
files that are refused with one clear line while nothing already saved changes.

Every test runs on the test database's engine: SQLite here, PostgreSQL under with_postgres.py.
"""

from __future__ import annotations

import contextlib
import contextvars
import fcntl
import json
import re
import sqlite3
import stat
import subprocess
import threading
import time
import zipfile
from collections.abc import Callable, Iterator, Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import IO, Any

import pytest
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.recorder import MigrationRecorder
from django.test import override_settings
from django.utils import timezone

from nearer.web import backups, migration_lock
from nearer.web.accounts.models import User
from nearer.web.api import tokens
from nearer.web.api.models import Token
from nearer.web.backups import access, contents, pg_client, pg_script, postgres, sqlite
from nearer.web.backups import waits as waiting
from nearer.web.backups.waits import Waits
from nearer.web.daily.models import CheckIn
from nearer.web.security.models import SignIn
from nearer.web.vault import keyfile
from tests.web.api.conftest import call
from tests.web.conftest import client_for
from tests.web.scratch import Scratch, postgres_database, postgres_server, scratch_database
from tests.web.seeds import ALICE, CANARY, PASSWORD, make_checkin, make_pair, yesterday

LATER = "written after the backup"
ENGINE = connections[DEFAULT_DB_ALIAS].vendor  # from the settings: no connection needed


def counts(alias: str) -> dict[str, int]:
    return backups.row_counts(connections[alias])


class Writer(threading.Thread):
    """Writes check-ins for one person, a day further back each time, until told to stop.

    Bounded: it stops by itself after LIMIT check-ins.
    """

    LIMIT = 5000
    FIRST = date(2020, 1, 1)

    def __init__(self, scratch: Scratch, user: User) -> None:
        super().__init__(daemon=True)
        self.scratch, self.user = scratch, user
        self.written = 0
        self.errors: list[BaseException] = []
        self.stopping = threading.Event()
        self.context = contextvars.copy_context()  # the test's keyring: alice's key is open

    def run(self) -> None:
        self.context.run(self.write)

    def write(self) -> None:
        self.scratch.attach()
        try:
            for n in range(1, self.LIMIT + 1):
                if self.stopping.is_set():
                    break
                make_checkin(self.scratch.alias, self.user, self.FIRST - timedelta(days=n))
                self.written = n
        except BaseException as error:  # reported by the test, not lost in the thread
            self.errors.append(error)
        finally:
            self.scratch.detach()

    def wait_until(self, written: int) -> int:
        """Block until `written` check-ins are in (a minute at most, a safety net only)."""
        deadline = time.monotonic() + 60
        while self.written < written and self.is_alive() and time.monotonic() < deadline:
            time.sleep(0.005)
        assert self.written >= written, self.errors
        return self.written


def without_ways_in(rows: Mapping[str, int]) -> dict[str, int]:
    """A backup's rows as a restore leaves them: no sign-in, session or API token."""
    return {**rows, **{model._meta.db_table: 0 for model in access.WAYS_IN}}


@pytest.fixture
def scratch(transactional_db: None, tmp_path: Path) -> Iterator[Scratch]:
    with scratch_database(tmp_path) as made:
        yield made


@pytest.fixture
def source(scratch: Scratch) -> str:
    """A migrated scratch database's alias."""
    return scratch.alias


@pytest.fixture
def live(transactional_db: None) -> User:
    """The test database with alice and bob in it; returns alice."""
    alice, _ = make_pair(DEFAULT_DB_ALIAS)
    return alice


def test_a_backup_taken_while_check_ins_are_written_restores_whole_into_an_empty_database(
    scratch: Scratch, tmp_path: Path
) -> None:
    source = scratch.alias
    alice, _ = make_pair(source)
    writer = Writer(scratch, alice)
    writer.start()
    try:
        before = writer.wait_until(20)
        summary = backups.backup(tmp_path / "nearer.backup", alias=source)
        during = writer.written
        writer.wait_until(during + 20)  # and it goes on writing
    finally:
        writer.stopping.set()
        writer.join()
    assert writer.errors == []
    make_checkin(source, alice, timezone.localdate(), note=LATER)

    with scratch_database(tmp_path, migrated=False) as target:
        empty = target.alias
        restored = backups.restore(tmp_path / "nearer.backup", alias=empty)
        assert restored is not None and restored.rows == summary.rows
        assert counts(empty) == without_ways_in(summary.rows)
        # alice's canary and her partner's check-in, plus the writer's rows up to the moment of
        # the snapshot (one more may have committed before `written` moved on).
        assert 2 + before <= summary.rows["daily_checkin"] <= 2 + during + 1
        mine = CheckIn.objects.using(empty).get(user__email=ALICE, day=yesterday())
        assert mine.note == CANARY
        assert not has_note(empty, LATER)
    assert counts(source)["daily_checkin"] > summary.rows["daily_checkin"]


def test_restoring_over_a_database_brings_back_the_backup_and_drops_what_came_later(
    source: str, tmp_path: Path
) -> None:
    alice, _ = make_pair(source)
    summary = backups.backup(tmp_path / "nearer.backup", alias=source)
    make_checkin(source, alice, timezone.localdate(), note=LATER)
    User.objects.db_manager(source).create_user("dave@example.org", "x" * 20)

    restored = backups.restore(tmp_path / "nearer.backup", alias=source)
    assert restored is not None and restored.rows == summary.rows

    assert counts(source) == without_ways_in(summary.rows)
    assert CheckIn.objects.using(source).get(user=alice, day=yesterday()).note == CANARY
    assert not has_note(source, LATER)
    assert not User.objects.using(source).filter(email="dave@example.org").exists()


NEW_PASSWORD = "a new password nobody else knows"


def test_a_restore_gives_back_no_sign_in_token_or_password_taken_back_after_the_backup(
    live: User, tmp_path: Path
) -> None:
    signed_in, (_, token) = client_for(live), tokens.issue(live, "the partner's phone")
    assert call(None, "GET", "/me", token=token).status_code == 200
    backups.backup(tmp_path / "nearer.backup")
    # docs/security.md's advice when a partner has unwanted access, taken after the backup:
    signed_in.logout()
    Token.objects.all().delete()
    live.set_password(NEW_PASSWORD)
    live.save()

    restored = backups.restore(tmp_path / "nearer.backup")

    assert restored is not None and restored.ended is not None
    assert (restored.ended.tokens, restored.ended.passwords) == (2, 1)  # make_pair's and this
    assert restored.ended.sign_ins >= 1  # the backup's sign-in of alice's, ended again
    assert call(None, "GET", "/me", token=token).status_code == 401
    assert signed_in.get("/home/").status_code == 302  # to sign in
    assert not Token.objects.exists() and not SignIn.objects.exists()
    assert User.objects.get(pk=live.pk).check_password(PASSWORD)  # the backup's, as it says


def test_a_restore_whose_check_fails_still_refuses_a_token_revoked_after_the_backup(
    live: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, token = tokens.issue(live, "the partner's phone")
    backups.backup(tmp_path / "nearer.backup")
    Token.objects.all().delete()  # revoked after the backup
    real = backups.row_counts

    def one_short(connection: object) -> dict[str, int]:
        counts = real(connection)
        table = CheckIn._meta.db_table
        return {**counts, table: counts[table] - 1}

    monkeypatch.setattr(backups, "row_counts", one_short)
    with pytest.raises(backups.BackupError, match="its sign-ins and API tokens were ended"):
        backups.restore(tmp_path / "nearer.backup")
    assert call(None, "GET", "/me", token=token).status_code == 401
    assert not Token.objects.exists() and not SignIn.objects.exists()


def test_a_restore_whose_sign_ins_cannot_be_ended_says_so_in_one_line(
    live: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backups.backup(tmp_path / "nearer.backup")

    def fails(connection: object, before: object, backed_up: object) -> None:
        raise DatabaseError("disk I/O error")

    monkeypatch.setattr(access, "end_access", fails)
    with pytest.raises(backups.BackupError, match="sign-ins and API tokens could not be ended"):
        backups.restore(tmp_path / "nearer.backup")


def test_a_restore_stopped_right_after_its_load_gives_back_no_token_or_sign_in(
    live: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The load itself leaves the backup's sign-ins and tokens out: nothing after it (a failed
    step, a process killed) can leave a token revoked after the backup working."""
    signed_in, (_, token) = client_for(live), tokens.issue(live, "the partner's phone")
    backups.backup(tmp_path / "nearer.backup")
    Token.objects.all().delete()  # revoked after the backup

    def dies(*args: object) -> None:
        raise KeyboardInterrupt  # as a process stopped between the load and ending access

    monkeypatch.setattr(access, "end_access", dies)
    with pytest.raises(KeyboardInterrupt):
        backups.restore(tmp_path / "nearer.backup")
    assert call(None, "GET", "/me", token=token).status_code == 401
    assert signed_in.get("/home/").status_code == 302  # to sign in
    assert not Token.objects.exists() and not SignIn.objects.exists()


def test_a_restored_database_takes_new_writes(source: str, tmp_path: Path) -> None:
    alice, _ = make_pair(source)
    backups.backup(tmp_path / "nearer.backup", alias=source)
    backups.restore(tmp_path / "nearer.backup", alias=source)
    # The id sequences came back too: a new row does not collide with a restored one.
    assert make_checkin(source, alice, timezone.localdate(), note=LATER).pk > 0


@pytest.mark.skipif(ENGINE != "sqlite", reason="the file lock is SQLite's")
def test_a_restore_waits_for_a_nearer_applying_migrations_before_it_loads(
    source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice, _ = make_pair(source)
    backups.backup(tmp_path / "nearer.backup", alias=source)
    make_checkin(source, alice, timezone.localdate(), note=LATER)
    monkeypatch.setattr(migration_lock, "QUIET_WAIT", 0.2)
    lock = migration_lock.lock_file(Path(connections[source].settings_dict["NAME"]))
    said: list[str] = []
    with lock.open("a") as serve:  # another nearer, half-way through its migrations
        fcntl.flock(serve, fcntl.LOCK_EX)
        release = threading.Timer(0.6, fcntl.flock, (serve, fcntl.LOCK_UN))
        release.start()
        start = time.monotonic()
        try:
            backups.restore(
                tmp_path / "nearer.backup", alias=source, waiting=lambda: said.append("waiting")
            )
        finally:
            release.join()
    assert said == ["waiting"] and time.monotonic() - start >= 0.5
    assert not has_note(source, LATER)


@contextlib.contextmanager
def another_writer(alias: str) -> Iterator[sqlite3.Connection]:
    """Another program in a write transaction on the SQLite database of `alias`."""
    other = sqlite3.connect(connections[alias].settings_dict["NAME"], check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield other
    finally:
        other.rollback()
        other.close()


@pytest.mark.skipif(ENGINE != "sqlite", reason="the write lock here is SQLite's")
def test_a_restore_behind_another_writer_says_it_waits_then_loads(
    source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice, _ = make_pair(source)
    backups.backup(tmp_path / "nearer.backup", alias=source)
    make_checkin(source, alice, timezone.localdate(), note=LATER)
    monkeypatch.setattr(sqlite, "QUIET_WAIT", 0.2)
    said: list[str] = []
    with another_writer(source) as other:
        # The writer finishes a while after the restore says it waits, however long the checks
        # before the load took: a timer started earlier could end before the restore came to wait.
        done = threading.Timer(0.3, other.rollback)

        def busy() -> None:
            said.append("busy")
            done.start()

        try:
            backups.restore(
                tmp_path / "nearer.backup",
                alias=source,
                busy=busy,
                writing=lambda: said.append("writing"),
            )
        finally:
            if said:  # the timer was started
                done.join()
    assert said == ["busy", "writing"]  # written only once the writer was done
    assert not has_note(source, LATER)


@pytest.mark.skipif(ENGINE != "sqlite", reason="the write lock here is SQLite's")
def test_a_restore_gives_up_behind_a_writer_that_does_not_finish_and_changes_nothing(
    source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice, _ = make_pair(source)
    backups.backup(tmp_path / "nearer.backup", alias=source)
    make_checkin(source, alice, timezone.localdate(), note=LATER)
    monkeypatch.setattr(sqlite, "LOCK_WAIT", 2.0)
    started = time.monotonic()
    with another_writer(source), pytest.raises(backups.BackupError) as raised:
        backups.restore(tmp_path / "nearer.backup", alias=source)
    assert time.monotonic() - started < 20
    assert str(raised.value).endswith(
        "another program has held the database's write lock for more than 2 seconds; try again "
        "once it is done; nothing was changed"
    )
    assert has_note(source, LATER)


@pytest.mark.skipif(ENGINE != "sqlite", reason="the write lock here is SQLite's")
def test_a_restores_wait_for_the_write_lock_and_its_copys_add_up_to_its_lock_wait_at_most(
    source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice, _ = make_pair(source)
    backups.backup(tmp_path / "nearer.backup", alias=source)
    make_checkin(source, alice, timezone.localdate(), note=LATER)
    monkeypatch.setattr(sqlite, "QUIET_WAIT", 0.2)
    monkeypatch.setattr(sqlite, "LOCK_WAIT", 2.0)
    real, began, said = sqlite._write_lock_free, [], []
    with contextlib.ExitStack() as writers:
        # One writer done after 1.5 seconds, just before the copy another that does not finish:
        # each wait is shorter than 2 seconds, not the two together.
        def behind_two_writers(*args: Any) -> None:
            first = writers.enter_context(another_writer(source))
            done = threading.Timer(1.5, first.rollback)
            writers.callback(done.join)
            began.append(time.monotonic())
            done.start()
            real(*args)
            writers.enter_context(another_writer(source))

        monkeypatch.setattr(sqlite, "_write_lock_free", behind_two_writers)
        with pytest.raises(backups.BackupError, match=re.escape("more than 2 seconds")):
            backups.restore(
                tmp_path / "nearer.backup",
                alias=source,
                busy=lambda: said.append("busy"),
                writing=lambda: said.append("writing"),
                loaded=lambda: said.append("loaded"),
            )
        gave_up = time.monotonic()
    assert gave_up - began[0] < 2.0 + 0.6  # not 1.5 + 2 seconds
    assert said == ["busy", "writing"]  # never loaded
    assert has_note(source, LATER)


class StoppedAsTheWriteLockIsTaken:
    """A SQLite connection on which a stop (Ctrl-C, SIGTERM) is heard just as BEGIN IMMEDIATE
    has taken the write lock, as the signal's handler would raise it."""

    def __init__(self, real: sqlite3.Connection) -> None:
        self.real = real

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        cursor = self.real.execute(sql, *args)
        if sql == "BEGIN IMMEDIATE":
            raise KeyboardInterrupt
        return cursor

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


@pytest.mark.skipif(ENGINE != "sqlite", reason="the write lock here is SQLite's")
def test_a_restore_stopped_as_it_takes_the_write_lock_lets_it_go(
    source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice, _ = make_pair(source)
    backups.backup(tmp_path / "nearer.backup", alias=source)
    make_checkin(source, alice, timezone.localdate(), note=LATER)
    real = sqlite.raw
    monkeypatch.setattr(
        sqlite, "raw", lambda connection: StoppedAsTheWriteLockIsTaken(real(connection))
    )
    with pytest.raises(KeyboardInterrupt):
        backups.restore(tmp_path / "nearer.backup", alias=source)
    assert not connections[source].connection.in_transaction
    with another_writer(source):  # the running server can write again
        pass
    assert has_note(source, LATER)


class LockedAtFirst:
    """A SQLite connection whose first tries to take the write lock fail with SQLite's extended
    result `code`, as when another connection recovers the WAL."""

    def __init__(self, real: sqlite3.Connection, code: int, tries: int = 3) -> None:
        self.real, self.code, self.tries = real, code, tries

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if sql == "BEGIN IMMEDIATE" and self.tries:
            self.tries -= 1
            error = sqlite3.OperationalError("database is locked")
            error.sqlite_errorcode = self.code  # type: ignore[attr-defined]
            raise error
        return self.real.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


@pytest.mark.parametrize(
    "code",
    [sqlite3.SQLITE_BUSY_RECOVERY, sqlite3.SQLITE_BUSY_SNAPSHOT, sqlite3.SQLITE_LOCKED_SHAREDCACHE],
    ids=["BUSY_RECOVERY", "BUSY_SNAPSHOT", "LOCKED_SHAREDCACHE"],
)
def test_a_restore_waits_for_a_lock_sqlite_names_by_an_extended_code_too(
    tmp_path: Path, code: int
) -> None:
    with contextlib.closing(
        sqlite3.connect(tmp_path / "live.sqlite3", isolation_level=None)
    ) as live:
        target = LockedAtFirst(live, code, tries=3)
        sqlite._write_lock_free(target, Waits(), 5.0)  # type: ignore[arg-type]
        assert target.tries == 0 and not live.in_transaction


def the_look_waited_all_but_a_millisecond(monkeypatch: pytest.MonkeyPatch) -> None:
    """The restore's look at the accounts (patiently()) returns as if it had waited for locks
    all but the last millisecond of the engine's LOCK_WAIT."""
    engine = sqlite if ENGINE == "sqlite" else postgres
    real = engine.patiently

    def nearly_all(connection: Any, read: Callable[[], Any], waits: Waits) -> Any:
        found = real(connection, read, waits)
        waits.ended = max(waits.ended, engine.LOCK_WAIT - 0.001)
        return found

    monkeypatch.setattr(engine, "patiently", nearly_all)


def loads_behind_a_brief_lock(
    backup: Path, alias: str, release: Callable[[], None], monkeypatch: pytest.MonkeyPatch
) -> list[str]:
    """Restore `backup` into `alias` after a look that waited nearly all of LOCK_WAIT, while
    another program holds a lock the load needs until half a second after the restore says it
    waits (then `release`); what the restore said."""
    the_look_waited_all_but_a_millisecond(monkeypatch)
    monkeypatch.setattr(sqlite if ENGINE == "sqlite" else postgres, "QUIET_WAIT", 0.2)
    said: list[str] = []
    done = threading.Timer(0.5, release)

    def busy() -> None:
        said.append("busy")
        done.start()

    try:
        backups.restore(backup, alias=alias, busy=busy, writing=lambda: said.append("writing"))
    finally:
        if said:  # the timer was started
            done.join()
    return said


@pytest.mark.skipif(ENGINE != "sqlite", reason="the write lock here is SQLite's")
def test_a_restore_whose_look_used_nearly_all_its_wait_still_loads_behind_a_brief_writer(
    source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice, _ = make_pair(source)
    backups.backup(tmp_path / "nearer.backup", alias=source)
    make_checkin(source, alice, timezone.localdate(), note=LATER)
    with another_writer(source) as other:
        said = loads_behind_a_brief_lock(
            tmp_path / "nearer.backup", source, other.rollback, monkeypatch
        )
    assert said == ["busy", "writing"]
    assert not has_note(source, LATER)


@pytest.mark.skipif(ENGINE != "postgresql", reason="PostgreSQL's table locks and lock_timeout")
def test_a_restore_whose_look_used_nearly_all_its_wait_still_loads_behind_a_brief_transaction(
    live: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = backed_up_then_written(live, tmp_path)
    with another_transaction("daily_checkin") as finish:
        said = loads_behind_a_brief_lock(backup, DEFAULT_DB_ALIAS, finish, monkeypatch)
    assert said == ["busy", "writing"]
    assert not has_note(DEFAULT_DB_ALIAS, LATER)


def readable_text(path: Path) -> bytes:
    """The backup's bytes, and for a PostgreSQL archive its uncompressed contents too."""
    raw = path.read_bytes()
    if not raw.startswith(b"PGDMP"):
        return raw
    client = pg_client.choose(pg_client.clients(), 0)
    script = subprocess.run([client.pg_restore, "--file=-", path], capture_output=True, check=True)
    return raw + script.stdout


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


def has_note(alias: str, note: str) -> bool:
    """Whether a check-in in `alias` has this note (notes are sealed: opened to compare)."""
    return note in [checkin.note for checkin in CheckIn.objects.using(alias)]


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


@contextlib.contextmanager
def another_transaction(*tables: str, exclusive: bool = False) -> Iterator[Callable[[], None]]:
    """Another program's transaction on the PostgreSQL test database that has read `tables`
    (all of nearer's when none are named), or locked them `exclusive`ly as ALTER TABLE does,
    holding them until the function yielded is called (or the block ends)."""
    held = postgres_server()
    held.autocommit = False
    named = tables or backups.row_counts(connections[DEFAULT_DB_ALIAS])
    for table in named:
        if exclusive:
            held.execute(f'LOCK TABLE "{table}" IN ACCESS EXCLUSIVE MODE')
        else:
            held.execute(f'SELECT 1 FROM "{table}" LIMIT 0')
    try:
        yield held.rollback
    finally:
        held.rollback()
        held.close()


def backed_up_then_written(user: User, tmp_path: Path) -> Path:
    """A backup of the test database, which then gets a check-in the backup does not have."""
    backups.backup(tmp_path / "nearer.backup")
    make_checkin(DEFAULT_DB_ALIAS, user, timezone.localdate(), note=LATER)
    return tmp_path / "nearer.backup"


@pytest.mark.skipif(ENGINE != "postgresql", reason="PostgreSQL's table locks and lock_timeout")
def test_asking_whether_a_stopped_restore_finished_waits_for_a_held_table_a_while_only(
    live: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = backups.backup(tmp_path / "nearer.backup")
    assert backups.holds(summary)
    monkeypatch.setattr(backups, "HOLDS_WAIT", 0.2)
    with another_transaction("daily_checkin", exclusive=True), pytest.raises(DatabaseError):
        backups.holds(summary)


@pytest.mark.skipif(ENGINE != "postgresql", reason="PostgreSQL's table locks")
def test_a_restore_behind_another_transaction_says_it_waits_then_loads(
    live: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = backed_up_then_written(live, tmp_path)
    monkeypatch.setattr(postgres, "QUIET_WAIT", 0.2)
    said: list[str] = []
    with another_transaction("daily_checkin") as finish:
        # It finishes a while after the restore says it waits (a timer started earlier could
        # end before the checks were done and the restore came to wait).
        done = threading.Timer(0.3, finish)

        def busy() -> None:
            said.append("busy")
            done.start()

        try:
            backups.restore(backup, busy=busy, writing=lambda: said.append("writing"))
        finally:
            if said:  # the timer was started
                done.join()
    assert said == ["busy", "writing"]  # written only once the transaction was done
    assert not has_note(DEFAULT_DB_ALIAS, LATER)


@pytest.mark.skipif(ENGINE != "postgresql", reason="PostgreSQL's table locks and lock_timeout")
def test_a_restore_gives_up_behind_a_transaction_that_does_not_finish_and_changes_nothing(
    live: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = backed_up_then_written(live, tmp_path)
    monkeypatch.setattr(postgres, "QUIET_WAIT", 0.2)
    monkeypatch.setattr(postgres, "LOCK_WAIT", 2.0)
    said: list[str] = []
    started = time.monotonic()
    with another_transaction("daily_checkin"), pytest.raises(backups.BackupError) as raised:
        backups.restore(backup, busy=lambda: said.append("busy"))
    assert time.monotonic() - started < 30  # not for as long as the transaction lasts
    assert str(raised.value) == (
        f"{backup}: another transaction has held tables the restore replaces for more than 2 "
        "seconds; try again once it is done (or stop nearer's server first); nothing was changed"
    )
    assert said == ["busy"]
    assert has_note(DEFAULT_DB_ALIAS, LATER)
    assert backups.restore(backup) is not None  # the backup is as it was


#: Conditions on pg_stat_activity for sessions_on_the_server().
RESTORE = "application_name = 'nearer restore'"
WAITING_FOR_A_LOCK = "wait_event_type = 'Lock'"


def sessions_on_the_server(*conditions: str, within: float = 0) -> int:
    """How many sessions the PostgreSQL test server has that meet all `conditions`, once there
    is one or `within` seconds have passed."""
    query = " AND ".join(["SELECT count(*) FROM pg_stat_activity WHERE TRUE", *conditions])
    deadline = time.monotonic() + within
    with postgres_server() as server:
        while True:
            found = server.execute(query).fetchone()
            assert found is not None
            if found[0] or time.monotonic() >= deadline:
                return int(found[0])
            time.sleep(0.02)


@pytest.mark.skipif(ENGINE != "postgresql", reason="PostgreSQL's table locks")
def test_a_restore_stopped_while_it_waits_leaves_nothing_waiting_on_the_server(
    live: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = backed_up_then_written(live, tmp_path)
    monkeypatch.setattr(postgres, "QUIET_WAIT", 0.2)
    monkeypatch.setattr(postgres, "LOCK_WAIT", 60.0)

    def stopped() -> None:  # SIGTERM as the CLI turns it (cli/stopping.py), as it waits
        raise SystemExit(143)

    written: list[str] = []
    with another_transaction("daily_checkin"):
        with pytest.raises(SystemExit):
            backups.restore(backup, busy=stopped, writing=lambda: written.append("writing"))
        assert written == []  # stopped while it waited: it never began to write
        deadline = time.monotonic() + 3
        while sessions_on_the_server(RESTORE) and time.monotonic() < deadline:
            time.sleep(0.05)
        # Not left waiting for the table, holding the others it took meanwhile (and the app).
        assert sessions_on_the_server(RESTORE) == 0
    assert has_note(DEFAULT_DB_ALIAS, LATER)


@pytest.mark.skipif(ENGINE != "postgresql", reason="psql's load")
def test_a_restore_stopped_once_psql_has_committed_says_it_wrote(
    live: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stop handled while psql's TAKEN waits unread in the pipe and psql commits: stop()
    comes too late to roll anything back, so the load is said to have written."""
    backup = backed_up_then_written(live, tmp_path)

    def committed_then_stopped(stream: IO[bytes], waits: Waits) -> bool:
        stream.read()  # to the end: psql has run the whole script and commits as it exits
        raise KeyboardInterrupt

    monkeypatch.setattr(postgres, "tables_taken", committed_then_stopped)
    said: list[str] = []
    with pytest.raises(KeyboardInterrupt):
        backups.restore(backup, writing=lambda: said.append("writing"))
    assert said == ["writing"]
    assert not has_note(DEFAULT_DB_ALIAS, LATER)  # it was written, as it says


@pytest.mark.skipif(ENGINE != "postgresql", reason="PostgreSQL's table locks and lock_timeout")
def test_a_restore_behind_a_table_held_exclusively_says_it_waits_then_gives_up(
    live: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = backed_up_then_written(live, tmp_path)
    monkeypatch.setattr(postgres, "QUIET_WAIT", 0.2)
    monkeypatch.setattr(postgres, "LOCK_WAIT", 1.5)
    said: list[str] = []
    with another_transaction("accounts_user", exclusive=True) as finish:
        # Held for ever but for this safety net: the restore used to wait for as long.
        safety = threading.Timer(15, finish)
        safety.start()
        try:
            with pytest.raises(backups.BackupError, match=re.escape("more than 1.5 s")) as raised:
                backups.restore(backup, busy=lambda: said.append("busy"))
        finally:
            safety.cancel()
    assert said == ["busy"]
    assert str(raised.value).endswith("; nothing was changed")
    assert has_note(DEFAULT_DB_ALIAS, LATER)


@pytest.mark.skipif(ENGINE != "postgresql", reason="PostgreSQL's table locks and lock_timeout")
def test_a_restores_waits_for_one_table_after_another_add_up_to_its_lock_wait_at_most(
    live: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = backed_up_then_written(live, tmp_path)
    monkeypatch.setattr(postgres, "LOCK_WAIT", 2.5)
    with another_transaction() as first, another_transaction("daily_checkin") as second:
        # From when the restore waits: every table held 1 second more, one of them 3 seconds,
        # so each table's wait is shorter than 2.5 seconds, but not the two together.
        def release_one_then_the_other() -> None:
            if sessions_on_the_server(RESTORE, WAITING_FOR_A_LOCK, within=30):
                time.sleep(1)
                first()
                time.sleep(2)
                second()

        releasing = threading.Thread(target=release_one_then_the_other)
        releasing.start()
        try:
            with pytest.raises(backups.BackupError, match=re.escape("more than 2.5 seconds")):
                backups.restore(backup)
        finally:
            releasing.join()
    assert has_note(DEFAULT_DB_ALIAS, LATER)


def test_a_restores_waits_are_timed_only_while_it_waits_and_it_says_so_once() -> None:
    told: list[str] = []
    waits = Waits(lambda: told.append("busy"))
    with waits.timing():
        time.sleep(0.05)
    time.sleep(0.3)  # writing the load's script, say: not a wait
    assert 0.05 <= waits.seconds() < 0.3
    assert waits.left(10.0) == pytest.approx(10.0 - waits.seconds())
    waits.tell()
    waits.tell()
    assert told == ["busy"] and waits.until_told(5.0) is None


def test_the_load_gets_a_few_seconds_however_long_the_look_before_it_waited() -> None:
    now = [100.0]
    waits = Waits(clock=lambda: now[0])
    with waits.timing():
        now[0] += 10.0  # a look at the accounts held up 10 seconds: the load gets the rest
    assert waits.for_load(60.0) == pytest.approx(50.0)
    with waits.timing():
        now[0] += 49.999  # held up again until a millisecond is left
    assert waits.left(60.0) == pytest.approx(0.001)
    assert waits.for_load(60.0) == waiting.FLOOR > 1.0
    assert waits.for_load(2.0) == 2.0  # never more than the limit itself


def test_a_restore_is_said_to_write_once_only() -> None:
    said: list[str] = []
    waits = Waits(writing=lambda: said.append("writing"))
    waits.over()
    waits.over()
    assert said == ["writing"]


@pytest.mark.skipif(ENGINE != "postgresql", reason="PostgreSQL's table locks and lock_timeout")
def test_a_restore_whose_sign_ins_are_held_after_its_load_says_it_is_restored_and_what_is_left(
    live: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = backed_up_then_written(live, tmp_path)
    monkeypatch.setattr(postgres, "QUIET_WAIT", 0.2)
    monkeypatch.setattr(postgres, "LOCK_WAIT", 1.5)
    real, held, finishes = postgres.load, contextlib.ExitStack(), []

    def then_held(*args: Any) -> None:  # as the running server signing someone in just after
        real(*args)
        finishes.append(held.enter_context(another_transaction("django_session", exclusive=True)))

    monkeypatch.setattr(postgres, "load", then_held)
    said: list[str] = []
    started = time.monotonic()
    with held:
        # Held for ever but for this safety net: ending the sign-ins used to wait for as long.
        safety = threading.Timer(15, lambda: [finish() for finish in finishes])
        safety.start()
        try:
            with pytest.raises(backups.BackupError) as raised:
                backups.restore(backup, busy=lambda: said.append("busy"))
        finally:
            safety.cancel()
    assert time.monotonic() - started < 15
    assert str(raised.value) == (
        f"{backup}: restored (the database holds the backup now), but another transaction held "
        "the tables of its sign-ins, API tokens or accounts for more than 1.5 seconds, so "
        "sign-ins and API tokens made since the load may still work; stop nearer's server, then "
        "restore it again"
    )
    assert said == ["busy"]
    assert not has_note(DEFAULT_DB_ALIAS, LATER)  # the data is the backup's


def signed_in_since_the_load(user: User, many: int) -> None:
    """`many` sign-ins of `user`'s, as the running server makes them just after the load."""
    now = timezone.now()
    for n in range(many):
        SignIn.objects.create(
            user_id=user.pk, session_key=f"since-the-load-{n}", created_at=now, last_seen_at=now
        )


def accounts_held_after_the_load(
    user: User, held: contextlib.ExitStack, monkeypatch: pytest.MonkeyPatch
) -> list[Callable[[], None]]:
    """The load, then three sign-ins of `user`'s and a transaction holding the accounts
    exclusively (an open ALTER TABLE), until `held` closes or what is returned is called."""
    real, finishes = postgres.load, []

    def then_held(*args: Any) -> None:
        real(*args)
        signed_in_since_the_load(user, 3)
        finishes.append(held.enter_context(another_transaction("accounts_user", exclusive=True)))

    monkeypatch.setattr(postgres, "load", then_held)
    return finishes


@pytest.mark.skipif(ENGINE != "postgresql", reason="PostgreSQL's table locks and lock_timeout")
def test_a_restore_whose_accounts_are_held_after_its_load_leaves_the_sign_ins_it_says_may_work(
    live: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = backed_up_then_written(live, tmp_path)
    monkeypatch.setattr(postgres, "QUIET_WAIT", 0.2)
    monkeypatch.setattr(postgres, "LOCK_WAIT", 1.5)
    with contextlib.ExitStack() as held:
        finishes = accounts_held_after_the_load(live, held, monkeypatch)
        # Held for ever but for this safety net.
        safety = threading.Timer(15, lambda: [finish() for finish in finishes])
        safety.start()
        try:
            with pytest.raises(backups.BackupError, match="may still work") as raised:
                backups.restore(backup, busy=lambda: None)
        finally:
            safety.cancel()
    assert "accounts" in str(raised.value)
    assert SignIn.objects.count() == 3  # as it says: not ended, the read of the accounts too late
    assert not has_note(DEFAULT_DB_ALIAS, LATER)  # the data is the backup's


@pytest.mark.skipif(ENGINE != "postgresql", reason="PostgreSQL's table locks and lock_timeout")
def test_a_restore_whose_accounts_are_held_a_while_after_its_load_counts_every_sign_in_it_ends(
    live: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = backed_up_then_written(live, tmp_path)
    assert not SignIn.objects.exists()  # the backup has none: every one counted is ended after
    monkeypatch.setattr(postgres, "QUIET_WAIT", 0.2)
    with contextlib.ExitStack() as held:
        finishes = accounts_held_after_the_load(live, held, monkeypatch)
        restored = backups.restore(backup, busy=lambda: [finish() for finish in finishes])
    assert restored is not None and restored.ended is not None
    assert restored.ended.sign_ins == 3  # ended on the second try, not on the first
    assert not SignIn.objects.exists()


@pytest.mark.skipif(ENGINE != "postgresql", reason="PostgreSQL's table locks and lock_timeout")
def test_a_restores_look_at_the_accounts_and_its_load_wait_its_lock_wait_in_all_at_most(
    live: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = backed_up_then_written(live, tmp_path)
    monkeypatch.setattr(postgres, "QUIET_WAIT", 0.2)
    monkeypatch.setattr(postgres, "LOCK_WAIT", 3.0)
    monkeypatch.setattr(waiting, "FLOOR", 0.5)  # less than the look leaves the load
    began: list[float] = []
    with (
        another_transaction("accounts_user", exclusive=True) as accounts,
        another_transaction("daily_checkin"),
    ):
        # The look at the accounts waits 2 seconds, then the load waits for daily_checkin: each
        # wait is shorter than 3 seconds, not the two together.
        def release_the_accounts() -> None:
            # Any session, not only RESTORE: its look at the accounts waits on Django's own.
            if sessions_on_the_server(WAITING_FOR_A_LOCK, within=30):
                began.append(time.monotonic())
                time.sleep(2)
                accounts()

        releasing = threading.Thread(target=release_the_accounts)
        releasing.start()
        try:
            with pytest.raises(backups.BackupError, match=re.escape("more than 3 seconds")):
                backups.restore(backup, busy=lambda: None)
        finally:
            releasing.join()
        gave_up = time.monotonic()
    assert began and gave_up - began[0] < 3.0 + 1.0  # not 2 + 3 seconds
    assert has_note(DEFAULT_DB_ALIAS, LATER)


@contextlib.contextmanager
def session_options(options: str) -> Iterator[None]:
    """The test database's new connections (Django's and the client tools') made with
    DATABASE_URL's `options` (docs/configuration.md), until the block ends."""
    connection = connections[DEFAULT_DB_ALIAS]
    before = connection.settings_dict["OPTIONS"]
    connection.close()
    connection.settings_dict["OPTIONS"] = {**before, "options": options}
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["OPTIONS"] = before


@pytest.mark.skipif(ENGINE != "postgresql", reason="PostgreSQL's statement_timeout")
def test_a_statement_timeout_in_database_url_does_not_cut_a_restores_wait_short(
    live: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = backed_up_then_written(live, tmp_path)
    monkeypatch.setattr(postgres, "QUIET_WAIT", 1.0)
    monkeypatch.setattr(postgres, "LOCK_WAIT", 2.0)
    said: list[str] = []
    with (
        session_options("-c statement_timeout=300ms"),
        another_transaction("accounts_user", exclusive=True) as finish,
    ):
        safety = threading.Timer(15, finish)  # held for ever but for this
        safety.start()
        try:
            with pytest.raises(backups.BackupError) as raised:
                backups.restore(backup, busy=lambda: said.append("busy"))
        finally:
            safety.cancel()
    assert str(raised.value) == (
        f"{backup}: another transaction has held tables the restore replaces for more than 2 "
        "seconds; try again once it is done (or stop nearer's server first); nothing was changed"
    )
    assert said == ["busy"]
    assert has_note(DEFAULT_DB_ALIAS, LATER)


@pytest.mark.skipif(ENGINE != "postgresql", reason="PostgreSQL's cancelled statements")
def test_a_restores_look_at_the_accounts_cancelled_on_the_server_is_one_line(
    live: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = backed_up_then_written(live, tmp_path)

    def cancelled(connection: Any) -> dict[int, str]:  # as by pg_cancel_backend() from psql
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_cancel_backend(pg_backend_pid()), pg_sleep(5)")
        return {}

    monkeypatch.setattr(access, "passwords", cancelled)
    with pytest.raises(backups.BackupError) as raised:
        backups.restore(backup)
    assert str(raised.value) == (
        f"{backup}: PostgreSQL refused the restore (canceling statement due to user request); "
        "nothing was changed"
    )
    assert has_note(DEFAULT_DB_ALIAS, LATER)


@pytest.mark.skipif(ENGINE != "postgresql", reason="PostgreSQL's deadlock detection")
def test_a_restore_in_a_deadlock_with_the_app_says_to_try_again_and_changes_nothing(
    live: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = backed_up_then_written(live, tmp_path)
    monkeypatch.setattr(postgres, "LOCK_WAIT", 20.0)
    app = postgres_server()
    app.autocommit = False
    app.execute("SELECT 1 FROM django_session LIMIT 0")
    read: list[str] = []

    def then_the_accounts() -> None:
        # The restore takes accounts_user, then waits for django_session; the app's
        # transaction then wants accounts_user, and PostgreSQL ends the restore's wait.
        if sessions_on_the_server(RESTORE, WAITING_FOR_A_LOCK, within=30):
            app.execute("SELECT 1 FROM accounts_user LIMIT 0")
            read.append("accounts")
        app.rollback()

    reading = threading.Thread(target=then_the_accounts)
    reading.start()
    try:
        with pytest.raises(backups.BackupError) as raised:
            backups.restore(backup)
    finally:
        reading.join()
        app.close()
    assert str(raised.value) == (
        f"{backup}: another transaction and the restore each waited for a table the other "
        "held (a deadlock); try again once it is done (or stop nearer's server first); "
        "nothing was changed"
    )
    assert read == ["accounts"]
    assert has_note(DEFAULT_DB_ALIAS, LATER)


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


# -- Finding pg_dump --------------------------------------------------------------------------


def client(major: int) -> pg_client.Client:
    folder = Path(f"/usr/lib/postgresql/{major}/bin")
    return pg_client.Client(major, folder / "pg_dump", folder / "pg_restore", folder / "psql")


def test_the_newest_client_is_chosen() -> None:
    assert pg_client.choose([client(13), client(17), client(15)], 16).major == 17


def test_a_client_older_than_the_server_is_refused_with_what_to_install() -> None:
    with pytest.raises(backups.BackupError, match="postgresql-client-17"):
        pg_client.choose([client(15)], 17)


def test_no_client_at_all_says_what_to_install() -> None:
    with pytest.raises(backups.BackupError, match="not found"):
        pg_client.choose([], 15)


@pytest.mark.parametrize(
    "stderr",
    [
        b"psql:/tmp/x/restore.sql:42: ERROR:  55P03: canceling statement due to lock timeout\n"
        b"LOCATION:  ProcessInterrupts, postgres.c:3342\n",
        b"psql:/tmp/x/restore.sql:42: FEHLER:  55P03: Anweisung wegen "
        b"Sperrzeit\xc3\xbcberschreitung abgebrochen\nORT:  ProcessInterrupts, postgres.c:3342\n",
    ],
    ids=["english", "german"],
)
def test_a_lock_timeout_is_known_by_its_sqlstate_in_any_language(stderr: bytes) -> None:
    state, line = pg_client.psql_error(stderr)
    assert state == pg_client.LOCK_NOT_AVAILABLE and "55P03" in line and "postgres.c" not in line


def test_a_psql_message_without_a_sqlstate_is_its_last_line() -> None:
    said = b"psql: error: connection to server failed\nis the server running?\n"
    assert pg_client.psql_error(said) == (None, "is the server running?")
