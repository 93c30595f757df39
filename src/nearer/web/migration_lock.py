"""One process at a time applies migrations: two `nearer serve` started together on a fresh
database would otherwise both create the same tables, and the second would stop with "table
auth_permission already exists". The second waits, then finds nothing left to apply."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db.backends.base.base import BaseDatabaseWrapper

#: The key of PostgreSQL's advisory lock, the same for every nearer ("nearer" in ASCII).
ADVISORY_KEY = 0x6E6561726572
#: The lock file in the data folder, for SQLite (and any database but PostgreSQL).
LOCK_FILE = "migrate.lock"


@contextmanager
def held(connection: BaseDatabaseWrapper, folder: Path) -> Iterator[None]:
    """Hold the migration lock for `connection`'s database while the block runs, waiting for
    it as long as another process holds it: PostgreSQL's advisory lock (its servers may be on
    other machines), else an flock on a file in `folder`."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [ADVISORY_KEY])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_KEY])
        return
    with (folder / LOCK_FILE).open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
