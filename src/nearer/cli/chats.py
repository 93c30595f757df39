"""`nearer chats`: the chats an export holds, one a line, as `--chat` takes them.

`nearer analyze` lists the chats of an export that holds several when none is chosen, but only
the first twenty in its one-line message: a whole Messenger download can hold hundreds. This
command lists them all, on the standard output, for a person or a script to choose from."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from nearer.cli.exports import read_exports
from nearer.cli.inputs import InputError, named, shown
from nearer.cli.stopping import import_polars
from nearer.cli.streams import write_stdout

if TYPE_CHECKING:
    from nearer.chat.records import ChatFile


def chats(
    paths: list[str] = typer.Argument(
        ...,
        parser=named,
        metavar="EXPORT...",
        help='The chat export, as `nearer analyze` takes it ("-" for stdin).',
    ),
) -> None:
    """List the chats an export holds, one a line: each name and id (--chat takes either)."""
    import_polars()
    # A chat's name is the export's: shown escaped, never obeyed by the terminal, one a line.
    write_stdout("".join(f"{shown(line)}\n" for line in _listed(read_exports(paths))))


def _listed(files: list[ChatFile]) -> list[str]:
    from nearer.chat.parsers import parse
    from nearer.chat.records import ChatChoiceNeeded, ChatParseError

    try:
        parsed = parse(files)
    except ChatChoiceNeeded as several:
        return several.listed()
    except ChatParseError as error:
        raise InputError(str(error)) from None
    return [f'"{parsed.title}"' if parsed.title else "(one chat, with no name in the export)"]
