"""Online backups of nearer's database, and restores that check a file before touching anything.

`backup(path)` copies the configured database while the app keeps running: SQLite by VACUUM INTO,
PostgreSQL by `pg_dump --format=custom`. The file is written with mode 0600 and appears only once
complete and checked. It holds the database and nothing else: never the secret key file.

`restore(path)` tells the file's kind by its magic bytes, checks a private copy of it (SQLite's
integrity check, or a full read of the archive), makes sure it is a nearer database this version
can read, and only then replaces the configured database's content in one transaction. Anything
wrong is a one-line `BackupError` naming the file; nothing already saved has changed then.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Collection, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol, TypeVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

from nearer.web import migration_lock
from nearer.web.backups import access, files, postgres, sqlite
from nearer.web.backups.contents import (
    BackupError,
    Contents,
    KeysNotHeld,
    Summary,
    UnusableBackup,
    check_keys,
    problem,
    sealed_columns,
    unheld_keys,
)
from nearer.web.backups.waits import Waits

__all__ = [
    "BackupError",
    "KeysNotHeld",
    "Summary",
    "UnusableBackup",
    "backup",
    "describe",
    "restore",
]

T = TypeVar("T")


class Engine(Protocol):
    """What a backup and a restore ask of a database engine's module (sqlite.py, postgres.py)."""

    #: Seconds a restore waits for another program's locks in all, then gives up.
    LOCK_WAIT: float

    def dump(self, connection: Any, temporary: Path) -> None:
        """Copy the live database into the empty private file `temporary`."""

    def read(self, path: Path, sealed_in: Mapping[str, Collection[str]] | None = None) -> Contents:
        """Check the backup at `path` whole and say what it holds (UnusableBackup if not)."""

    def patiently(self, connection: Any, read: Callable[[], T], waits: Waits) -> T:
        """`read()`, the restore's look at the live database before the load, held up by
        another program's locks as `load` is, its wait one of `waits`."""

    def load(self, connection: Any, copy: Path, contents: Contents, waits: Waits) -> None:
        """Replace the live database's content with the checked `copy`, in one transaction.
        Another program's locks hold it up: `waits` is told once the restore's waits have
        lasted QUIET_WAIT seconds, and after LOCK_WAIT seconds in all a BackupError says so,
        nothing changed."""


ENGINES: dict[str, Engine] = {files.SQLITE: sqlite, files.POSTGRESQL: postgres}
ARTICLE = {files.SQLITE: "an", files.POSTGRESQL: "a"}
#: Seconds `holds`, asked once a restore was stopped, waits for a table held exclusively.
HOLDS_WAIT = 5.0


def engine_of(connection: Any) -> str:
    vendors = {"sqlite": files.SQLITE, "postgresql": files.POSTGRESQL}
    if connection.vendor not in vendors:
        raise BackupError(f"nearer cannot back up a {connection.vendor} database")
    return vendors[connection.vendor]


def lock_wait(alias: str = DEFAULT_DB_ALIAS) -> float:
    """Seconds a restore into the database waits for another program's locks, then gives up."""
    return ENGINES[engine_of(connections[alias])].LOCK_WAIT


def live_file(connection: Any) -> Path | None:
    """The SQLite database's file; None in memory or on PostgreSQL."""
    if connection.vendor != "sqlite" or connection.is_in_memory_db():
        return None
    return Path(connection.settings_dict["NAME"])


def owned(connection: Any) -> files.Owned:
    """nearer's own files, which a backup may not replace: the live database, the key files,
    and what nearer keeps in its data folder and in the default keys folder beside it."""
    data, key_file = Path(settings.DATA_DIR), Path(settings.VAULT_KEY_FILE)
    named = files.database_files(data / "nearer.sqlite3", "the database in nearer's data folder")
    live = live_file(connection)
    if live is not None:
        named |= files.database_files(live, "the live database")
        named[live] = "the live database itself"
    named[data / "nearer_secret_key.txt"] = "nearer's secret key file"
    named[key_file] = "nearer's server key file (NEARER_KEY_FILE), which shared content needs"
    keys = data.parent / f"{data.name}-keys"
    folders = {
        keys: f"inside nearer's keys folder {keys}",
        Path(settings.STATIC_ROOT): f"inside nearer's static files folder {settings.STATIC_ROOT}",
        Path(settings.CHAT_UPLOAD_DIR): f"inside nearer's upload folder {settings.CHAT_UPLOAD_DIR}",
    }
    return files.Owned(named, folders)


def describe(alias: str = DEFAULT_DB_ALIAS) -> str:
    """Where the data is, for messages: a file, or a PostgreSQL database (never a password)."""
    connection = connections[alias]
    if connection.vendor == "sqlite":
        path = live_file(connection)
        return str(path) if path else "the in-memory SQLite database"
    s = connection.settings_dict
    where = f"{s['HOST'] or 'the local socket'}{':' + str(s['PORT']) if s['PORT'] else ''}"
    return f"the PostgreSQL database {s['NAME']} on {where}"


def _undecodable(path: Path) -> bool:
    """Whether `path` holds bytes that are not UTF-8 (Python keeps them as lone surrogates)."""
    try:
        str(path).encode()
    except UnicodeEncodeError:
        return True
    return False


def backup(path: Path, alias: str = DEFAULT_DB_ALIAS) -> Summary:
    """Write a checked backup of the database to `path` (replacing a file already there)."""
    connection = connections[alias]
    if _undecodable(path):
        raise UnusableBackup(f"{path}: its name is not UTF-8 text (SQLite takes no other name)")
    try:
        engine = engine_of(connection)
        target = files.check_target(path, owned(connection))
    except BackupError as error:
        raise type(error)(f"{path}: {error}") from None
    live = live_file(connection)
    if live is not None and not live.exists():  # connecting would make an empty one
        raise BackupError(f"there is nothing to back up: {live} does not exist yet")
    try:
        with files.private_temporary(target) as temporary:
            ENGINES[engine].dump(connection, temporary)
            contents = ENGINES[engine].read(temporary)
            trouble = problem(contents, restoring=False)
            if trouble:
                raise UnusableBackup(trouble)
            files.commit(temporary, target)
    except BackupError as error:
        raise BackupError(f"{describe(alias)}: {error}; no backup was written") from None
    except OSError as error:  # the folder is not writable, the disk is full: the place is bad
        written = f"{path}: cannot be written ({error.strerror}); no backup was written"
        raise UnusableBackup(written) from None
    return Summary(engine, contents.rows)


def restore(
    path: Path,
    alias: str = DEFAULT_DB_ALIAS,
    confirm: Callable[[Summary], bool] | None = None,
    without_key: bool = False,
    waiting: Callable[[], None] | None = None,
    busy: Callable[[], None] | None = None,
    loading: Callable[[], None] | None = None,
    writing: Callable[[], None] | None = None,
    loaded: Callable[[], None] | None = None,
    ended: Callable[[], None] | None = None,
) -> Summary | None:
    """Check the backup at `path` and replace the database's content with it.

    A backup with values sealed under a server key the key file lacks (or with no key file) is
    refused by KeysNotHeld, unless `without_key`: then the summary's `unheld` names those keys.
    `confirm` sees the checked backup's summary before anything changes; when it says no,
    nothing is restored and the result is None. A restore ends every sign-in and revokes every
    API token, and counts the accounts whose newer password it replaced (access.py): the
    result's `ended`. The load holds the database's migration lock (web/migration_lock.py), so
    a `nearer serve` starting meanwhile never migrates half of it: one waits for the other, and
    `waiting` is called once when the restore has waited a while. `busy` is called once when
    another program's transaction has held the load up a while (SQLite's write lock, tables
    PostgreSQL's restore replaces); after lock_wait() seconds in all (waits.FLOOR seconds for
    the load at least) the restore gives up, nothing changed (a BackupError).
    `loading` is called just before the load begins, and `writing` once the load has every lock
    it waited for: until then, nothing has changed. `loaded` is called once the load has
    returned: the database holds the backup from then on. Ending the sign-ins then waits for
    other transactions as the load did (`busy` is called again once when it waits a while);
    given up, a BackupError says the backup is restored and what is left to do. `ended` is
    called once they are ended, before the last check of the rows.
    """
    connection = connections[alias]
    try:
        if connection.in_atomic_block:
            raise BackupError("cannot restore inside a database transaction")
        _not_the_live_database(connection, path)
        engine, kind = engine_of(connection), files.kind_of(path)
        if kind != engine:
            raise UnusableBackup(
                f"is {ARTICLE[kind]} {kind} backup, but this nearer keeps its data in {engine}; "
                f"restore it where nearer uses {kind}"
            )
        with files.private_copy(path, near=scratch_folder(connection)) as copy:
            contents = ENGINES[kind].read(copy, sealed_columns())
            trouble = problem(contents, restoring=True)
            if trouble:
                raise UnusableBackup(trouble)
            if not without_key:
                check_keys(contents.sealed)
            summary = Summary(kind, contents.rows, unheld_keys(contents.sealed))
            if confirm is not None and not confirm(summary):
                return None
            waits = Waits(busy, writing)  # the look at the accounts' and the load's, as one
            before = ENGINES[kind].patiently(
                connection, lambda: access.passwords(connection), waits
            )
            with migration_lock.held(connection, live_file(connection), waiting or _quiet):
                (loading or _quiet)()
                ENGINES[kind].load(connection, copy, contents, waits)
                (loaded or _quiet)()
    except BackupError as error:
        raise type(error)(f"{path}: {error}; nothing was changed") from None
    except OSError as error:  # no room for the private copy in the data folder
        checked = f"{path}: cannot be checked ({error.strerror}); nothing was changed"
        raise BackupError(checked) from None
    # Before the check, which may stop the restore (the load left the ways in out anyway).
    taken_back = _end_access(connection, ENGINES[kind], before, summary, path, busy)
    (ended or _quiet)()
    check_restored(connection, summary, path)
    return replace(summary, ended=taken_back)


def _end_access(
    connection: Any,
    engine: Engine,
    before: Mapping[int, str],
    summary: Summary,
    path: Path,
    busy: Callable[[], None] | None,
) -> access.Ended:
    """access.end_access after the load, its waits for other transactions' locks bounded as
    the load's were (sign-ins the running server made since the load may be locked); a
    BackupError says the backup is restored, and what is left to do, when it cannot be done."""
    try:
        return engine.patiently(
            connection, lambda: access.end_access(connection, before, summary.rows), Waits(busy)
        )
    except postgres.HeldTooLong:
        why = (
            "another transaction held the tables of its sign-ins, API tokens or accounts for "
            f"more than {engine.LOCK_WAIT:g} seconds, so sign-ins and API tokens made since the "
            "load may still work"
        )
    except (BackupError, DatabaseError) as error:  # never seen
        why = f"its sign-ins and API tokens could not be ended ({error})"
    raise BackupError(
        f"{path}: restored (the database holds the backup now), but {why}; stop nearer's "
        "server, then restore it again"
    )


def _not_the_live_database(connection: Any, path: Path) -> None:
    """Refuse the live SQLite database (or its -wal, -shm or lock) as a backup: "restored", it
    would only end every sign-in and revoke every token. A running server holds it open, and
    reading it would call it no nearer database, which would not say what is wrong."""
    live = live_file(connection)
    if live is None:
        return
    what = files.Owned(files.database_files(live, "the live database"), {}).what(path)
    if what is not None:
        raise UnusableBackup(
            f"is {what}, the one a restore replaces, not a backup; restore a file made by "
            "`nearer backup`"
        )


def _quiet() -> None:
    """No one to tell of a wait."""


def scratch_folder(connection: Any) -> Path:
    """Where the private copy goes: beside the SQLite file, else in nearer's data folder."""
    live = live_file(connection)
    return live.parent if live else Path(settings.DATA_DIR)


def row_counts(connection: Any) -> dict[str, int]:
    """Rows per table in the live database."""
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
        counts = {}
        for name in names:
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(name)}")
            counts[name] = int(cursor.fetchone()[0])
    return counts


def holds(summary: Summary, alias: str = DEFAULT_DB_ALIAS) -> bool:
    """Whether the database holds the backup `summary` describes, as far as row counts tell
    (but the sign-ins and tokens a restore empties): after a restore was stopped, whether it had
    finished. A restore is one transaction, so the database holds all of it or none of it. On
    PostgreSQL a table another transaction holds exclusively is waited for HOLDS_WAIT seconds,
    then DatabaseError (SQLite's readers wait for no writer)."""
    connection = connections[alias]
    postgresql = connection.vendor == "postgresql"
    with postgres.lock_timeout(connection, HOLDS_WAIT) if postgresql else contextlib.nullcontext():
        counts = row_counts(connection)
    emptied = access.emptied_tables()
    return all(
        counts.get(name) == rows for name, rows in summary.rows.items() if name not in emptied
    )


def check_restored(connection: Any, summary: Summary, path: Path) -> None:
    """Every table of the backup is there with the backup's rows (but the sign-ins and tokens
    the restore has ended); BackupError names the first that is not (never seen: the restore ran
    as one transaction from a checked copy). On SQLite, SQLite's quick check of the whole
    database comes first (never failed: the disk would have failed under the restore)."""
    damaged = sqlite.damage(connection) if connection.vendor == "sqlite" else None
    if damaged:
        raise BackupError(
            f"{path}: restored, but the database now fails SQLite's check ({damaged}): the disk "
            "may be failing; stop nearer's server and copy its data folder somewhere safe first"
        )
    counts = row_counts(connection)
    emptied = access.emptied_tables()
    unseen = [name for name in summary.rows if name not in counts]
    if unseen:  # PostgreSQL: the restore writes the backup's schema, the app reads its search_path
        raise BackupError(
            f"{path}: restored, but nearer does not see the table {unseen[0]} it wrote in "
            f"{describe(connection.alias)}: is a search_path set in DATABASE_URL's options? (Its "
            "sign-ins and API tokens there are not ended: restore again once nearer sees it)"
        )
    wrong = [
        name for name, rows in summary.rows.items() if name not in emptied and counts[name] != rows
    ]
    if wrong:
        raise BackupError(
            f"{path}: restored, but {wrong[0]} has {counts[wrong[0]]} rows where the backup "
            f"has {summary.rows[wrong[0]]} (its sign-ins and API tokens were ended)"
        )
