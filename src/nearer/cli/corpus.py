"""`nearer corpus`: many chats' weekly tables in one CSV, for researchers.

Each chat is analysed as `nearer analyze --pseudonyms --format csv` would analyse it alone, in a
pool of processes (one chat a process at a time: memory grows with the jobs, not the corpus), and
its rows go into one table behind a `chat` column, in the order the chats were named. A chat
that cannot be analysed (unreadable, a group chat, an export of several chats) is skipped with
one line naming it and why; the rest are written.

The pool is spawned, not forked: polars' threads do not survive a fork. Its processes ignore
Ctrl-C, which the command hears alone and answers by ending them.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from nearer.cli.analyze import not_an_input, report_target, time_zone
from nearer.cli.exports import read_exports
from nearer.cli.inputs import InputError, check_writable, one_line, write_private
from nearer.cli.stopping import import_polars
from nearer.cli.streams import write_stdout

if TYPE_CHECKING:
    import polars as pl

    from nearer.chat.pair import ChatChoiceError


@dataclass(frozen=True)
class Export:
    """One chat's export: its name in the table and messages, and its files."""

    name: str
    files: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    """What became of one export: its weekly table and warnings, or why it was skipped."""

    name: str
    weeks: pl.DataFrame | None
    said: tuple[str, ...]


def corpus(
    paths: list[str] = typer.Argument(
        ...,
        metavar="EXPORT...",
        help="Chat exports, each a file as `nearer analyze` takes it, or folders of them: each "
        "file in a folder is one chat's export, and each folder in it one chat's export split "
        "over its files (a Messenger thread's message_N.json); names starting with a dot are "
        "passed over.",
    ),
    out: str | None = typer.Option(
        None,
        "--out",
        metavar="<path>",
        help='The table\'s file, "-" for stdout (the default); never one of the exports.',
    ),
    jobs: int = typer.Option(
        0, "--jobs", help="Chats analysed at once (default 0: one per core of this computer)."
    ),
    tz: str | None = typer.Option(
        None,
        "--tz",
        help="Time zone for exports that store instants, as `nearer analyze --tz`; default: "
        "this computer's.",
    ),
) -> None:
    """Analyse many chats into one weekly table (CSV), people named Person A and B."""
    if jobs < 0:
        raise InputError(f"--jobs: expected 0 (one per core) or more, got {jobs}")
    import_polars()
    zone = time_zone(tz)
    exports = exports_named(paths)
    target = report_target(out, "csv")
    not_an_input(target, [file for export in exports for file in export.files])
    if target is not None:
        _not_in_a_folder_read(target, paths)
        check_writable(target, "--out")
    outcomes = _analysed_all(exports, zone, jobs or os.cpu_count() or 1)
    written = [(outcome.name, outcome.weeks) for outcome in outcomes if outcome.weeks is not None]
    _tell(outcomes)
    if not written:
        raise InputError(f"none of the {len(outcomes)} chats could be analysed (see above)")
    _write(_table(written), target)
    skipped = len(outcomes) - len(written)
    done = f"nearer: {len(written)} of {len(outcomes)} chats in the table"
    print(one_line(done + (f"; {skipped} skipped (see above)" if skipped else "")), file=sys.stderr)
    if skipped:
        raise typer.Exit(1)


def exports_named(paths: Sequence[str]) -> list[Export]:
    """The exports `paths` name, in order: a file is one; a folder holds one in each of its
    files and folders (by name; a folder's own files, not those of folders inside it, are the
    export's). Raises InputError for "-", a name that is neither, or no export at all."""
    found: list[Export] = []
    for typed in paths:
        path = Path(typed)
        if typed == "-":
            raise InputError('EXPORT: "-": the standard input is one chat; use `nearer analyze -`')
        if path.is_dir():
            found += [_export(str(entry)) for entry in _entries(path)]
        elif path.exists():
            found.append(Export(typed, (typed,)))
        else:
            raise InputError(f"{typed}: no such file or folder")
    if not found:
        raise InputError(f"{', '.join(paths)}: holds no chat export")
    return found


def _not_in_a_folder_read(target: Path, paths: Sequence[str]) -> None:
    """Refuse a table written among the exports: the next run would read it as a chat."""
    for typed in paths:
        folder = Path(typed)
        if folder.is_dir() and Path(os.path.realpath(target)).parent == folder.resolve():
            raise InputError(
                f"--out {target}: is in the folder {typed}, whose files are read as chats; "
                "write the table elsewhere"
            )


def _entries(folder: Path) -> list[Path]:
    return sorted(entry for entry in folder.iterdir() if not entry.name.startswith("."))


def _export(name: str) -> Export:
    path = Path(name)
    if not path.is_dir():
        return Export(name, (name,))
    files = [str(entry) for entry in _entries(path) if entry.is_file()]
    return Export(name, tuple(files))


def analysed(export: Export, zone: str) -> Outcome:
    """One export's weekly table, people named Person A and B; or why it was skipped."""
    from nearer.chat.pipeline import ChatChoiceError, analyze
    from nearer.chat.records import ChatChoiceNeeded, ChatParseError

    if not export.files:
        return _skipped(export, "holds no files")
    try:
        report = analyze(read_exports(list(export.files)), zone=zone, pseudonyms=True)
    except ChatChoiceNeeded as several:  # its message lists the chats: their names, people's
        listing = f"`nearer chats {export.name}` lists them"
        return _skipped(export, f"holds {len(several.choices)} chats; {listing}")
    except ChatChoiceError as error:
        return _skipped(export, _not_a_couple(error))
    except (ChatParseError, InputError) as error:
        return _skipped(export, str(error))
    return Outcome(export.name, report.weekly, tuple(str(w) for w in report.warnings))


def _not_a_couple(error: ChatChoiceError) -> str:
    """Why a chat is not one couple's, naming no one (the table names no one either)."""
    from nearer.chat.pair import AlikeError

    people = len(error.participants)
    if isinstance(error, AlikeError):
        return "two of its people go by one name, which the export writes alike (`nearer analyze`)"
    if people > 2:
        return f'{people} people wrote in this chat; `nearer analyze --pair "A,B"` analyses two'
    return f"needs messages from two people; found {people}"


def _skipped(export: Export, why: str) -> Outcome:
    """`why`, naming the export unless it names one of its files already (a parse error names
    the file and line)."""
    named = why.startswith((export.name, *export.files))
    return Outcome(export.name, None, (why if named else f"{export.name}: {why}",))


def _analysed_all(exports: list[Export], zone: str, jobs: int) -> list[Outcome]:
    """Each export's outcome, in order; `jobs` processes at a time (this one, for one)."""
    with _progress(len(exports)) as advance:
        if jobs == 1 or len(exports) == 1:
            return [advance(analysed(export, zone)) for export in exports]
        spawned = multiprocessing.get_context("spawn")
        with spawned.Pool(min(jobs, len(exports)), initializer=_hear_no_interrupt) as pool:
            # Ordered, one at a time: a chat's table is held once it is done, not all at once.
            work = pool.imap(_analysed_in_zone, [(export, zone) for export in exports])
            return [advance(outcome) for outcome in work]  # leaving `with` ends the pool


def _analysed_in_zone(job: tuple[Export, str]) -> Outcome:
    return analysed(*job)


def _hear_no_interrupt() -> None:
    """A pool process leaves Ctrl-C to the command, which ends the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _tell(outcomes: Sequence[Outcome]) -> None:
    """Each chat's warnings, and each skipped chat's reason, one line each on stderr."""
    for outcome in outcomes:
        kept = outcome.weeks is not None
        for said in outcome.said:
            told = f"warning: {outcome.name}: {said}" if kept else f"skipped: {said}"
            print(one_line(f"nearer: {told}"), file=sys.stderr)


def _table(written: Sequence[tuple[str, pl.DataFrame]]) -> str:
    from nearer.chat.render_csv import corpus_csv

    return corpus_csv(written)


def _write(text: str, target: Path | None) -> None:
    if target is None:
        write_stdout(text)
    else:
        write_private(target, text)  # owner only, as every report: aggregates are private too


@contextmanager
def _progress(total: int) -> Iterator[Callable[[Outcome], Outcome]]:
    """A bar on stderr counting the chats analysed (a terminal shows it; it leaves no trace)."""
    columns = (TextColumn("Analysing chats"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("chats", total=total)

        def advance(outcome: Outcome) -> Outcome:
            bar.advance(task)
            return outcome

        yield advance
