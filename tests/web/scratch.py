"""Scratch databases beside the test database: the same engine, an alias of their own, gone after.

The backup tests need databases they may fill, back up, restore over and throw away while the
test database stays as it is. On SQLite that is a file in WAL mode with the production settings
(the test database lives in memory, where there is no WAL and no second process); on PostgreSQL
a fresh database on the test server.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import ConnectionDoesNotExist, load_backend

from nearer.web import env


def postgres_server() -> psycopg.Connection[Any]:
    """An autocommit connection to the test server, for CREATE and DROP DATABASE."""
    s = connections[DEFAULT_DB_ALIAS].settings_dict
    return psycopg.connect(
        host=s["HOST"],
        port=s["PORT"] or None,
        user=s["USER"],
        password=s["PASSWORD"],
        dbname=s["NAME"],
        autocommit=True,
    )


@contextmanager
def postgres_database(name: str) -> Iterator[dict[str, Any]]:
    """A new, empty database on the test server; its Django settings."""
    with postgres_server() as server:
        server.execute(f'CREATE DATABASE "{name}"')
    try:
        default = connections[DEFAULT_DB_ALIAS].settings_dict
        yield {**default, "NAME": name, "CONN_MAX_AGE": 0, "TEST": {}}
    finally:
        with postgres_server() as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass(frozen=True)
class Scratch:
    """A scratch database: its alias and its Django settings."""

    alias: str
    settings: dict[str, Any]

    def attach(self) -> None:
        """Make the alias usable in the calling thread: Django keeps connections per thread.

        The alias stays out of settings.DATABASES, so Django's test case treats it as a
        connection made on the fly and lets the test use it.
        """
        backend = load_backend(self.settings["ENGINE"])
        connections[self.alias] = backend.DatabaseWrapper(self.settings, self.alias)

    def detach(self) -> None:
        try:
            connection = connections[self.alias]
        except ConnectionDoesNotExist:
            return
        connection.close()
        del connections[self.alias]


@contextmanager
def scratch_database(folder: Path, *, migrated: bool = True) -> Iterator[Scratch]:
    """A fresh database of the test database's engine, attached in the calling thread.

    Threads that use it attach and detach it themselves.
    """
    alias = f"scratch_{secrets.token_hex(4)}"
    with _settings(alias, folder) as settings:
        complete = connections.configure_settings({DEFAULT_DB_ALIAS: settings})[DEFAULT_DB_ALIAS]
        scratch = Scratch(alias, complete)
        scratch.attach()
        try:
            if migrated:
                call_command("migrate", database=alias, interactive=False, verbosity=0)
            yield scratch
        finally:
            scratch.detach()


@contextmanager
def _settings(alias: str, folder: Path) -> Iterator[dict[str, Any]]:
    if connections[DEFAULT_DB_ALIAS].vendor == "sqlite":
        yield env.sqlite(folder / f"{alias}.sqlite3")
    else:
        with postgres_database(alias) as settings:
            yield settings
