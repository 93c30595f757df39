"""`nearer backup` and `nearer restore`: the database to a private file and back, checked."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import typer

from nearer.cli import prompt, traces
from nearer.cli.inputs import InputError, file_name, one_line, shown
from nearer.cli.serve import django_setup, open_database, waiting_for_migrations
from nearer.cli.stopping import said_when_stopped, stopped_as_by_ctrl_c
from nearer.cli.streams import printing, report_done

#: The restore's option to go on when the key file lacks a key the backup's values are under.
WITHOUT_KEY = "--without-key"


def _failed(error: Exception) -> InputError:
    """A bad file, or a key file without the backup's keys, is bad input (exit 2); a failure
    around it, e.g. a missing pg_dump, exits 1."""
    from nearer.web.backups import KeysNotHeld, UnusableBackup

    if isinstance(error, KeysNotHeld):
        return InputError(f"{error} ({WITHOUT_KEY} restores it all the same)")
    failure = InputError(str(error))
    if not isinstance(error, UnusableBackup):
        failure.exit_code = 1
    return failure


#: The prefix of the private folder a restore checks its copy of the backup in (backups/files.py).
RESTORE_FOLDER = ".nearer-restore-*"


@contextlib.contextmanager
def one_restore_in(folder: Path) -> Iterator[None]:
    """Hold `folder`, where the restore keeps its private copy, against other restores, and
    remove what restores ended by SIGKILL or a power cut left there: while the lock is held no
    other restore is using a private folder in it. Another restore holding it: exit code 1.
    Where the folder cannot be locked, nothing is removed (the restore says what is wrong).
    The same is done once more as the restore ends, however it ends: a Ctrl-C that lands while
    its own folder is being removed would leave that folder behind."""
    with contextlib.ExitStack() as held:
        locked = _locked(folder, held)
        if locked:
            _remove_leftovers(folder)
        try:
            yield
        finally:
            if locked:
                _remove_leftovers(folder)


def _remove_leftovers(folder: Path) -> None:
    for leftover in folder.glob(RESTORE_FOLDER):
        shutil.rmtree(leftover, ignore_errors=True)


def _locked(folder: Path, held: contextlib.ExitStack) -> bool:
    """Lock `folder` until `held` closes; False where the folder or its file system cannot."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return False
    held.callback(os.close, descriptor)  # the lock goes with the descriptor
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        busy = InputError(f"{folder}: another nearer restore is running there; let it finish")
        busy.exit_code = 1
        raise busy from None
    except OSError:
        return False
    return True


def _size(path: Path) -> str:
    size, unit = float(path.stat().st_size), "bytes"
    for bigger in ("KB", "MB", "GB"):
        if size < 1024:
            break
        size, unit = size / 1024, bigger
    return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"


def backup(
    file: Path = typer.Argument(
        ...,
        parser=file_name,
        help="The backup file to write (a file already there is replaced; a device is not).",
    ),
) -> None:
    """Back up the database while nearer runs, to a file only you can read (not the key file)."""
    os.umask(0o077)  # whatever it makes beside the backup is the person's own too
    before = _identity(file)

    def said() -> str:
        # The checked file is moved onto `file` in one step (backups/files.py), replacing any
        # earlier backup there: stopped after that step, `file` is another file than before.
        if _identity(file) != before:
            return shown(f"stopped after the backup: {file} is written and checked")
        return "stopped: no backup was written; the database was not changed"

    with said_when_stopped(said):
        summary = _backed_up(file)
        report_done(
            f"Backed up {summary.describe()} to {shown(str(file))} ({summary.kind}, "
            f"{_size(file)}, mode 0600).\n"
            "The secret key file is not in it, nor the server key file that shared content "
            "needs after a restore (NEARER_KEY_FILE): keep a copy of that apart; see "
            "docs/backups.md.\n"
        )


def _identity(path: Path) -> tuple[int, int, int] | None:
    """Which file is at `path` (device, inode, modification time); None when there is none."""
    try:
        status = path.stat()
    except (OSError, ValueError):  # missing, or a name the system cannot take
        return None
    return status.st_dev, status.st_ino, status.st_mtime_ns


def _backed_up(file: Path) -> Any:
    """The summary of the backup written to `file`. Nothing to back up, a bad file, or a
    SIGTERM: the half-written file and the data folder made go."""
    with stopped_as_by_ctrl_c(), traces.none_unless_done():
        django_setup()
        open_database(create=False)  # a database that does not exist yet: nothing to back up
        from nearer.web import backups

        try:
            return backups.backup(file)
        except backups.BackupError as error:
            raise _failed(error) from None


def _can_ask() -> bool:
    """Whether a person is there to answer: standard input is a terminal."""
    return sys.stdin is not None and sys.stdin.isatty()


def restore(
    file: Path = typer.Argument(..., parser=file_name, help="A backup made by `nearer backup`."),
    yes: bool = typer.Option(False, "--yes", help="Replace the data without asking."),
    without_key: bool = typer.Option(
        False,
        WITHOUT_KEY,
        help="Restore even when the key file is missing, cannot be read or lacks the server key "
        "the backup's shared text is sealed under (that text stays unreadable, and `nearer serve` "
        "will not start, until the key file holds it).",
    ),
) -> None:
    """Check a backup, then replace everything in the database with it."""
    if not yes and not _can_ask():  # before anything is made: a refusal leaves no trace
        raise InputError(
            f"{file}: restoring replaces all data in nearer's database; "
            "add --yes to confirm (there is no terminal to ask on)"
        )
    os.umask(0o077)  # the database, its -wal and -shm and the folders made: the person's own
    progress = Restoring()
    with said_when_stopped(progress.said):
        summary = _restored(file, yes, without_key, progress)
        from nearer.web import backups

        report_done(
            f"Restored {summary.describe()} from {shown(str(file))} into "
            f"{shown(backups.describe())}.\n"
            + _taken_back(summary.ended)
            + _still_sealed(summary.unheld)
        )


def _restored(file: Path, yes: bool, without_key: bool, progress: Restoring) -> Any:
    """The summary of the restore of `file`, `progress` kept up to date. A refusal, or a
    SIGTERM, leaves no new data folder or database, nor the private copy."""
    # The database is noted only as the load begins (Restoring.loading), under its migration
    # lock: one another nearer made while the question waited is not the restore's to remove.
    with stopped_as_by_ctrl_c(), traces.none_unless_done(database=False) as made:
        django_setup()
        # SQLite makes the file only when the restore writes to it, after every check: a restore
        # may go into a new, empty database, and a refused one leaves none behind.
        open_database(create=False)
        from django.db import connection

        from nearer.web import backups

        progress.database, progress.made = backups.live_file(connection), made

        def confirm(summary: Any) -> bool:
            question = shown(f"Replace everything in {backups.describe()} with it?")
            with printing():  # stdout that cannot be written stops it before anything changes
                typer.echo(
                    shown(f"{file}: a good {summary.kind} backup of nearer, {summary.describe()}.")
                )
                typer.echo(TAKES_BACK)
                progress.summary = summary
                return yes or prompt.confirmed(question)

        try:
            with one_restore_in(backups.scratch_folder(connection)):
                summary = backups.restore(
                    file,
                    confirm=confirm,
                    without_key=without_key,
                    waiting=waiting_for_migrations,
                    busy=lambda: waiting_for_a_writer(restored=progress.in_place),
                    loading=progress.loading,
                    writing=progress.writing,
                    loaded=progress.loaded,
                    ended=progress.ended,
                )
        except backups.BackupError as error:
            raise _failed(error) from None
        if summary is None:
            typer.echo("Nothing was restored.", err=True)
            raise typer.Exit(1)
        return summary


def waiting_for_a_writer(restored: bool = False) -> None:
    """Said once another program's transaction has held the restore a while: a write to the
    SQLite database, or tables a PostgreSQL restore replaces; once `restored`, the sign-ins the
    restore ends after its load."""
    from nearer.web import backups

    where, seconds = backups.describe(), f"{backups.lock_wait():g}"
    if restored:
        said = (
            f"the backup is restored; waiting for another program using {where} to finish, to "
            f"end every sign-in and API token (at most {seconds} seconds)"
        )
    else:
        said = (
            f"waiting for another program writing to {where} to finish (at most {seconds} "
            "seconds; nothing has changed yet, and Ctrl-C stops the restore)"
        )
    typer.echo(shown(said), err=True)


class Restoring:
    """How far a restore got, for the line said when it is stopped: `summary` is the checked
    backup's once it is known, `writes` is true once the load has every lock it waited for
    (until then nothing has changed), `in_place` once the load has returned (the database holds
    the backup), `done` once every sign-in in it is ended (only the last check of its rows is
    left); `new_database` is true when the SQLite file did not exist as the load began."""

    def __init__(self) -> None:
        self.summary: Any = None
        self.database: Path | None = None  # the SQLite file; None on PostgreSQL
        self.made: traces.Traces | None = None
        self.new_database = False
        self.writes = False
        self.in_place = False
        self.done = False

    def loading(self) -> None:
        """Called just before the load, under the migration lock: from here on the database may
        change. A SQLite file missing now is the restore's, taken away if it fails."""
        if self.database is not None and not self.database.exists():
            self.new_database = True
            if self.made is not None:
                self.made.note_database(self.database)

    def writing(self) -> None:
        """Called once the load holds every lock it waited for: it writes from here on."""
        self.writes = True

    def loaded(self) -> None:
        """Called once the load has returned: the database holds the backup from here on."""
        self.in_place = True

    def ended(self) -> None:
        """Called once the restored database's sign-ins are ended and its API tokens revoked."""
        self.done = True

    def said(self) -> str:
        """Whether the database changed. A restore is one transaction: stopped before it
        commits, nothing changed; once it has, the database holds the backup, whose sign-ins
        and API tokens were never loaded (web/backups/access.py). Not asked before the load
        holds its locks (while it waits for another program's, it has written nothing), nor
        after it returned (ending the sign-ins may wait for a table held, as asking would), nor
        about a database the restore made: a stopped restore has taken that away, and asking
        would make an empty one again; one still there is asked about."""
        unchanged = "stopped: nothing was restored; the database was not changed"
        if not self.writes or self._taken_away():
            return unchanged  # before the imports: stopped as Django starts, they would fail
        from nearer.web import backups

        if self.done:
            return shown(
                f"stopped after restoring: the database holds the backup's data now "
                f"({backups.describe()}), with every sign-in ended and every API token revoked"
            )
        if self.in_place:
            return shown(
                f"stopped after restoring: {backups.describe()} holds the backup; sign-ins and "
                "API tokens made since the load may still work; stop nearer's server and "
                "restore again"
            )
        return self._asked(unchanged)

    def _asked(self, unchanged: str) -> str:
        """Stopped while the load writes: whether the database holds the backup, as far as its
        row counts tell."""
        from django.db import DatabaseError

        from nearer.web import backups

        try:
            finished = backups.holds(self.summary)
        except DatabaseError as error:  # PostgreSQL's first line says why, the rest where
            why = next(iter(str(error).splitlines()), type(error).__name__)
            return one_line(f"stopped while restoring; whether it finished cannot be told ({why})")
        if not finished:  # a finished restore leaves the backup's row counts: not finished
            return unchanged
        # A database the same size as the backup may not have changed.
        return shown(
            f"stopped while restoring: {backups.describe()} holds the backup or what it held "
            "before, never a mix (the restore is one transaction); run the restore again to "
            "be sure it holds the backup"
        )

    def _taken_away(self) -> bool:
        """Whether the database the restore made is gone again (traces.py removed it)."""
        return self.new_database and self.database is not None and not self.database.exists()


#: Said before asking: what a restore does to the ways into accounts (web/backups/access.py).
TAKES_BACK = (
    "Restoring ends every sign-in and revokes every API token, so that nothing ended since the "
    "backup works again; passwords changed since the backup are the backup's again."
)


def _plural(count: int, one: str, many: str) -> str:
    return f"1 {one}" if count == 1 else f"{count:,} {many}"


def _taken_back(ended: Any) -> str:
    """What the restore ended, as lines: never which accounts."""
    if ended is None:
        return ""
    said = (
        f"Ended {_plural(ended.sign_ins, 'sign-in', 'sign-ins')} and revoked "
        f"{_plural(ended.tokens, 'API token', 'API tokens')}: everyone signs in again.\n"
    )
    if ended.passwords:
        accounts = _plural(ended.passwords, "account's password", "accounts' passwords")
        said += (
            f"{accounts} changed since the backup {'is' if ended.passwords == 1 else 'are'} the "
            "backup's again: whoever changed one should change it again.\n"
        )
    return said


def _still_sealed(unheld: Mapping[str, int]) -> str:
    """What a restore --without-key leaves unreadable, as a line; none when nothing is."""
    if not unheld:
        return ""
    from nearer.web.vault import keyfile

    count, ids = sum(unheld.values()), ", ".join(sorted(unheld))
    values = "1 value stays" if count == 1 else f"{count:,} values stay"
    key, it = ("server key", "it") if len(unheld) == 1 else ("server keys", "them")
    return (
        f"{values} sealed under {key} {ids}, which {keyfile.path()} lacks: put back the key file "
        f"that holds {it}; `nearer serve` refuses to start until then.\n"
    )
