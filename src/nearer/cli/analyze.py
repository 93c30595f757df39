"""`nearer analyze`: read a chat export and write a report (HTML, JSON or CSV).

The command does the I/O (reading the export's bytes, writing the report); `nearer.chat` does
the analysis. Its small Rich progress bar lives here rather than in render.py, which shows the
other commands' results: it is a live widget tied to this command's reading, not a rendering.
`nearer.chat` (and so polars) is imported once the command runs, not when `nearer` starts.
"""

from __future__ import annotations

import csv
import os
import shlex
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.progress import BarColumn, TextColumn

from nearer.cli.exports import read_exports
from nearer.cli.inputs import (
    InputError,
    check_writable,
    load_content,
    named,
    one_line,
    write_private,
)
from nearer.cli.stopping import import_polars
from nearer.cli.streams import stderr_bar, write_stdout

if TYPE_CHECKING:
    from nearer.chat.pipeline import ChatChoiceError
    from nearer.chat.records import ChatFile
    from nearer.chat.report import Report

FORMATS = ("html", "json", "csv")
DEFAULT_HTML = Path("nearer-report.html")
FOLDER_ENDS = tuple({"/", os.sep, os.altsep or "/"})
LONG_EXPORT = 5_000_000  # bytes: below this the analysis is quick and a bar would only flicker


def analyze(
    paths: list[str] = typer.Argument(
        ...,
        parser=named,
        metavar="EXPORT...",
        help='The chat export: a .txt, .zip, .json, .csv or .db file, or "-" for stdin (up to '
        "1 GB; its format is told from its bytes). Several files only for one export split "
        "over them (Messenger or Instagram message_N.json, Discord or CSV parts); a file that "
        "would not be read is refused.",
    ),
    me: str | None = typer.Option(
        None,
        "--me",
        help="Your name as it appears in the chat; of two people of one name, as an error "
        'lists them ("Alex (1)", "Alex (2)").',
    ),
    format: str = typer.Option("html", "--format", help="html|json|csv"),
    out: str | None = typer.Option(
        None,
        "--out",
        metavar="<path>",
        help='The report file, "-" for stdout (default: stdout; HTML: nearer-report.html); '
        "never one of the exports, nor a folder.",
    ),
    pair: str | None = typer.Option(
        None, "--pair", help='Two names, "A,B", for group chats (a name with a comma in quotes)'
    ),
    chat: str | None = typer.Option(
        None,
        "--chat",
        help="Which chat of a full Telegram export, a Messages chat.db, or Messenger threads "
        "or Discord channels given together, as the list of its chats shows it, in any case: a "
        "chat's name or its Telegram id or any id the list shows, or a Messages chat's phone "
        "number or e-mail address. An export of one chat accepts its own title and "
        'refuses another name; one with no title read from "-" (a WhatsApp chat, whose title '
        "is its file's name) takes it as its title.",
    ),
    tz: str | None = typer.Option(
        None,
        "--tz",
        help="Time zone for exports that store instants, e.g. Europe/Berlin (Telegram, "
        "Messenger, Instagram, iMessage, Discord JSON); default: this computer's.",
    ),
    pseudonyms: bool = typer.Option(
        False,
        "--pseudonyms",
        help='Name the people "Person A", "Person B" (--me or the most messages first), and '
        "anyone else in the chat C, D, …, and leave out the chat's title: for research tables.",
    ),
) -> None:
    """Analyse a chat export privately, on this machine, into a report of closeness signals."""
    if format not in FORMATS:
        raise InputError(f'--format: expected html, json or csv, got "{format}"')
    import_polars()
    zone = time_zone(tz)
    files = read_exports(paths)
    target = report_target(out, format)
    not_an_input(target, paths)  # before the analysis: the export is never lost to a report
    if target is not None:
        check_writable(target, "--out")  # before the analysis, not after it
    report = _run(files, me, _pair(pair), chat, zone, pseudonyms=pseudonyms)
    _warn(report.warnings)  # in every format: a CSV or HTML report has no place a script reads
    text = _render(report, format)
    if target is None:
        write_stdout(text)
        return
    write_private(target, text)  # owner only: even a private chat's aggregates are private
    print(one_line(f"nearer: wrote the report to {target}"), file=sys.stderr)


def _warn(warnings: Iterable[str]) -> None:
    """Each of the analysis's warnings (what changes the figures) as one line on stderr."""
    for warning in warnings:
        print(one_line(f"nearer: warning: {warning}"), file=sys.stderr)


def report_target(out: str | None, format: str) -> Path | None:
    """The report's file; None for stdout. `--out -` is stdout (`--out ./-` names a file "-")."""
    if out == "-":
        return None
    if out is not None and not out.strip():
        raise InputError('--out: an empty name is no file (use "-" for the standard output)')
    if out is not None and _names_a_folder(out):  # a Path would drop the "/" and so write a
        raise InputError(f"--out {out}: names a folder, not a file")  # file called "reports"
    if out is not None:
        return Path(out)
    return DEFAULT_HTML if format == "html" else None


def _names_a_folder(out: str) -> bool:
    """`reports/`, `reports/.`, `..`: a name that can only be a folder's."""
    return out.endswith(FOLDER_ENDS) or out.rstrip(os.sep).rsplit(os.sep, 1)[-1] in (".", "..")


def not_an_input(target: Path | None, paths: list[str]) -> None:
    """Refuse a report file that is one of the exports: writing it would replace the chat with
    the report. Compared as resolved paths (`./`, `..`, symlinks) and as files (hard links)."""
    if target is None:
        return
    for path in paths:
        if path == "-":  # the standard input: a file only when redirected from one (`< chat.txt`)
            same = _stdin_is(target)
        else:
            same = os.path.realpath(target) == os.path.realpath(path) or _same_file(
                target, Path(path)
            )
        if same:
            raise InputError(
                f"--out {target}: is the export {path}; the report would replace it, "
                "so choose another file"
            )


def _stdin_is(target: Path) -> bool:
    """Whether the standard input is the file `target` (`nearer analyze - < chat.txt`)."""
    try:
        given, existing = os.fstat(sys.stdin.fileno()), target.stat()
    except (OSError, ValueError):  # closed, not a real descriptor, or no such target yet
        return False
    return (given.st_dev, given.st_ino) == (existing.st_dev, existing.st_ino)


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.samefile(second)
    except OSError:  # either is missing or unreadable: not one existing file
        return False


def _pair(given: str | None) -> tuple[str, str] | None:
    if given is None:
        return None
    try:  # as a line of CSV: a name with a comma of its own goes in quotes, '"Smith, Ana",Ben'
        names = [name.strip() for name in next(csv.reader([given], skipinitialspace=True), [])]
    except csv.Error:
        names = []
    if len(names) != 2 or not all(names) or names[0] == names[1]:
        raise InputError(
            f"--pair: expected two different names separated by a comma (a name with a comma "
            f"in quotes: '\"Smith, Ana\",Ben'), got {given!r}"
        )
    return names[0], names[1]


def time_zone(given: str | None) -> str:
    from nearer.chat.clock import UnknownTimeZone, check_zone
    from nearer.local_zone import local_zone

    try:
        return local_zone() if given is None else check_zone(given)
    except UnknownTimeZone as error:
        raise InputError(f"--tz: {error}") from None


def _run(
    files: list[ChatFile],
    me: str | None,
    pair: tuple[str, str] | None,
    chat: str | None,
    zone: str,
    *,
    pseudonyms: bool,
) -> Report:
    from nearer.chat.pipeline import ChatChoiceError
    from nearer.chat.pipeline import analyze as analyze_chat
    from nearer.chat.records import SHOWN, ChatChoiceNeeded, ChatParseError

    where = ", ".join(file.name for file in files)
    long = sum(len(file.data) for file in files) >= LONG_EXPORT
    try:
        with _progress(long) as tell:
            return analyze_chat(
                files, me=me, pair=pair, progress=tell, chat=chat, zone=zone, pseudonyms=pseudonyms
            )
    except ChatChoiceNeeded as error:
        by_id = " or --chat ID" if any(error.ids) else ""
        hint = f' (use --chat "NAME"{by_id})' if len(error.choices) > 1 else ""
        if len(error.choices) > SHOWN:
            hint += f"; {_chats_command(files)} lists them all"
        raise InputError(f"{error}{hint}") from None
    except ChatParseError as error:
        raise InputError(str(error)) from None
    except ChatChoiceError as error:
        raise InputError(f"{where}: {error}{_choice_hint(error, pair, me)}") from None


def _chats_command(files: list[ChatFile]) -> str:
    """`nearer chats` as it would list this export's chats: with the files' names, which a
    shell takes back, unless one was a stream (the standard input, a pipe), read once."""
    if any(file.nameless for file in files):
        return "`nearer chats` given the same export"
    return f"`nearer chats {' '.join(shlex.quote(file.name) for file in files)}`"


def _choice_hint(error: ChatChoiceError, pair: tuple[str, str] | None, me: str | None) -> str:
    """What to change when the chat is not one couple's; never the option already given right."""
    from nearer.chat.pair import AlikeError, choose_pair, namesakes
    from nearer.chat.pipeline import ChatChoiceError

    if isinstance(error, AlikeError):  # the export cannot tell them apart: no option can
        return ' (use --pair "A,B" to analyse two others)' if len(error.participants) > 2 else ""
    if me is not None and namesakes(me, error.participants):
        return " with --me"
    if pair is not None and any(namesakes(name, error.participants) for name in pair):
        return " with --pair"
    if pair is None:
        return ' (use --pair "A,B")' if len(error.participants) > 2 else ""
    if me is None:
        return ""
    try:
        choose_pair(error.participants, pair)
    except ChatChoiceError:
        return ""  # the pair itself is wrong, and the message says how
    return "; --me must be one of the two"


@contextmanager
def _progress(show: bool) -> Iterator[Callable[[str, float], None] | None]:
    if not show:
        yield None
        return
    columns = (TextColumn("{task.description}"), BarColumn())
    with stderr_bar(*columns) as bar:
        task = bar.add_task("Reading the chat", total=1.0)

        def tell(stage: str, fraction: float) -> None:
            bar.update(task, completed=fraction, description=f"Analysing: {stage}")

        yield tell


def _render(report: Report, format: str) -> str:
    from nearer.chat.render_csv import render_csv
    from nearer.chat.render_html import render_html
    from nearer.chat.render_json import render_json

    if format == "json":
        return render_json(report, load_content().practices)
    if format == "csv":
        return render_csv(report)
    return render_html(report, load_content())
