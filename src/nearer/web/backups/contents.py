"""What a backup holds, and what makes a database file a nearer database.

A nearer database has nearer's core tables and a `django_migrations` row for the couples app; any
other SQLite database or PostgreSQL archive is someone else's and is refused. A backup that has
applied migrations this version of nearer does not know was made by a newer nearer: restoring it
would leave a schema the code cannot read, so it is refused too, and so is one lacking a table
or column that its own migrations made (`missing_schema`: taken out by hand).
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db.migrations.loader import MigrationLoader

from nearer.web.backups.access import Ended
from nearer.web.vault import crypto, keyfile, services

#: The app whose migration row marks a nearer database.
MARKER_APP = "couples"


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message is one line, shown as is.

    Nothing already saved has been changed when this is raised.
    """


class UnusableBackup(BackupError):
    """The file named is wrong: empty, damaged, truncated, foreign, from a newer nearer, or (for
    a new backup) a place a backup cannot go."""


class KeysNotHeld(BackupError):
    """The backup holds values sealed under server keys the key file lacks (or no key file)."""


@dataclass(frozen=True)
class Summary:
    """A checked backup: its kind ("SQLite" or "PostgreSQL") and its rows, per table."""

    kind: str
    rows: Mapping[str, int]
    #: Server key ids that values in it are sealed under and the key file lacks, with how many
    #: values each; empty unless the restore was told to go on without them.
    unheld: Mapping[str, int] = field(default_factory=dict)
    #: What the restore took back (sign-ins, API tokens, newer passwords); None before it ran.
    ended: Ended | None = None

    @property
    def total(self) -> int:
        return sum(self.rows.values())

    def describe(self) -> str:
        """E.g. "17 tables, 1,234 rows"."""
        return f"{len(self.rows)} tables, {self.total:,} rows"


@dataclass(frozen=True)
class Contents:
    """What a check reads from a backup: row counts per table and the applied migrations."""

    rows: Mapping[str, int]
    migrations: frozenset[tuple[str, str]]  # (app label, migration name)
    #: Server key ids the sealed values are under, with how many values each; counted only for
    #: the columns a read was asked about (a restore's: `sealed_columns()`).
    sealed: Mapping[str, int] = field(default_factory=dict)
    #: Each table's columns as the backup holds them (a table left out: not known).
    columns: Mapping[str, frozenset[str]] = field(default_factory=dict)


#: The start of a value sealed under a server key: `nv1:s:<key id>:` (vault/crypto.py).
SERVER_SEALED = f"{crypto.PREFIX}{crypto.SERVER}:"


def sealed_columns() -> dict[str, frozenset[str]]:
    """The columns that hold sealed values, by table."""
    found: dict[str, set[str]] = {}
    for model, sealed in services.sealed_fields():
        found.setdefault(model._meta.db_table, set()).add(sealed.column)
    return {table: frozenset(columns) for table, columns in found.items()}


def server_key_of(value: str) -> str | None:
    """The server key id `value` is sealed under; None when it is not sealed under one."""
    if not value.startswith(SERVER_SEALED):
        return None
    key_id, colon, _ = value.removeprefix(SERVER_SEALED).partition(":")
    return key_id if colon else None


def required_tables() -> tuple[str, ...]:
    """Tables every nearer database has had since its first migration."""
    models = [("accounts", "User"), ("couples", "Couple"), ("couples", "Membership")]
    return (
        "django_migrations",
        *(apps.get_model(app, name)._meta.db_table for app, name in models),
    )


def known_migrations() -> frozenset[tuple[str, str]]:
    """Every migration of this installation: nearer's apps, Django's and the third-party apps
    nearer installs, as they are on disk, and those a squashed migration here replaces."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    replaced = {old for migration in loader.disk_migrations.values() for old in migration.replaces}
    return frozenset(loader.disk_migrations) | frozenset(replaced)


def problem(contents: Contents, *, restoring: bool) -> str | None:
    """Why `contents` is not a nearer database this code can restore, or None when it is.

    `restoring` adds the check for migrations from a newer nearer: a backup of a newer database
    is still a good backup, only not one this version may restore.
    """
    missing = [table for table in required_tables() if table not in contents.rows]
    if missing:
        noun = "table" if len(missing) == 1 else "tables"
        return f"is not a nearer database (it has no {', '.join(missing)} {noun})"
    if not any(app == MARKER_APP for app, _ in contents.migrations):
        return f"is not a nearer database (no migration of nearer's {MARKER_APP} app is recorded)"
    if restoring:
        unknown = unknown_migrations(contents.migrations, known_migrations())
        if unknown:
            app, name = unknown[0]
            more = f" and {len(unknown) - 1} more" if len(unknown) > 1 else ""
            return (
                f"was made by a newer version of nearer (migration {app}.{name}{more} is unknown "
                "here); upgrade nearer, then restore"
            )
        lacking = missing_schema(contents)
        if lacking:
            return (
                f"is not a whole nearer database: it lacks {lacking}, which its own migrations "
                "made (was it changed by hand?)"
            )
    return None


def missing_schema(contents: Contents) -> str | None:
    """The first table or column that the migrations `contents` records made and it lacks ("the
    table daily_checkin", "the column daily_checkin.note"); None when it has them all. Restored,
    such a backup leaves a database no migration mends and no page can read."""
    for table, columns in sorted(expected_schema(contents.migrations).items()):
        if table not in contents.rows:
            return f"the table {table}"
        missing = sorted(columns - contents.columns.get(table, columns))  # unlisted: unknown
        if missing:
            return f"the column {table}.{missing[0]}"
    return None


@functools.lru_cache(maxsize=8)
def expected_schema(applied: frozenset[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """The tables and their columns that the migrations `applied` make (those this installation
    knows: a newer one's are refused before), as Django's own migration state has them."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    nodes = [node for node in applied if node in loader.graph.nodes]
    state = loader.graph.make_state(nodes=nodes, at_end=True, real_apps=loader.unmigrated_apps)
    return {
        model._meta.db_table: frozenset(f.column for f in model._meta.local_concrete_fields)
        for model in state.apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def unknown_migrations(
    applied: Iterable[tuple[str, str]], known: frozenset[tuple[str, str]]
) -> list[tuple[str, str]]:
    """Applied migrations this installation does not have, sorted: of an app it has, or of an app
    it does not have at all (which only a newer nearer can have added)."""
    return sorted(m for m in applied if m not in known)


def unheld_keys(sealed: Mapping[str, int]) -> dict[str, int]:
    """The server keys of `sealed` (key id: values) that the key file lacks: all of them when
    there is no key file or it cannot be read. Never makes the key file."""
    if not sealed:
        return {}
    try:
        keys = keyfile.existing()
    except ImproperlyConfigured:
        keys = None  # a key file that cannot be read holds no key a restore could use
    held: Collection[str] = keys.keys if keys else ()
    return {key_id: count for key_id, count in sealed.items() if key_id not in held}


def check_keys(sealed: Mapping[str, int]) -> None:
    """KeysNotHeld, one line naming the keys and the key file, when the key file is missing,
    cannot be read or lacks a server key that values in the backup are sealed under."""
    lacking = unheld_keys(sealed)
    if not lacking:
        return
    where, under = keyfile.path(), _sealed_under(lacking)
    if not where.exists():
        raise KeysNotHeld(
            f"{under}, and the key file {where} is missing; put your copy of it back (or set "
            "NEARER_KEY_FILE to where it is)"
        )
    try:
        keyfile.existing()
    except ImproperlyConfigured as error:
        raise KeysNotHeld(
            f"{under}, and {error}; put a good copy of the key file there (or set "
            "NEARER_KEY_FILE to one)"
        ) from None
    raise KeysNotHeld(
        f"{under}, which the key file {where} does not hold; put back the key file that does "
        "(or set NEARER_KEY_FILE to it)"
    )


def _sealed_under(sealed: Mapping[str, int]) -> str:
    """E.g. "its shared text (12 values) is sealed under server key 1a2b3c4d"."""
    count = sum(sealed.values())
    ids = ", ".join(sorted(sealed, key=lambda key_id: (-sealed[key_id], key_id)))
    key = f"server key {ids}" if len(sealed) == 1 else f"server keys {ids}"
    values = "1 value" if count == 1 else f"{count:,} values"
    return f"its shared text ({values}) is sealed under {key}"
