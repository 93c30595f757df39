"""The normalised message table every later stage reads, and the values around it.

A parser turns an export into a `ParsedChat`: a polars DataFrame with exactly `SCHEMA`, in file
order, plus what the parser learned about the file. Timestamps are naive local wall-clock time as
the export shows it (WhatsApp, Discord CSV) or as converted with the file's own offset; `tz_hint`
says which. Text stays as written, normalised to NFC only; emoji sequences stay intact.

Every timestamp lies from `EARLIEST` up to (not including) `LATEST`, or is null on a system line
the export gives no time (Telegram's "unsupported" messages). No chat is older or newer, while
placeholders for "no date" are (.NET's 0001-01-01 and 9999-12-31): refused with the file and
line, they can't overflow a time zone conversion near the calendar's ends, nor stretch the
weekly table over thousands of years.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import zip_longest

import polars as pl

from nearer.chat.caveats import Caveat

#: The times a table holds (module docstring): from EARLIEST, up to but not including LATEST.
EARLIEST = datetime(1900, 1, 1)  # noqa: DTZ001 - the table's times are naive
LATEST = datetime(2100, 1, 1)  # noqa: DTZ001
_RANGE = f"nearer reads times from {EARLIEST.year} to {LATEST.year - 1}"

#: Every message gets exactly one kind.
KINDS = ("text", "media", "deleted", "edited", "call", "system", "reaction")
#: Kinds that count as something a person sent (an edited message is kept once, as "edited").
SENT_KINDS = ("text", "media", "deleted", "edited")

KIND = pl.Enum(KINDS)
SCHEMA = pl.Schema(
    {
        "index": pl.UInt32(),  # position in the source, 0-based; ties in time keep this order
        "timestamp": pl.Datetime("us"),  # naive local time; null: a system line without time
        "author": pl.String(),  # null for a system line without a person
        "text": pl.String(),  # NFC; "" for media without caption, deleted messages, calls
        "kind": KIND,
        "line": pl.UInt32(),  # 1-based line (text formats) or record number (JSON, databases)
        "saved_contact": pl.Boolean(),  # False for WhatsApp "~ name" authors not in contacts
        "missed": pl.Boolean(),  # calls: True for a missed call
        "message_id": pl.String(),  # the source's id, where it has one
        "target_id": pl.String(),  # reactions: the message reacted to; replies: the one answered
    }
)


@dataclass(frozen=True)
class ChatFile:
    """One file of an export, as bytes. `name` is its path as the user gave it (for messages);
    `nameless` when that is not the export's own name (the standard input, a pipe), so a title
    a format takes from the file name ("WhatsApp Chat with Sam.txt") cannot be in it."""

    name: str
    data: bytes
    nameless: bool = False


@dataclass(frozen=True)
class Alike:
    """A name that several people of the chat go by, which the export writes alike on each of
    their messages (Messenger, Instagram and Signal name people and give no id): the rows
    cannot tell whose a message is. `name` as the table writes it, `people` how many go by it
    (at least that many when `exact` is False), and `shown` where and how the export shows it
    ('message_1.json lists "Alex" twice among the participants')."""

    name: str
    people: int
    shown: str
    exact: bool = True


@dataclass(frozen=True)
class ParsedChat:
    format: str  # parser name, e.g. "whatsapp", "telegram"
    messages: pl.DataFrame  # exactly SCHEMA
    date_order: str | None = None  # "dmy", "mdy" or "ymd" where the export writes dates as such
    ambiguous_dates: bool = False  # the date order could not be decided from the file
    tz_hint: str = "local"  # "local" (wall clock as exported) or "utc"
    title: str | None = None  # the chat's name, where the export has one
    other_titles: tuple[str, ...] = ()  # more names of it, where its files give several
    warnings: tuple[Caveat, ...] = field(default_factory=tuple)  # caveats.py
    alike: tuple[Alike, ...] = ()  # names of several people the rows do not tell apart
    #: (author, the export's own id of that person) where it gives people ids: Telegram's
    #: `from_id`, Discord's author id; what tells apart people of one name (pair.Sent)
    ids: tuple[tuple[str, str], ...] = ()

    @property
    def participants(self) -> list[str]:
        """People who sent at least one message, most messages first."""
        sent = self.messages.filter(
            pl.col("kind").is_in(SENT_KINDS) & pl.col("author").is_not_null()
        )
        counts = sent.group_by("author").len().sort(["len", "author"], descending=[True, False])
        return counts["author"].to_list()

    @property
    def unattributed(self) -> int:
        """Messages sent (not system lines) that name nobody as their sender: no count can hold
        them, so the analysis says how many it left out."""
        orphans = pl.col("kind").is_in(SENT_KINDS) & pl.col("author").is_null()
        return self.messages.select(orphans.sum()).item() or 0


class ChatParseError(ValueError):
    """The export cannot be read; names the file and, where known, the place in it: `line` is a
    line of a text file, or with `unit="message"` a message's record number in a JSON export
    ("result.json, message 7: …"), whose messages do not sit one to a line."""

    def __init__(
        self, file: str, message: str, line: int | None = None, *, unit: str = "line"
    ) -> None:
        self.file, self.line, self.unit, self.reason = file, line, unit, message
        where = f"{file}, {unit} {line}" if line is not None else file
        super().__init__(f"{where}: {message}")


#: How many chats the message of an export of several names (`nearer chats` lists them all).
SHOWN = 20


class ChatChoiceNeeded(ChatParseError):
    """An export holds several chats (a full Telegram export, a Messages database); `choices`
    name them, distinctly, and each is accepted as `chat=`. `problem`, if any, says what was
    wrong with the one given. `ids`, if given, holds each choice's id in the export (None for
    none), which is accepted as `chat=` too: the message shows it beside the choice, so that a
    chat can be chosen by what the message shows of it."""

    def __init__(
        self,
        file: str,
        choices: Sequence[str],
        problem: str = "",
        ids: Sequence[str | None] = (),
    ) -> None:
        self.choices = tuple(choices)
        self.ids = tuple(ids)
        shown = ", ".join(self.listed()[:SHOWN])
        more = f" and {len(self.choices) - SHOWN} more" if len(self.choices) > SHOWN else ""
        ask = (
            f"the export holds one chat, {shown}, so there is none to choose"
            if len(self.choices) == 1
            else f"the export holds {len(self.choices)} chats; choose one: {shown}{more}"
        )
        super().__init__(file, f"{problem}; {ask}" if problem else ask)

    def listed(self) -> list[str]:
        """Each choice as the message shows it: `"Bob" (id 4242)`."""
        return [_with_id(name, id) for name, id in zip_longest(self.choices, self.ids)]


def _with_id(choice: str, id: str | None) -> str:
    """`"Bob" (id 4242)`: a choice quoted, with its id unless it has none or already ends so."""
    if id is None or choice.endswith(f"(id {id})"):
        return f'"{choice}"'
    return f'"{choice}" (id {id})'


@dataclass
class TableBuilder:
    """Collects messages column by column (fast for millions of rows) and builds the table."""

    columns: dict[str, list[object]] = field(default_factory=lambda: {name: [] for name in SCHEMA})

    def add(
        self,
        timestamp: datetime | None,
        author: str | None,
        text: str,
        kind: str,
        line: int,
        *,
        saved_contact: bool = True,
        missed: bool = False,
        message_id: str | None = None,
        target_id: str | None = None,
    ) -> None:
        columns = self.columns
        columns["index"].append(len(columns["index"]))
        columns["timestamp"].append(timestamp)
        columns["author"].append(author)
        columns["text"].append(text)
        columns["kind"].append(kind)
        columns["line"].append(line)
        columns["saved_contact"].append(saved_contact)
        columns["missed"].append(missed)
        columns["message_id"].append(message_id)
        columns["target_id"].append(target_id)

    def __len__(self) -> int:
        return len(self.columns["index"])

    def build(self) -> pl.DataFrame:
        return pl.DataFrame(self.columns, schema=SCHEMA)


def checked_time(
    when: datetime, file: str, line: int, utc: bool = False, *, unit: str = "line"
) -> datetime:
    """`when` if it lies in the table's range (EARLIEST to LATEST); otherwise ChatParseError
    naming `file` and `line` (a `unit`, as ChatParseError has it). `utc` says `when` is an
    instant in naive UTC, as the message says."""
    if EARLIEST <= when < LATEST:
        return when
    raise ChatParseError(file, out_of_range(when.isoformat(sep=" "), utc), line, unit=unit)


def first_out_of_range(messages: pl.DataFrame) -> tuple[int, str] | None:
    """(line, time as text) of the first row, in table order, whose time lies outside the
    table's range; None when there is none. Rows without a time are not checked."""
    stamp = pl.col("timestamp")
    outside = messages.lazy().filter((stamp < EARLIEST) | (stamp >= LATEST)).head(1)
    found = outside.select("line", stamp.dt.to_string("%Y-%m-%d %H:%M:%S")).collect()
    return None if found.is_empty() else found.row(0)


def out_of_range(shown: str, utc: bool = False) -> str:
    """The reason a time outside the table's range is refused, `shown` as the file has it."""
    return f"the time {shown}{' UTC' if utc else ''} is out of range ({_RANGE})"


def empty_table() -> pl.DataFrame:
    return pl.DataFrame(schema=SCHEMA)


def files_named(files: Sequence[ChatFile]) -> str:
    return ", ".join(f.name for f in files)
