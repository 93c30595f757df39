"""PostgreSQL: pg_dump's custom archives, checked with pg_restore, restored in one transaction.

pg_dump reads one consistent snapshot while the app keeps running (pg_client.py picks the
tools). The connection comes from Django's settings through libpq's PG* variables, so the
password never appears on a command line.

Before a restore touches anything the whole archive is read: `pg_restore --list` for its table
of contents, then every data block (a truncated or damaged archive fails there). The restore
itself is pg_restore's --clean --if-exists script run by psql as a single transaction, so it
lands whole or not at all. That transaction first takes every table it replaces, in one
statement bounded by LOCK_WAIT, so another transaction holding them makes the restore say it
waits and then give up, as on SQLite, rather than wait for one table after another.
"""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import tempfile
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, TypeVar

from django.db import DatabaseError

from nearer.web.backups.contents import BackupError, Contents, UnusableBackup
from nearer.web.backups.pg_client import (
    DEADLOCK_DETECTED,
    LOCK_NOT_AVAILABLE,
    QUERY_CANCELED,
    Client,
    choose,
    clients,
    failure,
    psql_error,
    server_major,
)
from nearer.web.backups.pg_script import TOC_ENTRY, restoring, scan, tables_listed
from nearer.web.backups.waits import Waits

#: A restore waiting for another transaction's locks on the tables it replaces: said after
#: QUIET_WAIT seconds, given up after LOCK_WAIT in all (as on SQLite), changing nothing. A backup
#: waits LOCK_WAIT seconds at most too.
QUIET_WAIT, LOCK_WAIT = 5.0, 60.0
#: Seconds a stopped restore's psql has to cancel its statement before it is killed.
STOP_WAIT = 5.0
#: What psql prints once the restore holds every table it replaces (load()).
TAKEN = b"nearer: every table taken"
#: libpq's variable for each connection option DATABASE_URL may carry (web/env.py), so the tools
#: connect as the app does: over TLS when it does, checking the same certificates.
OPTION_VARIABLES = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "application_name": "PGAPPNAME",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
}


def session(lock_wait: float) -> str:
    """Fail rather than wait for ever when the running app holds a lock; quiet the --if-exists
    notices."""
    return f"-c lock_timeout={milliseconds(lock_wait)} -c client_min_messages=warning"


def environment(settings: Mapping[str, Any], purpose: str) -> dict[str, str]:
    """libpq's variables for Django's connection settings; each lock is waited for LOCK_WAIT
    seconds at most."""
    env = dict(os.environ, PGAPPNAME=f"nearer {purpose}", PGCONNECT_TIMEOUT="10")
    env["PGOPTIONS"] = session(LOCK_WAIT)
    names = {"NAME": "PGDATABASE", "USER": "PGUSER", "PASSWORD": "PGPASSWORD"}
    names |= {"HOST": "PGHOST", "PORT": "PGPORT"}
    for key, variable in names.items():
        if settings.get(key):
            env[variable] = str(settings[key])
    options = settings.get("OPTIONS") or {}
    for key, variable in OPTION_VARIABLES.items():
        if options.get(key):
            env[variable] = str(options[key])
    if options.get("options"):  # nearer's own last, so its lock timeout holds
        env["PGOPTIONS"] = f"{options['options']} {session(LOCK_WAIT)}"
    return env


def dump(connection: Any, temporary: Path) -> None:
    """pg_dump the configured database into the empty private file `temporary`."""
    client = choose(clients(), server_major(connection))
    command: list[str | Path] = [client.pg_dump, "--format=custom", "--no-password"]
    command += [f"--lock-wait-timeout={milliseconds(LOCK_WAIT)}"]
    with temporary.open("wb") as handle:  # the file exists with mode 0600; opening keeps it
        done = subprocess.run(
            command,
            stdout=handle,
            stderr=subprocess.PIPE,
            env=environment(connection.settings_dict, "backup"),
            check=False,
        )
    if done.returncode != 0:
        raise BackupError(
            f"pg_dump failed ({failure(client.pg_dump, done.returncode, done.stderr)})"
        )


def read(archive: Path, sealed_in: Mapping[str, Collection[str]] | None = None) -> Contents:
    """Read the whole archive: its tables, their row counts and the applied migrations, and the
    server keys that values in `sealed_in`'s columns (by table) are sealed under."""
    client = choose(clients(), 0)
    listing = subprocess.run(
        [client.pg_restore, "--list", archive], capture_output=True, check=False
    )
    if listing.returncode != 0:
        said = failure(client.pg_restore, listing.returncode, listing.stderr)
        raise UnusableBackup(f"is damaged or unreadable ({said})")
    entries = listing.stdout.splitlines()
    if not any(TOC_ENTRY.match(line) for line in entries):
        raise UnusableBackup("is damaged (pg_restore finds nothing in it)")
    tables = tables_listed(entries)
    with tempfile.TemporaryFile() as errors:
        script: list[str | Path] = [client.pg_restore, "--data-only", "--file=-", archive]
        with subprocess.Popen(script, stdout=subprocess.PIPE, stderr=errors) as data:
            assert data.stdout is not None
            found = scan(data.stdout, sealed_in or {})
        if data.returncode != 0:
            said = failure(client.pg_restore, data.returncode, read_all(errors))
            raise UnusableBackup(f"is damaged or truncated ({said})")
    return Contents(
        rows={**dict.fromkeys(tables, 0), **found.rows},
        migrations=frozenset(found.migrations),
        sealed=dict(found.sealed),
        columns=found.columns,
    )


def read_all(handle: IO[bytes]) -> bytes:
    handle.seek(0)
    return handle.read()


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def load(connection: Any, archive: Path, contents: Contents, waits: Waits) -> None:
    """Replace the configured database's tables with the archive's, in one transaction.

    The transaction first takes every table it replaces. Another transaction holding one (the
    running app's, an open psql's) holds it up: `waits` is told once the restore's waits have
    lasted QUIET_WAIT seconds, and after LOCK_WAIT seconds in all (patiently()'s included, but
    waits.FLOOR seconds for this one at least) the restore gives up with a BackupError, nothing
    changed; `waits` is told when it holds them all and writes. Tables the archive does not have (a
    newer nearer's) are dropped in the same transaction, so the database ends exactly as the
    backup was and its migrations can be applied again. The script is written out in full
    first: psql must never commit a script cut short.
    """
    client = choose(clients(), server_major(connection))
    with connection.cursor() as cursor:
        live = set(connection.introspection.table_names(cursor))
    sql = archive.with_name("restore.sql")  # beside the private copy, in its 0700 folder
    write_script(client, archive, sql)
    taken = taking(live, waits.for_load(LOCK_WAIT))
    command = [*psql_command(client), *taken, *dropping(live - set(contents.rows))]
    with tempfile.TemporaryFile() as errors:
        with subprocess.Popen(
            [*command, f"--file={sql}"],
            stdout=subprocess.PIPE,
            stderr=errors,
            env=environment(connection.settings_dict, "restore"),
        ) as psql:
            assert psql.stdout is not None
            try:
                locked = tables_taken(psql.stdout, waits)
                psql.stdout.read()  # what the script prints, so psql never blocks on it
            except BaseException:  # stopped (Ctrl-C, SIGTERM): psql gone, the server rolls back
                stop(psql)
                if psql.returncode == 0:  # unless psql had committed (TAKEN left unread): it wrote
                    waits.over()
                raise
        if psql.returncode != 0:
            raise BackupError(refusal(client, psql.returncode, read_all(errors), locked))


def stop(psql: subprocess.Popen[bytes]) -> None:
    """End `psql` and its transaction now. Killed, it would leave its server process waiting
    for a lock (or loading) until it next writes to it, holding the tables it took meanwhile:
    interrupted, psql has the server cancel the statement first, as on Ctrl-C in a terminal."""
    psql.send_signal(signal.SIGINT)
    try:
        psql.wait(timeout=STOP_WAIT)
    except subprocess.TimeoutExpired:
        psql.kill()


T = TypeVar("T")


class HeldTooLong(BackupError):
    """Another transaction held a table the restore needs for the rest of LOCK_WAIT."""


def patiently(connection: Any, read: Callable[[], T], waits: Waits) -> T:
    """`read()`, whose queries on `connection` wait for another transaction's locks until
    `waits` has lasted QUIET_WAIT seconds, then (`waits` told) until LOCK_WAIT seconds in all:
    a transaction holding a table exclusively (an open psql's ALTER TABLE, another restore)
    would otherwise hold the restore up for ever, in silence. Then a BackupError; nothing has
    changed."""
    with waits.timing():
        try:
            return within(connection, read, waits.left(min(QUIET_WAIT, LOCK_WAIT)))
        except HeldTooLong:
            if QUIET_WAIT >= LOCK_WAIT:
                raise
        waits.tell()
        return within(connection, read, waits.left(LOCK_WAIT))


def within(connection: Any, read: Callable[[], T], seconds: float) -> T:
    """`read()`, its waits for a lock bounded by `seconds`; HeldTooLong when one is not granted
    in time, a BackupError when PostgreSQL refuses otherwise."""
    try:
        with lock_timeout(connection, seconds):
            return read()
    except DatabaseError as error:
        if getattr(error.__cause__, "sqlstate", None) == LOCK_NOT_AVAILABLE:
            raise HeldTooLong(held_too_long()) from None
        said = str(error).strip().splitlines() or ["no message"]
        raise BackupError(f"PostgreSQL refused the restore ({said[0]})") from None


@contextmanager
def lock_timeout(connection: Any, seconds: float) -> Iterator[None]:
    """`connection`'s lock waits last `seconds` at most while the block runs. A statement_timeout
    of DATABASE_URL's options is off meanwhile: it would cut the wait short, as an error
    that is not a lock's."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('lock_timeout', %s, false)", [milliseconds(seconds)])
        cursor.execute("SET statement_timeout = 0")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
            cursor.execute("RESET statement_timeout")  # to DATABASE_URL's, if any


def psql_command(client: Client) -> list[str | Path]:
    """psql running everything it is given as one transaction, stopping at the first error,
    which it names with its SQLSTATE."""
    psql: list[str | Path] = [client.psql, "--no-psqlrc", "--quiet", "--no-password"]
    psql += ["--set=ON_ERROR_STOP=1", "--set=VERBOSITY=verbose", "--single-transaction"]
    return psql


def taking(tables: Collection[str], seconds: float) -> list[str]:
    """psql's commands that take every one of the live database's `tables` before anything
    changes, waiting `seconds` in all at most (each lock's own timeout would add up, one table
    after another), then print TAKEN."""
    commands = []
    if tables:
        names = ", ".join(quote(table) for table in sorted(tables))
        commands += [
            f"--command=SET LOCAL statement_timeout = '{milliseconds(seconds)}'",
            f"--command=LOCK TABLE {names} IN ACCESS EXCLUSIVE MODE",
            "--command=SET LOCAL statement_timeout = DEFAULT",
        ]
    return [*commands, f"--command=\\echo {TAKEN.decode()}"]


def dropping(tables: Collection[str]) -> list[str]:
    """psql's command that drops the live database's `tables` the backup lacks."""
    if not tables:
        return []
    return [f"--command=DROP TABLE IF EXISTS {', '.join(quote(t) for t in sorted(tables))} CASCADE"]


def tables_taken(stream: IO[bytes], waits: Waits) -> bool:
    """Whether psql printed TAKEN on `stream` before it ended, timed as one of `waits`, which is
    told once they have lasted QUIET_WAIT seconds, and when TAKEN comes (from then on the load
    writes). The wait is bounded by the server (taking())."""
    seen = b""
    with selectors.DefaultSelector() as selector, waits.timing():
        selector.register(stream, selectors.EVENT_READ)
        while TAKEN + b"\n" not in seen:
            if not selector.select(waits.until_told(QUIET_WAIT)):
                waits.tell()  # only a wait with a timeout ends without input
                continue
            chunk = os.read(stream.fileno(), 65536)
            if not chunk:
                return False
            seen = seen[-len(TAKEN) :] + chunk
    waits.over()
    return True


def refusal(client: Client, returncode: int, stderr: bytes, locked: bool) -> str:
    """psql's failure as one line: a lock waited for too long, a deadlock with another
    transaction (PostgreSQL ends one of the two), or what PostgreSQL said."""
    state, line = psql_error(stderr)
    if state == LOCK_NOT_AVAILABLE or (state == QUERY_CANCELED and not locked):
        return held_too_long()
    if state == DEADLOCK_DETECTED:
        return (
            "another transaction and the restore each waited for a table the other held (a "
            f"deadlock); {TRY_AGAIN}"
        )
    return f"PostgreSQL refused the restore ({failure(client.psql, returncode, line.encode())})"


TRY_AGAIN = "try again once it is done (or stop nearer's server first)"


def held_too_long() -> str:
    return (
        f"another transaction has held tables the restore replaces for more than "
        f"{LOCK_WAIT:g} seconds; {TRY_AGAIN}"
    )


def milliseconds(seconds: float) -> str:
    """`seconds` as a PostgreSQL time setting: a millisecond at least (0 would wait for ever)."""
    return f"{max(1, int(seconds * 1000))}ms"


def write_script(client: Client, archive: Path, sql: Path) -> None:
    """pg_restore's --clean --if-exists script for `archive`, into the new file `sql` (mode 0600).

    The script starts by turning PostgreSQL's lock timeout off, which would make the restore
    wait for ever behind a transaction of the app's (and the app hang behind the restore): that
    one line sets LOCK_WAIT instead.
    """
    script: list[str | Path] = [client.pg_restore, "--clean", "--if-exists", "--no-owner"]
    script += ["--no-privileges", "--file=-", archive]
    limit = f"SET lock_timeout = '{milliseconds(LOCK_WAIT)}';".encode()
    with (
        os.fdopen(os.open(sql, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as handle,
        tempfile.TemporaryFile() as errors,
    ):
        with subprocess.Popen(script, stdout=subprocess.PIPE, stderr=errors) as made:
            assert made.stdout is not None
            handle.writelines(restoring(made.stdout, limit))
        if made.returncode != 0:
            said = failure(client.pg_restore, made.returncode, read_all(errors))
            raise BackupError(f"pg_restore failed ({said})")
