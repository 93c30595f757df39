"""DiscordChatExporter exports of a DM or channel: JSON (preferred) and CSV.

JSON timestamps carry an offset, so they become naive UTC and `tz_hint` is "utc". The CSV, whose
dates are wall-clock times in the user's locale, is read by discord_csv.py.

Several files (the tool's "[part N]" partitions, which a shell lists "[part 2]" first) are
joined. Rows with offsets are put in ascending time, ties in the order given: the tool can also
write newest first. Wall-clock rows (the CSV) keep each file's order, turned round when it runs
newest first: sorted, the hour repeated when summer time ends would be mixed. A message whose id
an earlier file gave, or without ids (the CSV) rows an earlier file holds where the two files
overlap (two or more in a row alike in time, author, text and attachment), is read once, with
a warning (parsers/overlap.py). JSON files of two channels (the tool writes each channel's exact
id) are refused: joined, a third person's chat would count as the couple's. An unreadable
message, or a time outside the table's range (records.EARLIEST to LATEST), is refused with its
line (CSV) or its record number (JSON: "dm.json, message 7: …"). `thread_marks` tells
channels apart, CSV files by the channel id the tool puts in their names, or when renamed
without it by their authors, so that `parsers.parse` reads one channel of several (threads.py).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import polars as pl

from nearer.chat.caveats import Caveat, Kind
from nearer.chat.parsers import overlap
from nearer.chat.parsers.discord_csv import (
    Part,
    authors,
    clean,
    is_discord_csv_header,
    parse_csv,
    read_part,
)
from nearer.chat.parsers.json_cursor import JsonCursor, byte_text, is_utf8, utf8_restored
from nearer.chat.parsers.people import People
from nearer.chat.parsers.threads import Kept, Marks
from nearer.chat.records import (
    ChatFile,
    ChatParseError,
    ParsedChat,
    TableBuilder,
    checked_time,
    files_named,
    out_of_range,
)
from nearer.chat.sender_names import sender_name
from nearer.chat.wording import counted

NAME = "discord"
#: threads.Joins's `lone_writer`: a renamed part one person wrote alone (the partner's part 2)
#: joins the one channel they may be in (parsers/threads.py).
LONE_WRITER_JOINS = True

_HEAD = 65536
_JSON_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*\{")
_JSON_MARKERS = (re.compile(rb'"guild"\s*:'), re.compile(rb'"channel"\s*:'))
_LINE_END = re.compile(rb"\r\n|\r|\n")
# Message types a person sends; "Call" is a call; every other type is a system notice.
_SENT_TYPES = frozenset({"Default", "Reply", "ChatInputCommand", "ContextMenuCommand"})
_SENT_TYPES |= frozenset({"0", "19", "20", "23"})  # older versions wrote unknown types as numbers
_CALL_TYPES = frozenset({"Call", "3"})
_CSV_NAME = re.compile(
    r"(?P<name>.+) \[(?P<id>[0-9]+)\](?: \([^)]*\))?(?: \[part [0-9]+\])?\.csv", re.IGNORECASE
)
_RECORD = "message"  # a JSON error names the message's record number, not a line of the file


def sniff(files: Sequence[ChatFile]) -> bool:
    """True when a file is a DiscordChatExporter JSON or CSV export."""
    return any(_layout(f) is not None for f in files)


def parse(files: Sequence[ChatFile], read: Kept[Part] | None = None) -> ParsedChat:
    """The export's messages in ascending time, ties in the order given; ChatParseError names
    the file and the line (CSV) or message record (JSON) it cannot read, or two files of two
    channels. `read` holds the CSV files `thread_read` read while marking them."""
    chats, channels, tables, people = [], [], [], People()
    for file in files:
        layout = _layout(file)
        if layout == "json":
            chat, channel = _parse_json(file, people)
            chats.append(chat)
            channels.append((file.name, channel))
        elif layout == "csv":
            tables.append(file)
    chats += parse_csv(tables, people, read) if tables else []
    if not chats:
        raise ChatParseError(files_named(files), "no DiscordChatExporter JSON or CSV here")
    _one_channel(channels)
    return _joined(files, chats, people)


def thread_marks(file: ChatFile) -> Marks:
    """The file's channel (parsers/threads.py): its name and id from the JSON, or from the name
    the tool gives a CSV file, "Direct Messages - Private - ben [9].csv" (with a date range or
    " [part 2]" after the id), and a CSV file's authors, by which one renamed without its id
    joins the channel of exactly its people, if any."""
    return thread_read(file, lambda _: False)[0]


def thread_read(file: ChatFile, wants: Callable[[Marks], bool]) -> tuple[Marks, Part | None]:
    """`thread_marks(file)`, and a CSV file's rows for `parse` if `wants` those marks (read
    once for both; a JSON file's marks are read from its head, so its messages are read by
    `parse`): None when not wanted, or when the file cannot be read (`parse` says why)."""
    if _layout(file) == "json":
        return _json_channel(file), None
    try:
        part: Part | None = read_part(file)
    except ChatParseError:
        part = None
    people = authors(part) if part is not None else frozenset()
    found = _CSV_NAME.fullmatch(file.name.rsplit("/", 1)[-1])
    if found is None:
        marks = Marks("", people=people)
    else:
        marks = Marks(found["name"].rsplit(" - ", 1)[-1], found["id"], people=people)
    return marks, part if wants(marks) else None


def _json_channel(file: ChatFile) -> Marks:
    cursor = JsonCursor(byte_text(file.data))
    try:
        for key in cursor.members():
            if key == "channel":
                channel = cursor.value()
                name = channel.get("name") if isinstance(channel, dict) else None
                title = _clean_json(name) if isinstance(name, str) else ""
                found = _channel(channel, title)
                return Marks(title, found[0] if found else None)
    except (json.JSONDecodeError, RecursionError):
        pass  # parse says what is wrong with it
    return Marks("")


def _layout(file: ChatFile) -> str | None:
    head = file.data[:_HEAD]
    if _JSON_START.match(head):
        return "json" if all(m.search(head) for m in _JSON_MARKERS) else None
    first = _LINE_END.split(head, maxsplit=1)[0].decode("utf-8", errors="replace")
    try:
        cells = next(csv.reader([first]), [])
    except csv.Error:
        return None
    return "csv" if is_discord_csv_header(cells) else None


def _one_channel(channels: list[tuple[str, tuple[str, str] | None]]) -> None:
    """Refuses JSON files (name, (channel id, as shown)) of two channels; no id, no refusal."""
    named = [(file, channel) for file, channel in channels if channel is not None]
    for file, (channel, shown) in named[1:]:
        first, (seen, seen_shown) = named[0]
        if channel != seen:
            raise ChatParseError(
                f"{first}, {file}",
                f"are exports of different channels, {seen_shown} and {shown}, so not one "
                "chat; analyse one channel at a time",
            )


def _joined(files: Sequence[ChatFile], chats: list[ParsedChat], people: People) -> ParsedChat:
    if len({c.tz_hint for c in chats}) > 1:
        raise ChatParseError(files_named(files), "mixes JSON (UTC) and CSV (local time) parts")
    in_order = _in_time_order if chats[0].tz_hint == "utc" else _in_file_order
    messages, dropped = in_order([c.messages for c in chats])
    warnings = [w for c in chats for w in c.warnings] + overlap.dropped(dropped)
    messages = people.labelled(messages)
    return ParsedChat(
        format=NAME,
        ids=people.ids,
        messages=messages,
        date_order=next((c.date_order for c in chats if c.date_order), None),
        ambiguous_dates=any(c.ambiguous_dates for c in chats),
        tz_hint=chats[0].tz_hint,
        title=chats[0].title,
        warnings=tuple(warnings),
    )


def _in_time_order(tables: list[pl.DataFrame]) -> tuple[pl.DataFrame, int]:
    """Every file's rows in ascending time, ties in the order given (file, then row), so that
    reactions (their message's time) stay right after their message; and how many messages were
    dropped, with their reactions (same file and record), for repeating an earlier one's id."""
    part = [t.with_columns(pl.lit(n, dtype=pl.UInt32).alias("part")) for n, t in enumerate(tables)]
    rows = pl.concat(part)
    message_id = pl.col("message_id")  # null on reaction rows and CSV rows
    repeated = (message_id.is_not_null() & ~message_id.is_first_distinct()).alias("repeated")
    dropped = int(rows.select(repeated.sum()).item())
    if dropped:  # computed over all rows first: inside `over`, it would be per group
        marked = rows.with_columns(repeated)
        rows = marked.filter(~pl.col("repeated").any().over("part", "line")).drop("repeated")
    index = pl.int_range(pl.len(), dtype=pl.UInt32).alias("index")
    return rows.sort("timestamp", "part", "index").with_columns(index).drop("part"), dropped


def _in_file_order(tables: list[pl.DataFrame]) -> tuple[pl.DataFrame, int]:
    """Rows of wall-clock time (the CSV) in the order each file gives them, since sorted by
    time the hour that repeats when summer time ends would mix two hours' messages; a file
    written newest first is turned round. Files follow one another by their earliest time, then
    their latest, and a row an earlier file holds is read once (parsers/overlap.py): how many
    were left out is returned beside the rows."""
    numbered = [
        _oldest_first(table).with_columns(pl.lit(n, dtype=pl.UInt32).alias("part"))
        for n, table in enumerate(tables)
    ]
    time = pl.col("timestamp")
    rows = pl.concat(numbered, how="diagonal").sort(  # CSV tables add overlap.ATTACHED
        time.min().over("part"),
        time.max().over("part"),
        "part",
        nulls_last=True,
        maintain_order=True,
    )
    once, dropped = overlap.once_across_parts(rows, "part", global_ids=True)
    index = pl.int_range(pl.len(), dtype=pl.UInt32).alias("index")
    return once.drop("part").with_columns(index), dropped


def _oldest_first(table: pl.DataFrame) -> pl.DataFrame:
    """`table` turned round when more of its steps in time go back than forward (a file written
    newest first), the rows of one message (its reactions) still in their order."""
    steps = table["timestamp"].drop_nulls().diff().drop_nulls()
    if int((steps < timedelta(0)).sum()) <= int((steps > timedelta(0)).sum()):
        return table
    return table.sort("line", descending=True, maintain_order=True)


# --- JSON ---------------------------------------------------------------------------------------


def _parse_json(file: ChatFile, people: People) -> tuple[ParsedChat, tuple[str, str] | None]:
    """The file's messages, authors as `people` keys, and its channel (`_channel`)."""
    cursor = JsonCursor(byte_text(file.data))
    if cursor.peek() != "{":
        raise ChatParseError(file.name, "the JSON is not an object, so not an export")
    rows, title, seen, shown = _JsonRows(file.name, people), None, False, None
    try:
        for key in cursor.members():
            if key == "channel":
                channel = cursor.value()
                name = channel.get("name") if isinstance(channel, dict) else None
                title = _clean_json(name) if isinstance(name, str) else None
                shown = _channel(channel, title)
            elif key == "messages" and cursor.peek() == "[":
                seen = True
                for position in cursor.items():
                    rows.add(cursor.value(), position + 1)
    except json.JSONDecodeError as error:
        raise ChatParseError(file.name, f"not valid JSON: {error.msg}", error.lineno) from None
    except RecursionError:
        raise ChatParseError(file.name, "JSON nested too deeply to be an export") from None
    if not seen:
        raise ChatParseError(file.name, 'no "messages" list')
    warnings = (
        []
        if is_utf8(file.data)
        else [Caveat(Kind.ENCODING, "bytes that are not UTF-8 were replaced by U+FFFD")]
    )
    return rows.parsed(title, warnings), shown


def _channel(channel: object, title: str | None) -> tuple[str, str] | None:
    """The channel's exact id and how an error shows it (`"ben" (id 9)`); None without an id."""
    found = _id(channel.get("id")) if isinstance(channel, dict) else None
    if found is None:
        return None
    return found, f'"{title}" (id {found})' if title else f"id {found}"


class _JsonRows:
    """The table, message by message; the first message decides whether times carry offsets."""

    def __init__(self, file: str, people: People) -> None:
        self.file, self.table, self.with_offset, self.unattributed = file, TableBuilder(), True, 0
        self.people = people

    def add(self, message: object, record: int) -> None:
        if not isinstance(message, dict):
            raise ChatParseError(self.file, "a message is not a JSON object", record, unit=_RECORD)
        when, has_offset = _instant(message.get("timestamp"), self.file, record)
        if record == 1:
            self.with_offset = has_offset
        elif has_offset != self.with_offset:
            mixed = "timestamps mix ones with and without offset"
            raise ChatParseError(self.file, mixed, record, unit=_RECORD)
        self.unattributed += _add_json_message(self, message, when, record)

    def parsed(self, title: str | None, warnings: list[Caveat]) -> ParsedChat:
        if self.unattributed:
            text = f"left out {counted(self.unattributed, 'reaction')} naming no person"
            warnings.append(Caveat(Kind.NO_PERSON_REACTIONS, text, self.unattributed))
        return ParsedChat(
            format=NAME,
            messages=self.table.build(),
            tz_hint="utc" if self.with_offset else "local",
            title=title,
            warnings=tuple(warnings),
        )


def _instant(value: object, file: str, record: int) -> tuple[datetime, bool]:
    """The time as naive UTC when it has an offset (True), else as written (False); a time
    outside the table's range (records.EARLIEST to LATEST) is refused."""
    if not isinstance(value, str):
        raise ChatParseError(file, "the message has no timestamp", record, unit=_RECORD)
    try:
        parsed = datetime.fromisoformat(value)
    except (ValueError, OverflowError):
        reason = f"timestamp {value!r} is not ISO 8601"
        raise ChatParseError(file, reason, record, unit=_RECORD) from None
    if parsed.tzinfo is None:
        return checked_time(parsed, file, record, unit=_RECORD), False
    try:
        instant = parsed.astimezone(UTC).replace(tzinfo=None)
    except OverflowError:  # a placeholder such as 0001-01-01T00:00:00+05:00, before year 1 in UTC
        raise ChatParseError(file, out_of_range(value), record, unit=_RECORD) from None
    return checked_time(instant, file, record, utc=True, unit=_RECORD), True


def _add_json_message(rows: _JsonRows, message: dict[str, Any], when: datetime, record: int) -> int:
    """Adds the message and a row per named reacting person; returns reactions naming nobody."""
    table, people = rows.table, rows.people
    kind = _kind(message)
    content = message.get("content")
    text = _clean_json(content) if isinstance(content, str) and kind != "call" else ""
    message_id = _id(message.get("id"))
    reference = message.get("reference")
    reply = None
    if isinstance(reference, dict) and not _is_forward(message):  # replies and pins
        reply = _id(reference.get("messageId"))
    author = _user(people, message.get("author"), when)
    table.add(when, author, text, kind, record, message_id=message_id, target_id=reply)
    reactions = message.get("reactions")
    unattributed = 0
    for reaction in reactions if isinstance(reactions, list) else []:
        if not isinstance(reaction, dict):
            continue
        emoji = reaction.get("emoji")
        raw = emoji.get("name") if isinstance(emoji, dict) else None
        name = _clean_json(raw) if isinstance(raw, str) else ""  # wrong type: no emoji
        users = reaction.get("users")
        named = [_user(people, u, when) for u in users] if isinstance(users, list) else []
        reacting = [person for person in named if person]
        count = reaction.get("count")
        unattributed += max((count if isinstance(count, int) else 0) - len(reacting), 0)
        for person in reacting:  # the export gives no reaction time: the message's stands in
            table.add(when, person, name, "reaction", record, target_id=message_id)
    return unattributed


def _kind(message: dict[str, Any]) -> str:
    kind = str(message.get("type", "Default"))
    if kind in _CALL_TYPES:
        return "call"  # whether it was missed is not exported
    if kind not in _SENT_TYPES:
        return "system"  # pins, joins, renames: the author did it, but didn't say it
    if message.get("attachments") or message.get("stickers") or _is_forward(message):
        return "media"
    return "edited" if message.get("timestampEdited") else "text"


def _is_forward(message: dict[str, Any]) -> bool:
    """A forward shares a message from elsewhere, so it is media: the forwarded words are not
    the forwarder's own, and its reference (often to another channel) is not a reply."""
    reference = message.get("reference")
    kind = reference.get("type") if isinstance(reference, dict) else None
    return kind == "Forward" or isinstance(message.get("forwardedMessage"), dict)


def _user(people: People, user: object, when: datetime) -> str | None:
    """The person's provisional author (people.People.key) on a row at `when`: told apart by
    `id`, shown by the server nickname (the tool writes today's, so one per person and file),
    else the user name."""
    if not isinstance(user, dict):
        return None
    name = user.get("nickname") or user.get("name")
    shown = sender_name(_clean_json(name)) if isinstance(name, str) and name else None
    return people.key(_id(user.get("id")), shown, when)


def _id(value: object) -> str | None:
    return str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else None


def _clean_json(text: str) -> str:
    """A string of the JSON's `byte_text`, read back as UTF-8 and cleaned."""
    return text if text.isascii() else clean(utf8_restored(text))
