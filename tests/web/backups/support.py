"""What the backup tests share: row counts, a thread that keeps writing check-ins, another
program's transaction on PostgreSQL, and a backup's readable text.

Every backup test runs on the test database's engine: SQLite here, PostgreSQL under
with_postgres.py; those that need one engine's locks skip on the other.
"""

from __future__ import annotations

import contextlib
import contextvars
import subprocess
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from datetime import date, timedelta
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from nearer.web import backups
from nearer.web.accounts.models import User
from nearer.web.backups import access, pg_client
from nearer.web.daily.models import CheckIn
from tests.web.scratch import Scratch, postgres_server
from tests.web.seeds import make_checkin

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


def has_note(alias: str, note: str) -> bool:
    """Whether a check-in in `alias` has this note (notes are sealed: opened to compare)."""
    return note in [checkin.note for checkin in CheckIn.objects.using(alias)]


def readable_text(path: Path) -> bytes:
    """The backup's bytes, and for a PostgreSQL archive its uncompressed contents too."""
    raw = path.read_bytes()
    if not raw.startswith(b"PGDMP"):
        return raw
    client = pg_client.choose(pg_client.clients(), 0)
    script = subprocess.run([client.pg_restore, "--file=-", path], capture_output=True, check=True)
    return raw + script.stdout


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
