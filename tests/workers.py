"""Each process that runs tests owns a data folder and, on PostgreSQL, a database.

`make test` runs the suite in two pytest-xdist workers, one per core. pytest-django gives each
worker a test database of its own, but not what lies outside it: the data folder (key file,
backups, SQLite files of the servers a test starts) and the database named by DATABASE_URL, which
those servers use. A worker inherits both from the process that started it, so it makes its own.
The servers a test starts inherit the worker's, and keep them.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import tempfile
from urllib.parse import urlsplit

CLAIMED = "NEARER_TEST_WORKER"  # the worker ("" outside xdist) that set this environment up


def claim() -> None:
    """Set NEARER_DATA_DIR, and DATABASE_URL on PostgreSQL, for this process's tests."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if os.environ.get(CLAIMED) == worker:
        return  # a server a test started, or settings imported twice: already set up
    first = CLAIMED not in os.environ
    if not (first and "NEARER_DATA_DIR" in os.environ):  # a folder given by hand is kept
        os.environ["NEARER_DATA_DIR"] = throwaway_folder()
    url = os.environ.get("DATABASE_URL", "")
    if worker and url.startswith("postgres"):
        os.environ["DATABASE_URL"] = own_database(url, worker)
    os.environ[CLAIMED] = worker


def throwaway_folder() -> str:
    """A fresh data folder, removed when this process ends, with the key file's folder beside it."""
    folder = tempfile.mkdtemp(prefix="nearer-test-")
    for made in (folder, f"{folder}-keys"):
        atexit.register(shutil.rmtree, made, ignore_errors=True)
    return folder


def own_database(url: str, worker: str) -> str:
    """DATABASE_URL naming a new database beside the one it names, dropped as this process ends."""
    import psycopg  # only PostgreSQL runs need it

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/')}_{worker}"
    with psycopg.connect(url, autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with contextlib.suppress(psycopg.Error), psycopg.connect(url, autocommit=True) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    atexit.register(drop)
    return parts._replace(path=f"/{name}").geturl()
