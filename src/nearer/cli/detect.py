"""`nearer detect`: score messages given as JSON Lines with every message-level detector."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path

import polars as pl
import typer

from nearer.chat.detectors import DETECTORS
from nearer.chat.detectors import detect as detect_messages
from nearer.cli.inputs import InputError


def detect(
    source: str = typer.Argument(
        "-",
        metavar="FILE",
        help='JSON Lines, one {"text": ..., "context": ...} per line ("-" reads stdin).',
    ),
) -> None:
    """Score each message for disclosure, responsiveness, conflict and more.

    Each input line is an object with "text" (the message) and optionally "context" (the message
    it answers, used by caring, understanding and asking_more). Each output line holds, for every
    detector, {"score": 0-1, "yes": true/false}. English text only.
    """
    texts, contexts = parse_lines(_read(source), source)
    scored = detect_messages(
        pl.Series("text", texts, pl.String), pl.Series("context", contexts, pl.String)
    )
    out = sys.stdout
    for row in scored.iter_rows(named=True):
        document = {
            name: {"score": round(row[name], 4), "yes": row[f"{name}_yes"]} for name in DETECTORS
        }
        out.write(json.dumps(document) + "\n")


def _read(source: str) -> str:
    if source == "-":
        return sys.stdin.read()
    path = Path(source)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{source}: is a folder, not a file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{source}: cannot be read ({error})") from None


def parse_lines(text: str, source: str) -> tuple[list[str], list[str | None]]:
    """The texts and contexts of JSON Lines input; blank lines are skipped.

    Raises InputError naming the first bad line (counting from 1)."""
    texts: list[str] = []
    contexts: list[str | None] = []
    for number, line in _numbered(text.splitlines()):
        try:
            document = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{source}: line {number}: not valid JSON ({error.msg})") from None
        if not isinstance(document, dict) or not isinstance(document.get("text"), str):
            raise InputError(f'{source}: line {number}: expected an object with a "text" string')
        context = document.get("context")
        if context is not None and not isinstance(context, str):
            raise InputError(f'{source}: line {number}: "context" must be a string or absent')
        texts.append(document["text"])
        contexts.append(context)
    return texts, contexts


def _numbered(lines: Iterable[str]) -> Iterable[tuple[int, str]]:
    return ((n, line) for n, line in enumerate(lines, start=1) if line.strip())
