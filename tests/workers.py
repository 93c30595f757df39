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
from urllib.parse import quote, unquote, urlsplit

CLAIMED = "NEARER_TEST_WORKER"  # the worker ("" outside xdist) that set this environment up
#: PostgreSQL cuts a longer name short, which could make two workers' databases one.
MAX_NAME_BYTES = 63


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
    from psycopg import sql

    name = database_name(url, worker)
    dropped = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    with psycopg.connect(url, autocommit=True) as server:
        server.execute(dropped)
        server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

    def drop() -> None:
        with contextlib.suppress(psycopg.Error), psycopg.connect(url, autocommit=True) as server:
            server.execute(dropped)

    atexit.register(drop)
    return urlsplit(url)._replace(path=f"/{quote(name)}").geturl()


def database_name(url: str, worker: str) -> str:
    """The worker's database: the name DATABASE_URL gives (percent-escapes read), then
    `_<worker>`, cut short before it, on a whole character, to fit PostgreSQL's 63 bytes."""
    named = unquote(urlsplit(url).path.lstrip("/"))
    suffix = f"_{worker}"
    room = MAX_NAME_BYTES - len(suffix.encode())
    return named.encode()[:room].decode(errors="ignore") + suffix
