"""`nearer corpus`: many chats' weekly tables in one CSV, for researchers.

Each chat is analysed as `nearer analyze --pseudonyms --format csv` would analyse it alone, in a
pool of processes (`nearer.cli.pool`: one chat a process at a time), and its rows go into one
table behind a `chat` column, in the order the chats were named. That column holds the chat's
number, its place in that order from 1, never its path: an export is often named after a person
("WhatsApp Chat with Sam.txt", a Messenger thread's folder "sam_123"), and the table is made to
be shared. Which file each number is goes to stderr alone ("nearer: chat 3: chats/x.txt"), the
key the researcher keeps.

A chat that cannot be analysed (unreadable, a group chat, an export of several chats, one whose
process died) is skipped with one line naming it and why, in the project's own words: a parser's
message may quote the export, and so name people. The rest are written.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.progress import BarColumn, MofNCompleteColumn, TextColumn

from nearer.cli.analyze import not_an_input, report_target, time_zone
from nearer.cli.exports import read_exports
from nearer.cli.inputs import (
    InputError,
    check_writable,
    named,
    one_line,
    unreadable,
    unreadable_as_input,
    write_private,
)
from nearer.cli.pool import NoProcess, each_done
from nearer.cli.stopping import import_polars, said_when_stopped, stopped_as_by_ctrl_c
from nearer.cli.streams import stderr_bar, write_stdout

if TYPE_CHECKING:
    from nearer.chat.pair import ChatChoiceError
    from nearer.chat.records import ChatParseError


@dataclass(frozen=True)
class Export:
    """One chat's export: its name in messages, and its files; or, found out while it was
    looked for, why it cannot be read. `number` is its `chat` in the table: its place among the
    exports named, from 1 (0 until `exports_named` numbers it)."""

    name: str
    files: tuple[str, ...]
    unreadable: str = ""
    number: int = 0


@dataclass(frozen=True)
class Outcome:
    """What became of one export (`number`, `name` as in Export): its rows of the table (CSV
    text) and warnings, or why it was skipped (`rows` None)."""

    number: int
    name: str
    rows: str | None
    said: tuple[str, ...]


def corpus(
    paths: list[str] = typer.Argument(
        ...,
        parser=named,
        metavar="EXPORT...",
        help="Chat exports, each a file as `nearer analyze` takes it, or folders of them: each "
        "file in a folder is one chat's export, and each folder in it one chat's export split "
        "over its files (a Messenger thread's message_N.json); names starting with a dot, and "
        "what is neither a file nor a folder, are passed over.",
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
    """Analyse many chats into one weekly table (CSV), people named Person A and B.

    The table's `chat` column is each chat's place among the exports named (1, 2, …), never
    its file's name; which file each number is goes to stderr, one line a chat
    ("nearer: chat 1: chats/a.txt"), for you to keep apart from the table."""
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
    with said_when_stopped(lambda: "stopped; no table was written"), stopped_as_by_ctrl_c():
        outcomes = _analysed_all(exports, zone, jobs or os.cpu_count() or 1)
        written = [each.rows for each in outcomes if each.rows is not None]
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
    """The exports `paths` name, in order, each once and numbered so from 1: a file is one; a
    folder holds one in each of its files and folders (by name; a folder's own files, not those
    of folders inside it, are the export's). Raises InputError for "-", a name that is neither,
    a folder that cannot be read, or no export at all."""
    found: list[Export] = []
    for typed in paths:
        if typed == "-":
            raise InputError('EXPORT: "-": the standard input is one chat; use `nearer analyze -`')
        with unreadable_as_input(typed):
            found += _named(typed)
    if not found:
        raise InputError(f"{', '.join(paths)}: holds no chat export")
    return [replace(each, number=n) for n, each in enumerate(_once_each(found), start=1)]


def _named(typed: str) -> list[Export]:
    path = Path(typed)
    if path.is_dir():
        return [_export(entry) for entry in _entries(path)]
    if path.exists():  # a file, or a pipe named on purpose (`<(unzip -p ...)`)
        return [Export(typed, (typed,))]
    raise InputError(f"{typed}: no such file or folder")


def _entries(folder: Path) -> list[Path]:
    """What in `folder` may be an export: not a name starting with a dot, nor what is neither a
    file nor a folder (a pipe would be waited on for ever, a broken link read as nothing)."""
    named = sorted(entry for entry in folder.iterdir() if not entry.name.startswith("."))
    return [entry for entry in named if entry.is_file() or entry.is_dir()]


def _export(path: Path) -> Export:
    if not path.is_dir():
        return Export(str(path), (str(path),))
    try:
        files = tuple(str(entry) for entry in _entries(path) if entry.is_file())
    except OSError as error:
        return Export(str(path), (), str(unreadable(path, error)))
    return Export(str(path), files, "" if files else f"{path}: holds no files")


def _once_each(exports: list[Export]) -> list[Export]:
    """`exports` without a second reading of the same files (a folder named twice, a file named
    beside its folder, a link to a file read already), each dropped said in a line."""
    seen: dict[frozenset[str], str] = {}
    kept = []
    for export in exports:
        same = frozenset(os.path.realpath(file) for file in export.files or (export.name,))
        if same in seen:
            said = f"nearer: warning: {export.name}: the same export as {seen[same]}, read once"
            print(one_line(said), file=sys.stderr)
            continue
        seen[same] = export.name
        kept.append(export)
    return kept


def _not_in_a_folder_read(target: Path, paths: Sequence[str]) -> None:
    """Refuse a table written where a later run would read it as a chat: in a folder named, or
    in a folder inside it."""
    where = Path(os.path.realpath(target)).parents
    for typed in paths:
        folder = Path(typed)
        if folder.is_dir() and folder.resolve() in where[:2]:
            raise InputError(
                f"--out {target}: is in the folder {typed}, whose files are read as chats; "
                "write the table elsewhere"
            )


def analysed(export: Export, zone: str) -> Outcome:
    """One export's rows of the table, people named Person A and B; or why it was skipped.
    Whatever goes wrong with one chat is that chat's alone: the others are still analysed."""
    from nearer.chat.pipeline import ChatChoiceError, analyze
    from nearer.chat.records import ChatChoiceNeeded, ChatParseError
    from nearer.chat.render_csv import corpus_rows

    if export.unreadable:
        return _skipped(export, export.unreadable)
    try:
        report = analyze(read_exports(list(export.files)), zone=zone, pseudonyms=True)
        rows = corpus_rows(str(export.number), report.weekly)  # never the path: module docstring
    except ChatChoiceNeeded as several:  # its message lists the chats: their names, people's
        listing = f"`nearer chats {export.name}` lists them"
        return _skipped(export, f"{export.name}: holds {len(several.choices)} chats; {listing}")
    except ChatChoiceError as error:
        return _skipped(export, f"{export.name}: {_not_a_couple(error)}")
    except ChatParseError as error:
        return _skipped(export, _unreadable(export, error))
    except InputError as error:  # reading a file: its message names the file, as typed
        return _skipped(export, str(error))
    except MemoryError:
        return _skipped(export, f"{export.name}: too large for the memory nearer may use")
    except Exception as error:  # a fault of nearer's: the rest of the corpus is not lost to it
        return _skipped(export, _fault(export, error))
    return Outcome(export.number, export.name, rows, tuple(str(w) for w in report.warnings))


def _unreadable(export: Export, error: ChatParseError) -> str:
    """Where the export cannot be read and, unless the parser's words could quote it, why."""
    from nearer.chat.parsers import NOT_RECOGNISED

    own = error.file in export.files  # not a file inside a zip, whose name may be a person's
    file = error.file if own else export.name
    where = f"{file}, {error.unit} {error.line}" if own and error.line is not None else file
    if error.reason == NOT_RECOGNISED:
        return f"{where}: {NOT_RECOGNISED}"
    return f"{where}: cannot be read as a chat export; `nearer analyze {file}` says why"


def _fault(export: Export, error: Exception) -> str:
    return (
        f"{export.name}: nearer failed on it ({type(error).__name__}), a fault to report; "
        f"`nearer analyze {export.name}` shows where"
    )


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
    """Skipped, for `why`, which names the export or the file in it where it went wrong."""
    return Outcome(export.number, export.name, None, (why,))


def _analysed_all(exports: list[Export], zone: str, jobs: int) -> list[Outcome]:
    """Each export's outcome, in order; `jobs` processes at a time (this one, for one)."""
    with _progress(len(exports)) as advance:
        if jobs == 1 or len(exports) == 1:
            return [advance(analysed(export, zone)) for export in exports]
        work = [(export, zone) for export in exports]
        try:
            return each_done(_analysed_in_zone, work, min(jobs, len(exports)), _lost_job, advance)
        except NoProcess as error:
            raise InputError(
                f"--jobs {jobs}: no process could be started to analyse chats in ({error}); "
                "--jobs 1 analyses them in this one"
            ) from None


def _analysed_in_zone(job: tuple[Export, str]) -> Outcome:
    return analysed(*job)


def _lost_job(job: tuple[Export, str]) -> Outcome:
    export = job[0]
    why = "the process analysing it was killed (by the system, for its memory?)"
    return _skipped(export, f"{export.name}: {why}")


def _tell(outcomes: Sequence[Outcome]) -> None:
    """Which file each chat in the table is, by its number, and its warnings; each skipped
    chat's reason: one line each on stderr."""
    for outcome in outcomes:
        kept = outcome.rows is not None
        if kept:
            print(one_line(f"nearer: chat {outcome.number}: {outcome.name}"), file=sys.stderr)
        for said in outcome.said:
            told = f"warning: {outcome.name}: {said}" if kept else f"skipped: {said}"
            print(one_line(f"nearer: {told}"), file=sys.stderr)


def _table(rows: Sequence[str]) -> str:
    from nearer.chat.render_csv import corpus_header

    return corpus_header() + "".join(rows)


def _write(text: str, target: Path | None) -> None:
    if target is None:
        write_stdout(text)
    else:
        write_private(target, text)  # owner only, as every report: aggregates are private too


@contextmanager
def _progress(total: int) -> Iterator[Callable[[Outcome], Outcome]]:
    """A bar on stderr counting the chats analysed (a terminal shows it; it leaves no trace)."""
    columns = (TextColumn("Analysing chats"), BarColumn(), MofNCompleteColumn())
    with stderr_bar(*columns) as bar:
        task = bar.add_task("chats", total=total)

        def advance(outcome: Outcome) -> Outcome:
            bar.advance(task)
            return outcome

        yield advance
