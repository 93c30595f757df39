"""DiscordChatExporter's CSV: its header, and its `Date` column in the user's chosen locale.

The `Date` column is the exporter's wall-clock time ("12-Mar-24 09:15 PM", "3/12/2024 9:15 PM",
"12.03.2024 21:15"…): the formats in `DATE_FORMATS` are tried on the column, the one that reads
most rows with the fewest backward jumps (the tool writes oldest first) wins, and `tz_hint` is
"local". When a day-first and a month-first format read the file equally well, `ambiguous_dates`
is set. The CSV has no message types, edit times or reacting people, so it yields only text and
media rows.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

import polars as pl

from nearer.chat.caveats import Caveat, Kind
from nearer.chat.pair import folded
from nearer.chat.parsers.overlap import ATTACHED
from nearer.chat.parsers.people import People
from nearer.chat.parsers.threads import Kept
from nearer.chat.records import ChatFile, ChatParseError, ParsedChat, TableBuilder, checked_time
from nearer.chat.sender_names import sender_name

NAME = "discord"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
#: (strptime format, date order) for the CSV `Date` column, most likely first.
DATE_FORMATS = (
    ("%d-%b-%y %I:%M %p", "dmy"),  # the tool's old default: 12-Mar-24 09:15 PM
    ("%d-%b-%y %H:%M", "dmy"),
    ("%m/%d/%Y %I:%M %p", "mdy"),  # en-US: 3/12/2024 9:15 PM
    ("%m/%d/%y %I:%M %p", "mdy"),
    ("%d/%m/%Y %I:%M %p", "dmy"),  # en-AU, en-IN: 12/03/2024 9:15 pm
    ("%d/%m/%Y %H:%M", "dmy"),  # en-GB, fr, es, it, pt: 12/03/2024 21:15
    ("%d/%m/%y %H:%M", "dmy"),
    ("%m/%d/%Y %H:%M", "mdy"),
    ("%d.%m.%Y %H:%M", "dmy"),  # de, ru, pl, tr: 12.03.2024 21:15
    ("%d.%m.%y %H:%M", "dmy"),
    ("%d-%m-%Y %H:%M", "dmy"),  # nl: 12-3-2024 21:15
    ("%Y-%m-%d %H:%M", "ymd"),  # sv, lt: 2024-03-12 21:15
    ("%Y-%m-%d %H:%M:%S", "ymd"),
    ("%Y/%m/%d %H:%M", "ymd"),  # ja, zh: 2024/03/12 21:15
)
# Discord opened in 2015; an earlier year means a format read "24" as the year 24.
_FIRST_YEAR = 2015
_CSV_HEADER = ["authorid", "author", "date", "content"]
_OLD_CSV_HEADER = ["author", "date", "content", "attachments", "reactions"]


def is_discord_csv_header(cells: Sequence[str]) -> bool:
    """True for DiscordChatExporter's CSV header: AuthorID,Author,Date,Content,… in any case."""
    names = [cell.strip().lstrip("\ufeff").lower() for cell in cells]
    return names[:4] == _CSV_HEADER or names == _OLD_CSV_HEADER


def clean(text: str) -> str:
    """NFC, with lone surrogates (which can't be stored) replaced."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", _LONE_SURROGATE.sub("\ufffd", text))


@dataclass(frozen=True)
class Part:
    """One CSV file of an export, read: its name, rows (first line, fields), the Author column."""

    name: str
    rows: list[tuple[int, list[str]]]
    author: int
    warnings: list[Caveat]

    def dates(self) -> list[str]:
        return [row[self.author + 1] for _, row in self.rows]

    def lines(self) -> list[int]:
        return [line for line, _ in self.rows]


def parse_csv(
    files: Sequence[ChatFile], people: People, read: Kept[Part] | None = None
) -> list[ParsedChat]:
    """The CSV files of one export, each as a chat of its own, authors as `people` keys (by
    AuthorID where the header has it) and, beside the table's columns, each row's attachments
    in overlap.ATTACHED until the files are joined; ChatParseError names the file and line.
    Their dates are read in the one format that fits all of them best: one export, one order of
    day and month. `read` holds files already read (`read_part`), taken instead of reading them
    again."""
    parts = [(read and read.take(file)) or read_part(file) for file in files]
    times, order, ambiguous = _read_dates(parts)
    chats = [_chat(part, when, order, people) for part, when in zip(parts, times, strict=True)]
    if ambiguous:
        names = ", ".join(part.name for part in parts)
        text = f"{names}: dates read as {order}, but another day/month order fits as well"
        note = Caveat(Kind.AMBIGUOUS_DATES, text)
        chats[0] = replace(chats[0], warnings=(*chats[0].warnings, note), ambiguous_dates=True)
    return chats


def authors(part: Part) -> frozenset[str]:
    """Who wrote in the CSV file read as `part`: its AuthorIDs, or the Author names of the old
    layout without them, folded."""
    return frozenset(filter(None, (folded(sender_name(clean(row[0]))) for _, row in part.rows)))


def read_part(file: ChatFile) -> Part:
    """The CSV file's rows, for `parse_csv` and `authors`; ChatParseError names the file and
    line of a row too short to read."""
    try:
        text, warnings = file.data.decode("utf-8-sig"), list[Caveat]()
    except UnicodeDecodeError:
        text = file.data.decode("utf-8-sig", errors="replace")
        warnings = [Caveat(Kind.ENCODING, "bytes that are not UTF-8 were replaced by U+FFFD")]
    (_, header), *rows = _records(text, file.name)
    author = 1 if header[0].strip().lstrip("\ufeff").lower() == "authorid" else 0
    body = []
    for line, row in rows:
        if len(row) < author + 3:
            if not "".join(row).strip():
                continue  # a blank line
            needed = ", ".join(header[: author + 3])
            raise ChatParseError(file.name, f"has {len(row)} fields; needs {needed}", line)
        body.append((line, row))
    return Part(file.name, body, author, warnings)


def _chat(part: Part, times: list[datetime], order: str | None, people: People) -> ParsedChat:
    table, files = TableBuilder(), []
    author = part.author
    for (line, row), when in zip(part.rows, times, strict=True):
        name = sender_name(clean(row[author]))
        if not name:
            raise ChatParseError(part.name, "column Author is empty", line)
        attached = row[author + 3].strip() if len(row) > author + 3 else ""
        when = checked_time(when, part.name, line)
        person = people.key(row[0].strip() if author else None, name, when)
        table.add(when, person, clean(row[author + 2]), "media" if attached else "text", line)
        files.append(attached)
    return ParsedChat(
        format=NAME,
        messages=table.build().with_columns(pl.Series(ATTACHED, files, dtype=pl.String)),
        date_order=order,
        tz_hint="local",
        warnings=tuple(part.warnings),
    )


def _records(text: str, file: str) -> list[tuple[int, list[str]]]:
    """(first line, fields) of each CSV record; quoted fields may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""))
    records, line = [], 1
    try:
        for row in reader:
            records.append((line, row))
            line = reader.line_num + 1
    except csv.Error as error:
        raise ChatParseError(file, f"not readable as CSV: {error}", line) from None
    if not records:
        raise ChatParseError(file, "the file is empty")
    return records


def _read_dates(parts: Sequence[Part]) -> tuple[list[list[datetime]], str | None, bool]:
    """Each part's dates read by the one format that fits all of them best, its date order, and
    whether another date order fits as well. Formats are first tried on a sample of about 2,000
    dates; only those that read the most of it are run on the whole columns."""
    every = [value for part in parts for value in part.dates()]
    if not every:
        return [[] for _ in parts], None, False
    sample = _scores(every[:: max(1, len(every) // 2000)], range(len(DATE_FORMATS)))
    most = max(count for count, _, _ in sample.values())
    candidates = [p for p, (count, _, _) in sample.items() if count == most]
    scored = [_scores(part.dates(), candidates) for part in parts]
    totals = {p: (sum(s[p][0] for s in scored), sum(s[p][1] for s in scored)) for p in candidates}
    ranked = sorted(totals, key=lambda p: (*totals[p], -p), reverse=True)
    best = ranked[0]
    for part, scores in zip(parts, scored, strict=True):
        _check_fit(part, scores[best][2], totals[best][0] == 0)
    order = DATE_FORMATS[best][1]
    ambiguous = any(totals[p] == totals[best] and DATE_FORMATS[p][1] != order for p in ranked[1:])
    return [scores[best][2].to_list() for scores in scored], order, ambiguous


def _check_fit(part: Part, fitting: pl.Series, none_fit: bool) -> None:
    """Raise ChatParseError naming the first of the part's dates the chosen format cannot read."""
    values, lines = part.dates(), part.lines()
    if none_fit and values:
        known = "; ".join(fmt for fmt, _ in DATE_FORMATS)
        message = f"column Date: {values[0]!r} fits none of the known formats ({known})"
        raise ChatParseError(part.name, message + "; export as JSON instead", lines[0])
    if fitting.null_count():
        bad = int(fitting.is_null().arg_true()[0])
        read = fitting.is_not_null().arg_true()
        example = f" (as in {values[int(read[0])]!r})" if read.len() else ""
        message = f"column Date: {values[bad]!r} does not fit the export's format{example}"
        raise ChatParseError(part.name, message, lines[bad])


def _scores(values: list[str], positions: Iterable[int]) -> dict[int, tuple[int, int, pl.Series]]:
    """For each format position: (dates read, minus backward jumps, the dates) over `values`."""
    raw = pl.col("raw").str.strip_chars()
    columns = []
    for position in positions:
        parsed = raw.str.strptime(pl.Datetime("us"), DATE_FORMATS[position][0], strict=False)
        columns.append(pl.when(parsed.dt.year() >= _FIRST_YEAR).then(parsed).alias(str(position)))
    frame = pl.DataFrame({"raw": values}, schema={"raw": pl.String}).select(columns)
    scores = {}
    for series in frame.iter_columns():
        backward = int((series.cast(pl.Int64).diff() < 0).sum())
        scores[int(series.name)] = (series.count(), -backward, series)
    return scores
