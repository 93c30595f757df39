"""Plain CSV, nearer's own escape hatch for any source: one message per row.

The header names the columns, in any case and order: a timestamp (`timestamp`, `datetime`, `date`,
`time`, or `date` and `time` side by side), a sender (`sender`, `author`, `name`, `from`) and a text
(`text`, `message`, `body`, `content`). Optional: `id`, `reply_to`, `kind` (one of records.KINDS),
`edited_at` (non-empty means edited) and `attachments` (non-empty means media, the text its
caption). The delimiter is `,`, `;` (European Excel), tab or `|`, whichever makes the header
readable; quoted fields may span lines; UTF-8 with or without BOM, UTF-16 (Excel's and
LibreOffice's "Unicode text") with a BOM or without one (see utf16), else Windows-1252.

Timestamps are ISO 8601 with a time of day (`2024-03-12 21:15`, `2024-03-12T21:15:00+01:00`), a
spreadsheet's local form (`12.03.2024 21:15`, `3/12/2024 9:15 PM`; day and month told apart by
a vote over the file, see spreadsheet_time) or Unix time in seconds or milliseconds. Instants
(an offset on every row, or Unix time) become naive UTC and `tz_hint` is "utc"; wall-clock times
stay as written and `tz_hint` is "local"; a file mixing both is refused. Any unreadable row is a
ChatParseError naming the line and the column; a spreadsheet's serial number in place of a time
(`45362.885`, a column saved formatted as a number) is refused as that. DiscordChatExporter's CSV
(AuthorID,Author,Date,Content,…) is left to the discord parser. The header is read by
csv_header.py.
"""

from __future__ import annotations

import csv
import functools
import io
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

import polars as pl

from nearer.chat.caveats import Caveat, Kind
from nearer.chat.parsers import archive, csv_header, overlap, spreadsheet_time
from nearer.chat.parsers.date_order import DateOrder
from nearer.chat.parsers.discord_csv import is_discord_csv_header
from nearer.chat.parsers.utf16 import is_utf16, utf16_head, utf16_text
from nearer.chat.records import KINDS, ChatFile, ChatParseError, ParsedChat, TableBuilder
from nearer.chat.sender_names import sender_name

NAME = "csv"

_HEAD = 8192


def sniff(files: Sequence[ChatFile]) -> bool:
    """True when a file's first line is a header naming timestamp, sender and text columns. A
    zip is never one: stored uncompressed, its first CSV member's header shows through."""
    return any(
        not f.data.startswith(archive.ZIP) and csv_header.header(_head(f.data)) is not None
        for f in files
    )


def refusal(files: Sequence[ChatFile]) -> ChatParseError | None:
    """Why a .csv file no parser recognised cannot be read: its first line lacks a column."""
    for file in files:
        if file.name.lower().endswith(".csv"):
            return ChatParseError(file.name, csv_header.missing(_head(file.data)), 1)
    return None


def parse(files: Sequence[ChatFile]) -> ParsedChat:
    """Every row of every file; ChatParseError names the file, line and column. Each file's rows
    stay in their order, and the files follow one another by their first time, so parts given
    in any order (a shell lists "part10" before "part2") read as one chat. Times in a
    spreadsheet's form are read in one order of day and month, voted over every part."""
    table, utc, starts = _Table(), None, []
    warnings: list[Caveat] = []
    decoded = [(file.name, *_decode(file.data, file.name)) for file in files]
    vote = functools.cache(lambda: _vote_parts([(name, text) for name, text, _ in decoded]))
    voted = []  # the files with times in a spreadsheet's form
    for name, text, note in decoded:
        starts.append(len(table))
        warnings += [Caveat(Kind.ENCODING, f"{name}: {note}")] if note else []
        utc, spreadsheet = _read_file(name, text, table, utc, vote)
        voted += [name] if spreadsheet else []
    messages, repeats = _parts_in_time_order(table.with_attachments(), starts)
    warnings += overlap.dropped(repeats) + _newest_first(messages)
    order = vote() if voted else None
    if order is not None and order.ambiguous:
        note = f"the date order is uncertain ({order.evidence}); read as {order.order}"
        warnings.append(Caveat(Kind.AMBIGUOUS_DATES, f"{', '.join(voted)}: {note}"))
    return ParsedChat(
        format=NAME,
        messages=messages,
        tz_hint="utc" if utc else "local",
        date_order=None if order is None else order.order,
        ambiguous_dates=order is not None and order.ambiguous,
        warnings=tuple(warnings),
    )


def _newest_first(messages: pl.DataFrame) -> list[Caveat]:
    """A warning when most rows are older than the row above: the rows are read in file order,
    the conversation's order, so a file sorted newest first reads as replies gone back in time
    (none counted) and one long conversation."""
    time = messages["timestamp"].drop_nulls()
    steps, back = time.len() - 1, int((time.diff() < timedelta(0)).sum())
    if back * 2 <= steps:
        return []
    text = (
        f"{back} of the {steps} rows after the first are older than the row above: if the file "
        "runs newest first, sort it oldest first (rows are read in file order, the conversation's "
        "order)"
    )
    return [Caveat(Kind.NEWEST_FIRST, text)]


def _parts_in_time_order(messages: pl.DataFrame, starts: Sequence[int]) -> tuple[pl.DataFrame, int]:
    """The rows of each part (beginning at the row numbers `starts`) kept together and in order,
    the parts ordered by their earliest time, then their latest (a part without times last), a
    row an earlier part holds left out (parsers/overlap.py: overlapping parts; an `id` is the
    file's own, so rows are the same only at the same time and sender too), renumbered, without
    the overlap.ATTACHED column; and how many were left out."""
    if len(starts) < 2:
        return messages.drop(overlap.ATTACHED), 0
    ends = [*starts[1:], messages.height]
    part = pl.Series(
        "_part", [n for n, (a, b) in enumerate(zip(starts, ends, strict=True)) for _ in range(a, b)]
    )
    earliest, latest = (
        pl.col("timestamp").min().over("_part"),
        pl.col("timestamp").max().over("_part"),
    )
    ordered = messages.with_columns(part).sort(
        earliest, latest, "_part", "index", nulls_last=True, maintain_order=True
    )
    once, repeats = overlap.once_across_parts(ordered, "_part", global_ids=False)
    index = pl.int_range(pl.len(), dtype=pl.UInt32).alias("index")
    return once.drop("_part").with_columns(index), repeats


@dataclass
class _Table(TableBuilder):
    """The table, and each row's `attachments` cell ("" for none): two photos sent in one
    minute are two messages, also where parts overlap (overlap.ATTACHED)."""

    attached: list[str] = field(default_factory=list)

    def with_attachments(self) -> pl.DataFrame:
        column = pl.Series(overlap.ATTACHED, self.attached, dtype=pl.String)
        return self.build().with_columns(column)


def _head(data: bytes) -> str:
    """The text of the file's first bytes, enough for its header; never raises."""
    head = data[:_HEAD]
    return utf16_head(head) if is_utf16(head) else _utf8_or_1252(head)[0]


def _decode(data: bytes, name: str) -> tuple[str, str | None]:
    """The file's text, and a note when it was read as Windows-1252; ChatParseError for UTF-16
    that does not decode."""
    return (utf16_text(data, name), None) if is_utf16(data) else _utf8_or_1252(data)


def _utf8_or_1252(data: bytes) -> tuple[str, str | None]:
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:  # Excel's "CSV" on Windows
        return data.decode("cp1252", errors="replace"), "not UTF-8; read as Windows-1252"


def _read_file(
    name: str, text: str, table: _Table, utc: bool | None, vote: Callable[[], DateOrder]
) -> tuple[bool | None, bool]:
    """Add the file's rows to `table`; say if its times are instants, and whether it read times
    in a spreadsheet's form (in the order `vote` gives, voted once over every part)."""
    found = csv_header.header(text)
    if found is None:
        if any(is_discord_csv_header(cells) for _, cells in csv_header.first_line_cells(text)):
            raise ChatParseError(name, "this is DiscordChatExporter's CSV; read it as discord", 1)
        raise ChatParseError(name, "the first line must name timestamp, sender and text", 1)
    delimiter, columns = found
    voted = False
    for line, row in _rows(text, name, delimiter, columns):
        value = _time_value(row, columns)
        known = _exact_time(value)
        if known is None:  # a spreadsheet's form (or unreadable): in the order voted over all
            voted = True
            known = _local_time(value, vote(), columns, name, line)
        when, has_offset = known
        if utc is None:
            utc = has_offset
        elif utc != has_offset:
            column = columns.names[columns.timestamp]
            message = f"column {column}: offsets on some rows only; use one style throughout"
            raise ChatParseError(name, message, line)
        _add_row(table, row, columns, when, name, line)
    return utc, voted


def _vote_parts(parts: Sequence[tuple[str, str]]) -> DateOrder:
    """The order of day and month, voted over the times in a spreadsheet's form of every part
    (name, text) in turn: one export, one order (a second reading, made only when needed)."""
    local: list[str] = []
    for name, text in parts:
        found = csv_header.header(text)
        if found is None:
            continue  # refused when the part itself is read
        delimiter, columns = found
        values = (_time_value(row, columns) for _, row in _rows(text, name, delimiter, columns))
        local += [v for v in values if _exact_time(v) is None and spreadsheet_time.is_local(v)]
    return spreadsheet_time.date_order(local)


def _rows(
    text: str, name: str, delimiter: str, columns: csv_header.Columns
) -> Iterator[tuple[int, list[str]]]:
    """The records with every named column, blank lines (or rows of delimiters only, as
    spreadsheets write them) left out. A text in the last column holding unquoted delimiters
    ("hi, how are you?") is joined back together; anywhere else it is an error, since where
    the text ends cannot be told."""
    width, header = columns.width(), len(columns.names)
    for line, row in _records(text, name, delimiter):
        if not "".join(row).strip():
            continue
        if len(row) < width:
            raise ChatParseError(name, f"has {len(row)} fields, the header has {header}", line)
        if len(row) > header:
            row = columns.rejoined(row, delimiter, name, line)
        yield line, row


def _records(text: str, name: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(first line, fields) of each record after the header; quoted fields may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line, header_seen, last = 1, False, None
    try:
        for row in reader:
            if header_seen:
                yield line, row
            header_seen = header_seen or bool(row)  # blank lines may come before the header
            last, line = (line, row), reader.line_num + 1
    except csv.Error as error:
        raise ChatParseError(name, f"not readable as CSV: {error}", line) from None
    if last is not None and any("\n" in field or "\r" in field for field in last[1]):
        _closed_quotes(text, name, delimiter, last[0])


def _closed_quotes(text: str, name: str, delimiter: str, line: int) -> None:
    """Python's lenient reader ends a quote left open at the end of the file without a word, so
    the rest of the file becomes one field of one message; the strict reader says so. Asked only
    when the last record spans lines, the one sign of it."""
    strict = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        for _ in strict:
            pass
    except csv.Error as error:
        if "unexpected end of data" in str(error):
            raise ChatParseError(
                name,
                "a quote opened here is never closed, so the rest of the file would be "
                "one message; close it, or write the text without the quote",
                line,
            ) from None


#: Spaces spreadsheets write inside times: a narrow no-break space before AM/PM (ICU/CLDR 42 and
#: later, as on macOS 13+) and a no-break space between date and time.
_SPACES = str.maketrans({"\u202f": " ", "\u00a0": " "})


def _time_value(row: list[str], columns: csv_header.Columns) -> str:
    value = row[columns.timestamp].translate(_SPACES).strip()
    if columns.clock is None:
        return value
    return f"{value} {row[columns.clock].translate(_SPACES).strip()}"


def _exact_time(value: str) -> tuple[datetime, bool] | None:
    """ISO 8601 or Unix time: naive UTC and True for an instant (an offset, Unix time), the time
    as written and False for a wall-clock time; None for anything else."""
    # Unix time first: Python also reads some runs of digits as ISO ("1710123100000", a
    # millisecond in March 2024, would be 31 December 1710).
    instant = spreadsheet_time.unix_time(value)
    if instant is not None:
        return instant, True
    parsed = _iso(value)
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        return parsed, False
    return parsed.astimezone(UTC).replace(tzinfo=None), True


def _iso(value: str) -> datetime | None:
    """An ISO 8601 date with a time of day (a date alone would pretend to be midnight)."""
    if len(value) <= 10:
        return None
    try:
        return datetime.fromisoformat(value)
    except (ValueError, OverflowError):
        return None


def _local_time(
    value: str, order: DateOrder, columns: csv_header.Columns, name: str, line: int
) -> tuple[datetime, bool]:
    """A spreadsheet's wall-clock time read in the file's date `order`; ChatParseError naming
    the line and column for anything unreadable or impossible."""
    column = columns.names[columns.timestamp]
    if spreadsheet_time.is_local(value):
        local = spreadsheet_time.local_time(value, order.order)
        if local is None:
            raise ChatParseError(name, f"column {column}: {value!r} is no possible time", line)
        return local, False
    if _DATE.fullmatch(value):  # a date alone would pretend to be midnight
        raise ChatParseError(name, f"column {column}: {value!r} has no time of day", line)
    if _SERIAL.fullmatch(value):
        raise ChatParseError(name, f"column {column}: {_serial(value)}", line)
    examples = "2024-03-12 21:15:00, 12.03.2024 21:15 or 3/12/2024 9:15 PM"
    message = f"column {column}: {value!r} is not a date and time such as {examples}"
    raise ChatParseError(name, message, line)


#: A date alone, in ISO 8601 or a spreadsheet's form.
_DATE = re.compile(r"\d{1,4}[./-] ?\d{1,2}[./-] ?\d{1,4}\.?")
#: A spreadsheet's serial date: days since 30 December 1899, the time of day as a fraction.
#: Five digits before the point: 1927 to 2173.
_SERIAL = re.compile(r"\d{5}(?:[.,]\d+)?")
_SERIAL_EPOCH = datetime.combine(date(1899, 12, 30), time())  # a wall-clock time, no zone


def _serial(value: str) -> str:
    """What is wrong with a number such as `45362.885` in the column: a spreadsheet saved the
    CSV with the column formatted as a number. Not read as the time it stands for: a number
    there may as well be something else, and a Mac's old 1904 date system shifts it by years."""
    when = _SERIAL_EPOCH + timedelta(days=float(value.replace(",", ".")))
    return (
        f"{value!r} is a number, not a date and time: a spreadsheet's serial number for "
        f"{when:%Y-%m-%d %H:%M}, it seems; format the column as text or as a date and time "
        "(such as 2024-03-12 21:15:00) and save the CSV again"
    )


def _add_row(
    table: _Table, row: list[str], columns: csv_header.Columns, when: datetime, name: str, line: int
) -> None:
    sender, text = sender_name(_nfc(row[columns.sender])), _nfc(row[columns.text])
    if not columns.optional:  # the three columns only: the common case, kept quick
        if not sender:
            raise ChatParseError(name, f"column {columns.names[columns.sender]} is empty", line)
        table.add(when, sender, text, "text", line)
        table.attached.append("")
        return
    kind = columns.cell(row, "kind").lower()
    if kind and kind not in KINDS:
        raise ChatParseError(name, f"column kind: {kind!r} is not one of {', '.join(KINDS)}", line)
    attached = columns.cell(row, "attachments")
    if not kind:
        kind = "media" if attached else "edited" if columns.cell(row, "edited_at") else "text"
    if not sender and kind != "system":
        raise ChatParseError(name, f"column {columns.names[columns.sender]} is empty", line)
    message_id, reply = columns.cell(row, "id") or None, columns.cell(row, "reply_to") or None
    author = sender or None
    table.add(when, author, text, kind, line, message_id=message_id, target_id=reply)
    table.attached.append(attached)


def _nfc(text: str) -> str:
    return text if text.isascii() else unicodedata.normalize("NFC", text)
