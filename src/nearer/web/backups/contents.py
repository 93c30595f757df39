"""What a backup holds, and what makes a database file a nearer database.

A nearer database has nearer's core tables and a `django_migrations` row for the couples app; any
other SQLite database or PostgreSQL archive is someone else's and is refused. A backup that has
applied migrations this version of nearer does not know was made by a newer nearer: restoring it
would leave a schema the code cannot read, so it is refused too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.apps import apps
from django.db.migrations.loader import MigrationLoader

#: The app whose migration row marks a nearer database.
MARKER_APP = "couples"


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message is one line, shown as is.

    Nothing already saved has been changed when this is raised.
    """


class UnusableBackup(BackupError):
    """The file named is wrong: empty, damaged, truncated, foreign, from a newer nearer, or (for
    a new backup) a place a backup cannot go."""


@dataclass(frozen=True)
class Summary:
    """A checked backup: its kind ("SQLite" or "PostgreSQL") and its rows, per table."""

    kind: str
    rows: Mapping[str, int]

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
    return None


def unknown_migrations(
    applied: Iterable[tuple[str, str]], known: frozenset[tuple[str, str]]
) -> list[tuple[str, str]]:
    """Applied migrations this installation does not have, sorted: of an app it has, or of an app
    it does not have at all (which only a newer nearer can have added)."""
    return sorted(m for m in applied if m not in known)
