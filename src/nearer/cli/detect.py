"""`nearer detect`: score messages given as JSON Lines with every message-level detector.

The detectors (and so polars) are imported once the command runs, not when `nearer` starts."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import count
from pathlib import Path
from typing import Any, BinaryIO

import typer

from nearer.cli.inputs import (
    TOO_MANY_DIGITS,
    InputError,
    RepeatedKeyError,
    unique_keys,
    unreadable,
    unreadable_as_input,
)
from nearer.cli.stopping import import_polars
from nearer.cli.streams import write_stdout

BOM = b"\xef\xbb\xbf"  # UTF-8's byte order mark, which some editors write first
#: Messages read, scored and written together, so output appears while a large input is still
#: being read and memory stays bounded whatever its length. Each detector call also costs some
#: tens of milliseconds whatever its size, which a batch this large makes a few percent of the
#: scoring. The help text below states the number; a test keeps the two in step.
BATCH_MESSAGES = 5_000
#: The most bytes one input line may hold (its "\n" aside): far more than any message, and a
#: bound on what one line can take, since /dev/zero or a file with no newline never ends a line.
#: A batch of such lines could still be 5 GB, so a batch also ends once it holds BATCH_BYTES.
#: The help text states both; a test keeps them in step.
MAX_LINE_BYTES = 1_000_000
BATCH_BYTES = 50_000_000
#: Said of a file whose lines end in a lone carriage return, as old Mac files do. They are
#: not read as line ends: JSON allows a CR between its tokens, so a line holding one is still one
#: message, and output line N must answer the line N that `wc -l` counts.
LONE_CR = (
    "its lines end in a lone carriage return (\\r), which nearer does not take for a line end; "
    "save the file with \\n or \\r\\n line ends"
)


def detect(
    source: str = typer.Argument(
        "-",
        metavar="FILE",
        help='JSON Lines, one {"text": ..., "context": ...} per line ("-" reads stdin).',
    ),
) -> None:
    """Score each message for disclosure, responsiveness, conflict and more.

    Each input line is an object with "text" (the message) and optionally "context" (the message
    it answers, used by caring, understanding and asking_more: without one, a message answers
    nothing and is scored low on understanding). Each output line holds, for every detector,
    {"score": 0-1, "yes": true/false}; "yes" is true when the score reaches the detector's
    threshold, and the score, to 4 decimals, is rounded the way that keeps this so. English
    text only. Output line N answers input line N, so a blank line is a bad line like any
    other (write {"text": ""} for an empty message).

    Messages are read, scored and written 5,000 at a time (fewer when they hold more than 50 MB),
    so output starts while a large input is still being read and memory stays bounded. A line
    may hold at most 1,000,000 bytes. A bad or longer line stops the command with exit code 2
    and one error line naming it; nothing of its batch is written, but earlier batches have
    been: use the output only when the exit code is 0.
    """
    import_polars()
    with _opened(source) as stream:
        for texts, contexts in batches(_lines(stream, source), source):
            write_stdout(_scored(texts, contexts))


def _scored(texts: list[str], contexts: list[str | None]) -> str:
    """The output lines of one batch of messages."""
    import polars as pl

    from nearer.chat.detectors import DETECTORS
    from nearer.chat.detectors import detect as detect_messages

    scored = detect_messages(
        pl.Series("text", texts, pl.String), pl.Series("context", contexts, pl.String)
    )
    return "".join(_scores(row, DETECTORS) + "\n" for row in scored.iter_rows(named=True))


def _scores(row: dict[str, Any], detectors: Iterable[str]) -> str:
    from nearer.chat.detectors import THRESHOLDS

    return json.dumps(
        {
            name: {"score": shown_score(row[name], THRESHOLDS[name], yes), "yes": yes}
            for name in detectors
            for yes in [row[f"{name}_yes"]]
        }
    )


def shown_score(score: float, threshold: float, yes: bool) -> float:
    """The score to 4 decimals, rounded the way that keeps the decision: a reader comparing the
    printed score with the threshold finds `yes` (score >= threshold). Plain rounding would print
    0.36 for 0.35996 under a threshold of 0.36, with "yes": false; such a score is rounded down
    to 0.3599 instead (and one just over a threshold with more decimals, up). Never off by more
    than 0.0001; the unrounded score where even that would not keep the decision."""
    for candidate in (round(score, 4), round(score + (0.0001 if yes else -0.0001), 4)):
        if (candidate >= threshold) == yes and 0.0 <= candidate <= 1.0:
            return candidate
    return score


@contextmanager
def _opened(source: str) -> Iterator[BinaryIO]:
    """The input as a binary stream; stdin is left open, a file is closed after."""
    if source == "-":
        yield sys.stdin.buffer
        return
    with _open_file(source) as handle:
        yield handle


def _open_file(source: str) -> BinaryIO:
    if not source:
        raise InputError('FILE: an empty name is no file (use "-" for stdin)')
    with unreadable_as_input(source):
        return Path(source).open("rb")


def _lines(stream: BinaryIO, source: str) -> Iterator[bytes]:
    """The input's lines as bytes, split at "\\n" only and without it, a byte order mark first
    removed; they are decoded one by one, so an error can name its line. A line over
    MAX_LINE_BYTES is refused once one byte more is read, so no line can fill the memory."""
    for number in count(1):
        bom = len(BOM) if number == 1 else 0
        try:  # not `with unreadable_as_input`: entering it costs more than reading a line
            raw = stream.readline(bom + MAX_LINE_BYTES + 1)
        except OSError as error:
            raise unreadable(source, error) from None
        if not raw:
            return
        line = (raw.removeprefix(BOM) if bom else raw).removesuffix(b"\n")
        if len(line) > MAX_LINE_BYTES:
            cause = f"; {LONE_CR}" if b"\r" in line.rstrip(b"\r") else ""
            raise InputError(
                f"{source}: line {number}: longer than {MAX_LINE_BYTES:,} bytes, "
                f"the most one line can hold{cause}"
            )
        yield line


def batches(lines: Iterable[bytes], source: str) -> Iterator[tuple[list[str], list[str | None]]]:
    """The texts and contexts of JSON Lines input, BATCH_MESSAGES messages at a time, or fewer
    once their lines hold BATCH_BYTES (the last batch may be smaller): UTF-8, lines ending in
    "\\n" or "\\r\\n" and nothing else (U+2028 inside a message is part of it; lines ending in a
    lone "\\r" are refused saying so, `LONE_CR`). Every line must be
    a message: a blank line is refused, since skipping it would put each later output line
    against the wrong input line.

    Raises InputError naming the first bad line (counting from 1) before yielding its batch."""
    texts: list[str] = []
    contexts: list[str | None] = []
    size = 0
    for number, raw in enumerate(lines, start=1):
        where = f"{source}: line {number}"
        line = _utf8(raw, where)
        if not line.strip(" \t\r"):
            raise InputError(
                f'{where}: blank, not a message (write {{"text": ""}} for an empty one)'
            )
        text, context = _message(_json(line, where), where)
        texts.append(text)
        contexts.append(context)
        size += len(raw)
        if len(texts) == BATCH_MESSAGES or size >= BATCH_BYTES:
            yield texts, contexts
            texts, contexts, size = [], [], 0
    if texts:
        yield texts, contexts


def _utf8(raw: bytes, where: str) -> str:
    if raw.startswith(BOM):  # the first line's was removed: another file's start, joined on
        raise InputError(f"{where}: a byte order mark starts this line (files joined?)")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{where}: not UTF-8 text") from None


def _json(line: str, where: str) -> object:
    try:
        return json.loads(line, object_pairs_hook=unique_keys)
    except json.JSONDecodeError as error:
        if _ends_in_lone_cr(line, error.pos):
            raise InputError(f"{where}: not valid JSON: {LONE_CR}") from None
        raise InputError(f"{where}: not valid JSON ({error.msg})") from None
    except RepeatedKeyError as error:
        raise InputError(f"{where}: {error}") from None
    except RecursionError:
        raise InputError(f"{where}: not valid JSON (nested too deeply)") from None
    except ValueError:  # in practice only an integer past Python's limit of digits
        raise InputError(f"{where}: {TOO_MANY_DIGITS}") from None


def _ends_in_lone_cr(line: str, failed_at: int) -> bool:
    """True when JSON that failed at `failed_at` read well up to a carriage return (not the one
    of a "\\r\\n" ending the line): the next message's start, after a lone CR line end."""
    first = line.find("\r")
    return 0 <= first < len(line.rstrip("\r")) and failed_at > first


def _message(document: object, where: str) -> tuple[str, str | None]:
    if not isinstance(document, dict) or not isinstance(document.get("text"), str):
        raise InputError(f'{where}: expected an object with a "text" string')
    text, context = document["text"], document.get("context")
    if context is not None and not isinstance(context, str):
        raise InputError(f'{where}: "context" must be a string or absent')
    _check_characters("text", text, where)
    if context is not None:
        _check_characters("context", context, where)
    return text, context


def _check_characters(field: str, value: str, where: str) -> None:
    """JSON can escape half of a UTF-16 pair ("\\ud800") alone, which is no character at all."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        escape = f"\\u{ord(value[error.start]):04x}"
        raise InputError(
            f'{where}: "{field}" holds a lone surrogate escape ({escape}), not a character'
        ) from None
