"""SQLite as nearer configures it: WAL, synchronous=FULL, immediate transactions and a 20-second
busy timeout on every connection, so concurrent writers queue and none sees "database is locked".

These open real SQLite files: the suite's own test database lives in memory, where WAL does not
apply. The writers run the app in a subprocess (tests/chaos/app_writers.py) with the real
settings, so what is checked is what `nearer serve` runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from django.db.utils import ConnectionHandler

from nearer.web import env

ROOT = Path(__file__).resolve().parents[2]
#: It opens SQLite files of its own whatever DATABASE_URL says: the PostgreSQL run would repeat it.
pytestmark = pytest.mark.sqlite_run_only
EXPECTED = {"journal_mode": "wal", "synchronous": 2, "busy_timeout": 20_000}  # 2 is FULL
WRITES_PER_PERSON = 10


def pragmas_of_a_new_connection(folder: Path) -> dict[str, Any]:
    connection = ConnectionHandler({"default": env.database(None, folder)})["default"]
    try:
        with connection.cursor() as cursor:
            return {name: cursor.execute(f"PRAGMA {name}").fetchone()[0] for name in EXPECTED}
    finally:
        connection.close()


def test_every_new_connection_runs_wal_with_full_sync_and_a_20_second_busy_timeout(
    tmp_path: Path, django_db_blocker: Any
) -> None:
    seen: list[dict[str, Any]] = []
    threads = [
        threading.Thread(target=lambda: seen.append(pragmas_of_a_new_connection(tmp_path)))
        for _ in range(3)
    ]
    with django_db_blocker.unblock():  # a file of our own, not the suite's test database
        # The first connection creates the file and switches it to WAL, as `nearer serve`'s
        # migrations do before any request: switching a brand-new file's journal mode from
        # several connections at once can fail at once with "database is locked" (SQLite does
        # not wait on the busy timeout for it). Once the file is in WAL, it stays so.
        assert pragmas_of_a_new_connection(tmp_path) == EXPECTED
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert seen == [EXPECTED] * 3
        assert pragmas_of_a_new_connection(tmp_path) == EXPECTED  # again, after all closed


@pytest.fixture(scope="module")
def writers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What twelve people saw, writing at once from three processes through the app."""
    environ = {**os.environ, "NEARER_DATA_DIR": str(tmp_path_factory.mktemp("writers"))}
    environ.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "tests.chaos.app_writers", str(WRITES_PER_PERSON)],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_the_apps_own_connections_run_as_configured(writers: dict[str, Any]) -> None:
    assert writers["main"] == EXPECTED
    assert [person["pragmas"] for person in writers["people"]] == [EXPECTED] * 12


def test_a_transaction_takes_the_write_lock_when_it_begins(writers: dict[str, Any]) -> None:
    # So two writers queue at BEGIN, on the busy timeout, instead of one failing mid-way when
    # it tries to turn its read into a write.
    assert writers["immediate"] is True


def test_concurrent_writers_through_the_app_never_see_database_is_locked(
    writers: dict[str, Any],
) -> None:
    people = writers["people"]
    assert [person["errors"] for person in people] == [[]] * 12
    statuses = {status for person in people for status in person["statuses"]}
    assert statuses <= {200, 302}, statuses  # a 503 would be a lock that reached someone
    assert writers["checkins"] == 12 * WRITES_PER_PERSON
    assert writers["answers"] == 12  # both partners answered today's question at once
