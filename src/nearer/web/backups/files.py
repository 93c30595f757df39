"""Backup files on disk: their kind by magic bytes, written privately and atomically.

A backup holds everything two people wrote, so it is created with mode 0600 from its first byte,
and it appears under its name only once it is complete and flushed to disk: an interrupted backup
never leaves half a file where a good one was.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from nearer.web import migration_lock
from nearer.web.backups.contents import UnusableBackup

SQLITE = "SQLite"
POSTGRESQL = "PostgreSQL"
MAGIC = {SQLITE: b"SQLite format 3\x00", POSTGRESQL: b"PGDMP"}
SQLITE_HEADER_SIZE = 100  # a real SQLite file is at least its 100-byte header
SUFFIXES = ("-wal", "-shm", "-journal")  # the files SQLite keeps beside a database
STREAM = Path("-")  # standard input or output on other command lines; never a backup here


def kind_of(path: Path) -> str:
    """SQLITE or POSTGRESQL by the file's first bytes; UnusableBackup for anything else.

    Errors here and below carry only what is wrong; the caller names the file.
    """
    if path == STREAM:
        raise UnusableBackup("a backup is read from a file, not from standard input; give its name")
    try:
        with path.open("rb") as handle:
            head = handle.read(SQLITE_HEADER_SIZE)
    except FileNotFoundError:
        raise UnusableBackup("no such file") from None
    except IsADirectoryError:
        raise UnusableBackup("is a folder, not a backup file") from None
    except OSError as error:
        raise UnusableBackup(f"cannot be read ({error.strerror})") from None
    if not head:
        raise UnusableBackup("is empty, not a backup")
    for kind, magic in MAGIC.items():
        if head.startswith(magic):
            if kind == SQLITE and len(head) < SQLITE_HEADER_SIZE:
                raise UnusableBackup("is truncated (shorter than an SQLite header)")
            return kind
    raise UnusableBackup(
        "is not a nearer backup (neither an SQLite database nor a PostgreSQL archive)"
    )


def check_target(path: Path, owned: Owned) -> Path:
    """Where a new backup may go: not a folder, in a folder that exists, and none of nearer's own
    files (the live database, the key files, what nearer keeps in its data and keys folders).
    Nor a device or a named pipe: a backup is a file, checked once written, so it is never
    streamed into one, and moving the finished file into place would replace it."""
    if path == STREAM:
        raise UnusableBackup("a backup is written to a file, not to standard output; give a name")
    if path.is_dir():
        raise UnusableBackup("is a folder; give the backup file's name")
    if path.exists() and not path.is_file():  # a device, a named pipe, a socket
        raise UnusableBackup(
            "is not a regular file (a device, a named pipe or a socket); a backup is a file, "
            "so give a file's name"
        )
    if not path.parent.is_dir():
        raise UnusableBackup(f"the folder {path.parent} does not exist")
    what = owned.what(path)
    if what is not None:
        raise UnusableBackup(f"is {what}; choose another file")
    return path


@dataclass(frozen=True)
class Owned:
    """nearer's own files and folders, which a backup must never replace, each with what it is
    (for the refusal to name). A database file stands for its -wal, -shm and -journal too, and
    for its migration lock."""

    files: Mapping[Path, str]
    folders: Mapping[Path, str]

    def what(self, path: Path) -> str | None:
        """What `path` is of nearer's, or None. Symlinks and `..` are resolved, and an existing
        file is compared by identity too, so a hard link to the key file is the key file."""
        resolved = path.resolve()
        for file, what in self.files.items():
            if resolved == file.resolve() or _same_file(path, file):
                return what
        for folder, what in self.folders.items():
            if folder.resolve() in resolved.parents:
                return what
        return None


def _same_file(path: Path, other: Path) -> bool:
    try:
        return path.samefile(other)
    except OSError:  # either is missing or unreadable: not the same existing file
        return False


def database_files(database: Path, what: str) -> dict[Path, str]:
    """An SQLite database, the files SQLite keeps beside it ("the -wal file of what") and
    nearer's migration lock: a backup moved onto the lock would leave a nearer applying
    migrations holding a lock on a file that is no longer there, and the next would not wait."""
    beside = {database.with_name(database.name + s): f"the {s} file of {what}" for s in SUFFIXES}
    lock = migration_lock.lock_file(database)
    return {database: what, **beside, lock: f"the migration lock of {what}"}


@contextlib.contextmanager
def private_temporary(target: Path) -> Iterator[Path]:
    """An empty 0600 file beside `target`, removed unless `commit` moved it into place."""
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.partial")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(descriptor)
    try:
        yield temporary
    finally:
        for leftover in (temporary, *(temporary.with_name(temporary.name + s) for s in SUFFIXES)):
            leftover.unlink(missing_ok=True)


def commit(temporary: Path, target: Path) -> None:
    """Flush `temporary` to disk and move it onto `target` in one step."""
    with temporary.open("rb") as handle:
        os.fsync(handle.fileno())
    os.chmod(temporary, 0o600)  # noqa: PTH101 - os.chmod mirrors os.open's mode above
    temporary.replace(target)
    folder = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(folder)  # the rename itself survives a crash
    finally:
        os.close(folder)


@contextlib.contextmanager
def private_copy(path: Path, near: Path) -> Iterator[Path]:
    """A copy of `path` in a fresh 0700 folder inside `near`, deleted afterwards.

    Checks and the restore both read this copy, so the file cannot change between the two, and
    opening it (which SQLite may write to) never touches the person's backup.
    """
    with tempfile.TemporaryDirectory(prefix=".nearer-restore-", dir=near) as folder:
        copy = Path(folder) / "backup"
        descriptor = os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as target, path.open("rb") as source:
            shutil.copyfileobj(source, target, 1024 * 1024)
        yield copy
