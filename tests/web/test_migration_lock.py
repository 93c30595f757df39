"""web/migration_lock.py: one process at a time applies migrations to a database."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection

from nearer.web import migration_lock
from tests.cli.test_serve import free_port, wait_for
from tests.web.scratch import postgres_database, postgres_server
from tests.web.server import NEARER


def test_the_sqlite_lock_is_beside_the_database_not_in_the_data_folder(tmp_path: Path) -> None:
    database = tmp_path / "elsewhere" / "nearer.sqlite3"
    assert migration_lock.lock_file(database) == database.parent / "nearer.sqlite3.migrate-lock"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the file lock is SQLite's")
def test_a_lock_held_long_by_another_is_said_once_and_then_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(migration_lock, "QUIET_WAIT", 0.2)
    database, said = tmp_path / "nearer.sqlite3", []
    with migration_lock.lock_file(database).open("a") as other:
        fcntl.flock(other, fcntl.LOCK_EX)
        threading.Timer(0.6, fcntl.flock, (other, fcntl.LOCK_UN)).start()
        start = time.monotonic()
        with migration_lock.held(connection, database, lambda: said.append("waiting")):
            waited = time.monotonic() - start
    assert said == ["waiting"] and waited >= 0.5


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the advisory lock is PostgreSQL's")
def test_an_advisory_lock_held_long_by_another_is_said_once_and_then_taken(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(migration_lock, "QUIET_WAIT", 0.2)
    said: list[str] = []
    key = [migration_lock.ADVISORY_KEY]
    with postgres_server() as other:  # the same database: advisory keys are per database
        other.execute("SELECT pg_advisory_lock(%s)", key)
        release = threading.Timer(0.6, other.execute, ("SELECT pg_advisory_unlock(%s)", key))
        release.start()
        start = time.monotonic()
        with migration_lock.held(connection, None, lambda: said.append("waiting")):
            waited = time.monotonic() - start
        release.join()
    assert said == ["waiting"] and waited >= 0.5


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the file lock is SQLite's")
def test_a_lock_free_at_once_says_nothing(tmp_path: Path) -> None:
    said: list[str] = []
    with migration_lock.held(connection, tmp_path / "nearer.sqlite3", lambda: said.append("")):
        pass
    assert said == []


@contextmanager
def fresh_database(tmp_path: Path) -> Iterator[str]:
    """A DATABASE_URL for an empty database of the kind the suite runs on: a file in its own
    folder for SQLite, a database of its own on the test server for PostgreSQL."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'shared' / 'nearer.sqlite3'}"
        return
    with postgres_database("nearer_migration_lock"):
        parts = urlsplit(os.environ["DATABASE_URL"])
        yield urlunsplit(parts._replace(path="/nearer_migration_lock"))


def test_two_servers_on_two_data_folders_sharing_one_fresh_database_both_run(
    tmp_path: Path,
) -> None:
    """The lock is the database's: servers started together with their own data folders (and
    so their own lock files, had the lock been kept there) still migrate one at a time."""
    (tmp_path / "shared").mkdir()
    with fresh_database(tmp_path) as url:
        ports = [free_port(), free_port()]
        servers = [start(url, tmp_path / f"data{port}", port) for port in ports]
        try:
            for port in ports:
                assert wait_for(f"http://127.0.0.1:{port}/healthz") == {"status": "ok"}
        finally:
            outputs = [stop(server) for server in servers]
    assert not any("migrations could not be applied" in output for output in outputs), outputs
    assert not any("Traceback" in output for output in outputs), outputs


def start(url: str, data: Path, port: int) -> subprocess.Popen[str]:
    env = {**os.environ, "NEARER_DATA_DIR": str(data), "DATABASE_URL": url}
    for inherited in ("DJANGO_SETTINGS_MODULE", "NEARER_KEY_FILE"):
        env.pop(inherited, None)
    return subprocess.Popen(
        [str(NEARER), "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def stop(server: subprocess.Popen[str]) -> str:
    os.killpg(server.pid, signal.SIGTERM)
    return server.communicate(timeout=20)[0]
