"""SQLite: an online copy by VACUUM INTO, a checked read, and a one-transaction restore.

VACUUM INTO writes the database afresh inside one read transaction, so the copy is a consistent
snapshot, and in WAL mode the app's writers carry on meanwhile. Being rebuilt, the copy holds no
free pages: nothing a person deleted lingers in a backup. A restore runs SQLite's backup API from
a checked private copy into the live database: SQLite writes it as one transaction, so readers see
the old data or the new, and a crash part-way leaves the old data. Unlike moving a file over the
database, this keeps the live file, its WAL and the app's open connections valid.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import closing
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from nearer.web.backups import access
from nearer.web.backups.contents import SERVER_SEALED, BackupError, Contents, UnusableBackup
from nearer.web.backups.waits import Waits

CHECK_LIMIT = 100  # problems the integrity check reports at most; a restore names the first
#: A restore waiting for another program's write transaction: said after QUIET_WAIT seconds,
#: given up after LOCK_WAIT (as on PostgreSQL), and tried again every POLL seconds meanwhile.
QUIET_WAIT, LOCK_WAIT, POLL = 5.0, 60.0, 0.1


def raw(connection: Any) -> sqlite3.Connection:
    connection.ensure_connection()
    return connection.connection  # type: ignore[no-any-return]


def dump(connection: Any, temporary: Path) -> None:
    """Copy the live database into the empty private file `temporary` (which keeps its mode)."""
    try:
        raw(connection).execute("VACUUM INTO ?", (str(temporary),))
    except sqlite3.Error as error:
        if getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:  # the place is bad
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)) from None
        raise BackupError(f"SQLite could not copy it ({error})") from None
    with closing(sqlite3.connect(temporary)) as target:
        # One self-contained file: no -wal beside it to lose when the backup is copied.
        target.execute("PRAGMA journal_mode=DELETE")


def read(path: Path, sealed_in: Mapping[str, Collection[str]] | None = None) -> Contents:
    """Integrity-check the SQLite file at `path` (a private copy) and read its rows and migrations,
    and the server keys that values in `sealed_in`'s columns (by table) are sealed under.

    UnusableBackup says what is wrong: damaged, truncated, not a database.
    """
    try:
        with closing(sqlite3.connect(path)) as database:
            contents = _read(database)
            if sealed_in:
                contents = replace(contents, sealed=sealed_under(database, sealed_in))
            return contents
    except sqlite3.DatabaseError as error:
        raise UnusableBackup(f"is damaged or truncated ({error})") from None


def sealed_under(
    database: sqlite3.Connection, sealed_in: Mapping[str, Collection[str]]
) -> dict[str, int]:
    """Server key id: how many values in `sealed_in`'s columns are sealed under it. Tables and
    columns the database lacks (an older nearer's) hold none."""
    start = len(SERVER_SEALED) + 1
    found: Counter[str] = Counter()
    for table in sealed_in:
        have = {row[1] for row in database.execute(f"PRAGMA table_info({quoted(table)})")}
        for column in sorted(set(sealed_in[table]) & have):
            value = f"CAST({quoted(column)} AS TEXT)"
            key_id = f"substr({value}, {start}, instr(substr({value}, {start}), ':') - 1)"
            found.update(
                dict(
                    database.execute(
                        f"SELECT {key_id}, count(*) FROM {quoted(table)} "
                        f"WHERE {value} GLOB ? GROUP BY 1",
                        (f"{SERVER_SEALED}*:*",),
                    )
                )
            )
    return dict(found)


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _read(database: sqlite3.Connection) -> Contents:
    verdict = [row[0] for row in database.execute(f"PRAGMA integrity_check({CHECK_LIMIT})")]
    if verdict != ["ok"]:
        raise UnusableBackup(f"is damaged (SQLite's integrity check: {first_problem(verdict)})")
    dangling = len(database.execute("PRAGMA foreign_key_check").fetchall())
    if dangling:
        said = (
            "1 row points at a missing row"
            if dangling == 1
            else f"{dangling} rows point at missing rows"
        )
        raise UnusableBackup(f"is damaged ({said})")
    tables = [
        name
        for (name,) in database.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    rows = {name: count(database, name) for name in tables}
    migrations: frozenset[tuple[str, str]] = frozenset()
    if "django_migrations" in rows:
        migrations = frozenset(database.execute("SELECT app, name FROM django_migrations"))
    columns = {name: columns_of(database, name) for name in tables}
    return Contents(rows=rows, migrations=migrations, columns=columns)


def columns_of(database: sqlite3.Connection, table: str) -> frozenset[str]:
    return frozenset(row[1] for row in database.execute(f"PRAGMA table_info({quoted(table)})"))


def first_problem(verdict: list[str]) -> str:
    """SQLite's integrity check as one line: its first problem, and how many more it found.
    A row may hold several problems on lines of their own, under a "*** in database ***"
    heading, which is left out."""
    problems = [
        line.strip()
        for row in verdict
        for line in str(row).splitlines()
        if line.strip() and not line.strip().startswith("***")
    ]
    if not problems:
        return "failed"
    more = len(problems) - 1
    if not more:
        return problems[0]
    counted = f"at least {more}" if len(problems) >= CHECK_LIMIT else f"{more}"
    return f"{problems[0]}, and {counted} more"


def count(database: sqlite3.Connection, table: str) -> int:
    return int(database.execute(f"SELECT count(*) FROM {quoted(table)}").fetchone()[0])


def without_ways_in(source: sqlite3.Connection) -> None:
    """Empty the private copy's sign-ins and tokens before it is loaded (access.py), so the
    live database never holds them, whatever happens after."""
    present = {name for (name,) in source.execute("SELECT name FROM sqlite_master")}
    with source:
        for table in sorted(access.emptied_tables() & present):
            source.execute(f'DELETE FROM "{table}"')


T = TypeVar("T")


def patiently(connection: Any, read: Callable[[], T], waits: Waits) -> T:
    """`read()`: in WAL mode, reading the live database never waits for a writer."""
    return read()


def load(connection: Any, copy: Path, contents: Contents, waits: Waits) -> None:
    """Replace everything in the live database with the checked copy, in one transaction.

    Another program in a write transaction on the live database holds it up (the restore's
    only wait here, though it may come twice: before the copy and as it begins): `waits` is told
    once the waits have lasted QUIET_WAIT seconds, and after LOCK_WAIT seconds in all (waits.FLOOR
    at least) the restore gives up with a BackupError, nothing changed; `waits` is told too once
    the write lock was free and the copy begins.
    """
    target = raw(connection)
    with closing(sqlite3.connect(copy)) as source, _brief_busy_timeout(target):
        without_ways_in(source)
        # One deadline on the clock of `waits` for both waits; the waits before the load's
        # count as waits.for_load says.
        deadline = waits.seconds() + waits.for_load(LOCK_WAIT)
        try:
            # Waited for here, where a stop is heard knowing nothing was written: SQLite's copy
            # runs as one step, and a stop is heard only after it, written or not.
            _write_lock_free(target, waits, deadline)
            waits.over()
            # Timed as a wait: each try of the copy is one until the write lock is had.
            with waits.timing():
                source.backup(target, progress=Patience(waits, deadline), sleep=POLL)
        except sqlite3.Error as error:
            raise BackupError(f"SQLite could not restore it ({error})") from None


def damage(connection: Any) -> str | None:
    """The first thing SQLite's quick check finds wrong with the live database, or None."""
    verdict = str(raw(connection).execute("PRAGMA quick_check").fetchone()[0])
    return None if verdict == "ok" else verdict.splitlines()[0]


def _write_lock_free(target: sqlite3.Connection, waits: Waits, deadline: float) -> None:
    """Return once `target` could take the write lock (let go again at once), timed as one of
    `waits`; see held_up() for the rest. Each try waits POLL seconds at most (the busy
    timeout), so a stop is heard."""
    with waits.timing():
        while not _write_lock_taken(target):
            held_up(waits, deadline)


def _write_lock_taken(target: sqlite3.Connection) -> bool:
    """Whether `target` could take the write lock; it never keeps it, even when a stop is heard
    just as it has it (it would keep another program, or the running server, from writing)."""
    try:
        target.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        if not locked(getattr(error, "sqlite_errorcode", None)):
            raise
        return False
    finally:
        if target.in_transaction:
            target.execute("ROLLBACK")
    return True


def held_up(waits: Waits, deadline: float) -> None:
    """After a try another program's lock held up: `waits` told once they have lasted
    QUIET_WAIT seconds; a BackupError once they have passed `deadline` (by `waits`' seconds)."""
    if waits.seconds() > deadline:
        raise BackupError(held_too_long())
    if waits.until_told(QUIET_WAIT) == 0.0:
        waits.tell()


BUSY = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def locked(code: int | None) -> bool:
    """Whether SQLite's result `code` says another connection holds a lock. Python gives the
    extended code (SQLITE_BUSY_RECOVERY, SQLITE_BUSY_SNAPSHOT, SQLITE_LOCKED_SHAREDCACHE…),
    whose low byte is the primary one."""
    return code is not None and (code & 0xFF) in BUSY


def held_too_long() -> str:
    return (
        f"another program has held the database's write lock for more than {LOCK_WAIT:g} "
        "seconds; try again once it is done"
    )


class Patience:
    """The restore's progress callback: SQLite's backup API, its destination locked by another
    writer (one that came between _write_lock_free and the copy), would otherwise retry for ever
    without a word (and without hearing Ctrl-C, which Python acts on only here, between tries).
    Its tries are held up as _write_lock_free's are (held_up()), against the same deadline."""

    def __init__(self, waits: Waits, deadline: float) -> None:
        self.waits, self.deadline = waits, deadline

    def __call__(self, status: int, remaining: int, total: int) -> None:
        if locked(status):
            held_up(self.waits, self.deadline)


@contextlib.contextmanager
def _brief_busy_timeout(target: sqlite3.Connection) -> Iterator[None]:
    """A short busy timeout on `target` while the copy runs, so each try comes back to Patience
    at once rather than after the connection's own 20 seconds; then the one it had."""
    before = int(target.execute("PRAGMA busy_timeout").fetchone()[0])
    target.execute(f"PRAGMA busy_timeout = {int(POLL * 1000)}")
    try:
        yield
    finally:
        target.execute(f"PRAGMA busy_timeout = {before}")
