"""The chat export's files as the command line names them: read whole, "-" for the standard input
(once), a pipe up to STREAM_LIMIT; every failure one line naming the file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from nearer.cli.inputs import InputError, unreadable_as_input

if TYPE_CHECKING:
    from nearer.chat.records import ChatFile


def read_exports(paths: list[str]) -> list[ChatFile]:
    """Each named file's bytes, in order."""
    _stdin_once(paths)
    return [_read(typed) for typed in paths]


#: The most read from a pipe, a device or stdin (`<(unzip -p ...)`, a FIFO), whose end may
#: never come: a file's own size is known, a stream's is not.
STREAM_LIMIT = 1 << 30
STDIN = "<stdin>"


def _read(typed: str) -> ChatFile:
    """The file's bytes, named as typed (`./ex/chat.csv` stays so in every message: a Path would
    drop the `./`, and two names of one file would read as the same name). "-" is the standard
    input, named STDIN in messages (`./-` names a file "-")."""
    from nearer.chat.records import ChatFile

    path = Path(typed)
    with unreadable_as_input(STDIN if typed == "-" else typed):
        if typed == "-":
            return ChatFile(STDIN, _stream(sys.stdin.buffer, STDIN), nameless=True)
        if path.is_file():
            return ChatFile(typed, path.read_bytes())
        with path.open("rb") as stream:  # a pipe (`<(unzip -p ...)`): not the export's name
            return ChatFile(typed, _stream(stream, typed), nameless=True)


def _stream(stream: BinaryIO, name: str) -> bytes:
    """What a pipe, device or the standard input holds, up to STREAM_LIMIT bytes."""
    data = stream.read(STREAM_LIMIT + 1)
    if len(data) > STREAM_LIMIT:
        raise InputError(f"{name}: goes on past {STREAM_LIMIT >> 20} MB; save the export as a file")
    return data


def _stdin_once(paths: list[str]) -> None:
    """The standard input can be read once: a second "-" would be an empty export."""
    if paths.count("-") > 1:
        raise InputError('EXPORT: "-" (the standard input) given more than once')
