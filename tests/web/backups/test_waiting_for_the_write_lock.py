"""A restore behind another writer on SQLite says it waits, loads once the writer is done or
gives up with nothing changed, and its waits add up to its bound; on either engine, a look at
the accounts that used nearly all of that bound still leaves the load its few seconds.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from nearer.web import backups
from nearer.web.accounts.models import User
from nearer.web.backups import postgres, sqlite
from nearer.web.backups.waits import Waits
from tests.web.backups.support import (
    ENGINE,
    LATER,
    another_transaction,
    backed_up_then_written,
    has_note,
)
from tests.web.seeds import make_checkin, make_pair


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
