"""One process at a time applies migrations: two `nearer serve` started together on a fresh
database would otherwise both create the same tables, and the second would stop with "table
auth_permission already exists". The second waits, then finds nothing left to apply.

The lock belongs to the database, not to the data folder (two data folders may name one
database in DATABASE_URL): PostgreSQL's advisory lock, or a file beside the SQLite file, whose
folder nearer must be able to write to anyway (SQLite keeps its journal there). A start with
nothing to migrate takes no lock at all, so a read-only data folder serves as it always did.
"""

from __future__ import annotations

import fcntl
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor

#: The key of PostgreSQL's advisory lock, the same for every nearer ("nearer" in ASCII).
ADVISORY_KEY = 0x6E6561726572
#: Beside the SQLite file: "nearer.sqlite3" is locked by "nearer.sqlite3.migrate-lock".
LOCK_SUFFIX = ".migrate-lock"
#: How long to wait in silence before saying that another process holds the lock, in seconds.
QUIET_WAIT = 5.0
POLL = 0.1


def pending(connection: BaseDatabaseWrapper) -> bool:
    """Whether `connection`'s database has migrations left to apply."""
    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def lock_file(database: Path) -> Path:
    """The migration lock of the SQLite file `database`, in its folder."""
    return database.with_name(database.name + LOCK_SUFFIX)


@contextmanager
def held(
    connection: BaseDatabaseWrapper, database: Path | None, waiting: Callable[[], None]
) -> Iterator[None]:
    """Hold the migration lock for `connection`'s database while the block runs, waiting for
    it as long as another process holds it, and calling `waiting` once if that takes more than
    QUIET_WAIT seconds: PostgreSQL's advisory lock (its servers may be on other machines), else
    an flock on the lock file of the SQLite file `database` (None, in memory: no lock). An
    OSError when that file cannot be made."""
    if connection.vendor == "postgresql":
        with _advisory(connection, waiting):
            yield
        return
    if database is None:
        yield
        return
    with lock_file(database).open("a") as handle:
        _wait(lambda: _flocked(handle.fileno()), waiting)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def _advisory(connection: BaseDatabaseWrapper, waiting: Callable[[], None]) -> Iterator[None]:
    def taken() -> bool:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [ADVISORY_KEY])
            return bool(cursor.fetchone()[0])

    _wait(taken, waiting)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_KEY])


def _flocked(descriptor: int) -> bool:
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _wait(taken: Callable[[], bool], waiting: Callable[[], None]) -> None:
    """Try `taken` until it is true; `waiting` is called once, after QUIET_WAIT seconds."""
    said, start = False, time.monotonic()
    while not taken():
        if not said and time.monotonic() - start >= QUIET_WAIT:
            waiting()
            said = True
        time.sleep(POLL)
