"""What a command made before it failed, taken away again.

Settings make the data folder, its secret key file and its `static` folder as Django starts,
before `nearer backup` or `nearer restore` knows whether it has anything to do. When the command
then refuses (nothing to back up, a file that is no good, a "no" to the question), those are
removed again, so a refusal leaves no trace (docs/backups.md). Only what did not exist before
the command is removed, and a folder only when it is empty: nothing already there is touched.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import typer

from nearer.web.private_files import data_dir_path


class Traces:
    """Paths that did not exist when the command began, to remove if it fails."""

    def __init__(self) -> None:
        self.files: list[Path] = []
        self.folders: list[Path] = []  # innermost first

    def note_file(self, path: Path) -> None:
        """Remove `path` if it is new."""
        if not path.exists():
            self.files.append(path)

    def note_database(self, path: Path) -> None:
        """Remove the SQLite database at `path`, the files SQLite keeps beside it and its
        migration lock (web/migration_lock.py), if new."""
        from nearer.web.migration_lock import LOCK_SUFFIX  # imports Django's migrations

        for suffix in ("", "-wal", "-shm", "-journal", LOCK_SUFFIX):
            self.note_file(path.with_name(path.name + suffix))

    def note_folder(self, path: Path) -> None:
        """Remove `path` and the folders above it that are new, each only if empty."""
        while not path.exists() and path != path.parent:
            self.folders.append(path)
            path = path.parent

    def remove(self) -> None:
        for file in self.files:
            with contextlib.suppress(OSError):
                file.unlink(missing_ok=True)
        for folder in self.folders:
            with contextlib.suppress(OSError):  # not empty: someone else's now; left as it is
                folder.rmdir()


@contextlib.contextmanager
def none_unless_done(database: bool = True) -> Iterator[Traces]:
    """Around a command's work: if it ends in anything but success, what it made (the data
    folder and its files, the SQLite database unless `database` is false, and whatever else is
    noted on the Traces) is taken away."""
    data = data_dir_path()
    traces = Traces()
    traces.note_folder(data / "static")
    traces.note_file(data / "nearer_secret_key.txt")
    if database:
        traces.note_database(data / "nearer.sqlite3")
    try:
        yield traces
    except typer.Exit as done:
        if done.exit_code != 0:
            traces.remove()
        raise
    except BaseException:
        traces.remove()
        raise
