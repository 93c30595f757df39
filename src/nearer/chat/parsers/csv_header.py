"""The header of a plain CSV chat (parsers/csv.py): which delimiter splits it and which column
is the timestamp, the sender, the text and each optional column. A DiscordChatExporter header
is none of nearer's own, so that the discord parser reads it.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass

from nearer.chat.parsers.discord_csv import is_discord_csv_header
from nearer.chat.records import ChatParseError

_LINE_END = re.compile(r"\r\n|\r|\n")
_DELIMITERS = (",", ";", "\t", "|")
_TIMESTAMP = ("timestamp", "datetime", "date_time", "date", "time")
_SENDER = ("sender", "author", "name", "from")
_TEXT = ("text", "message", "body", "content")
_OPTIONAL = ("id", "reply_to", "kind", "edited_at", "attachments")


@dataclass(frozen=True)
class Columns:
    """Where each column is; `clock` is the time column when the date has its own."""

    names: tuple[str, ...]
    timestamp: int
    sender: int
    text: int
    clock: int | None
    optional: dict[str, int]

    @classmethod
    def find(cls, header: Sequence[str]) -> Columns | None:
        names = tuple(cell.strip().lstrip("\ufeff").lower().replace(" ", "_") for cell in header)
        where = {name: i for i, name in reversed(list(enumerate(names)))}
        sender = next((where[n] for n in _SENDER if n in where), None)
        text = next((where[n] for n in _TEXT if n in where), None)
        stamp = next((where[n] for n in _TIMESTAMP if n in where), None)
        if stamp is None or sender is None or text is None:
            return None
        # "date" and "time" side by side: the date is found first, the clock joins it.
        clock = where.get("time") if names[stamp] == "date" else None
        optional = {n: where[n] for n in _OPTIONAL if n in where}
        return cls(names, stamp, sender, text, clock, optional)

    def width(self) -> int:
        used = [self.timestamp, self.sender, self.text, *self.optional.values()]
        return max(used + ([self.clock] if self.clock is not None else [])) + 1

    def rejoined(self, row: list[str], delimiter: str, file: str, line: int) -> list[str]:
        """A row with more fields than the header, its text (the last column) joined back."""
        if self.text != len(self.names) - 1:
            column = self.names[self.text]
            message = (
                f"has {len(row)} fields, the header has {len(self.names)}; "
                f"put quotes around a {column} that holds {delimiter!r}"
            )
            raise ChatParseError(file, message, line)
        return [*row[: self.text], delimiter.join(row[self.text :])]

    def cell(self, row: list[str], name: str) -> str:
        at = self.optional.get(name)
        return row[at].strip() if at is not None and at < len(row) else ""


def header(text: str) -> tuple[str, Columns] | None:
    """The delimiter and columns of the first line, or None if it isn't a plain chat header."""
    for delimiter, cells in first_line_cells(text):
        if is_discord_csv_header(cells):
            return None
        columns = Columns.find(cells)
        if columns is not None:
            return delimiter, columns
    return None


def first_line_cells(text: str) -> list[tuple[str, list[str]]]:
    first = _LINE_END.split(text.lstrip("\r\n"), maxsplit=1)[0]
    split = []
    for delimiter in _DELIMITERS:
        if delimiter in first:
            try:
                split.append((delimiter, next(csv.reader([first], delimiter=delimiter), [])))
            except csv.Error:
                continue
    return split


def missing(text: str) -> str:
    """What the first line of a CSV lacks, of the timestamp, sender and text columns."""
    roles = {"timestamp": _TIMESTAMP, "sender": _SENDER, "text": _TEXT}
    for _, cells in first_line_cells(text):
        names = {cell.strip().lstrip("\ufeff").lower().replace(" ", "_") for cell in cells}
        found = [role for role, aliases in roles.items() if names & set(aliases)]
        if len(found) == 2:
            (role,) = set(roles) - set(found)
            return f"the first line names no {role} column ({', '.join(roles[role])})"
    return "the first line must name the columns: timestamp, sender and text"
