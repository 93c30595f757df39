"""WhatsApp's "Export chat" text file (Android and iOS, any language the app writes).

The export has no specification: each line starts with a date and time whose form depends on
the phone (`whatsapp_header`), continues with `Name: ` or straight with system text, and a
message's further lines follow without a header. The parser works on whole columns (polars) so a
million messages take seconds:

1. split the bytes into lines (`whatsapp_lines`);
2. find header candidates with one regex, keep those of the file's most common shape;
3. vote the date order once over every header, then build timestamps from the few distinct
   dates and times;
4. attach continuation lines to the message above, split off authors, and classify every
   message against WhatsApp's own sentences (`whatsapp_messages`, `whatsapp_body`,
   `whatsapp_phrases`).

A `.zip` export is opened by `whatsapp_zip`, which hands the chat text to `parse_export`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

import polars as pl

from nearer.chat.caveats import Caveat, Kind
from nearer.chat.parsers.date_order import DateOrder, vote_date_order
from nearer.chat.parsers.utf16 import is_utf16, utf16_head
from nearer.chat.parsers.whatsapp_header import (
    HEADER,
    HEADER_RE,
    TIME_START,
    date_numbers,
    dominant_shape,
    make_date,
    shape,
    shape_pattern,
    time_seconds,
)
from nearer.chat.parsers.whatsapp_lines import read_lines
from nearer.chat.parsers.whatsapp_messages import messages
from nearer.chat.records import ChatFile, ChatParseError, ParsedChat, files_named

NAME = "whatsapp"

_EPOCH = date(1970, 1, 1)
_SNIFF_BYTES = 1 << 16
_SNIFF_LINES = 50
_IGNORED = ("__MACOSX/", "._")
#: File names WhatsApp gives exports, in a few languages; the rest of the name is the chat's.
_TITLE = re.compile(
    r"^(?:WhatsApp[ -]Chat(?: with| mit| -|:)?|Chat de WhatsApp con|Conversa do WhatsApp com"
    r"|Discussion WhatsApp avec|Chat WhatsApp con|WhatsApp-chat met) (?P<title>.+?)\.(?:txt|zip)$",
    re.IGNORECASE,
)


def sniff(files: Sequence[ChatFile]) -> bool:
    """True when the export's chat text starts like WhatsApp messages. Never raises."""
    names = [f.name for f in files]
    chosen = names[0] if len(names) == 1 else _pick(_texts(names))
    chat = next((f for f in files if f.name == chosen), None)
    return chat is not None and looks_like_chat(chat.data)


def refusal(files: Sequence[ChatFile]) -> ChatParseError | None:
    """Several WhatsApp chat texts at once: each is a whole export, read on its own."""
    chats = [f for f in files if looks_like_chat(f.data)]
    if len(chats) < 2:
        return None
    return ChatParseError(
        files_named(chats), "each WhatsApp export is a whole chat; analyse one at a time"
    )


def looks_like_chat(data: bytes) -> bool:
    """True when the first lines of `data` start like WhatsApp messages. Never raises."""
    if data.startswith(b"PK\x03\x04"):  # a zip: see whatsapp_zip
        return False
    head = data[:_SNIFF_BYTES]
    text = utf16_head(head) if is_utf16(head) else head.decode("utf-8", "ignore")
    lines = text.splitlines()[:_SNIFF_LINES]
    hits = [bool(HEADER_RE.match(line)) for line in lines if line.strip()]
    return bool(hits) and (hits[0] or sum(hits) >= 2)


def parse(files: Sequence[ChatFile]) -> ParsedChat:
    """The messages of the export's chat text (a single file, or see `chat_name`)."""
    if len(files) == 1:
        return parse_export(files[0].name, files[0].data)
    chosen = chat_name([f.name for f in files], files_named(files))
    chat = next(f for f in files if f.name == chosen)
    return parse_export(chat.name, chat.data)


def chat_name(names: Sequence[str], where: str) -> str:
    """Which of an export's files is the chat: `_chat.txt`, the only `.txt`, or the only
    `.txt` named like a WhatsApp chat. `__MACOSX/`, `._*` and media are ignored.

    Raises ChatParseError (naming `where`) when there is no such file or several.
    """
    texts = _texts(names)
    chosen = _pick(texts)
    if chosen is not None:
        return chosen
    if not texts:
        raise ChatParseError(where, "no chat text (.txt) in this export")
    listed = ", ".join(texts[:5]) + (f" and {len(texts) - 5:,} more" if len(texts) > 5 else "")
    raise ChatParseError(
        where,
        f"holds several chats ({listed}); nearer reads one at a time: take the one "
        "you mean out of the zip and give nearer its .txt",
    )


def _texts(names: Sequence[str]) -> list[str]:
    return [name for name in names if _is_text(name)]


def _pick(texts: Sequence[str]) -> str | None:
    named = [name for name in texts if _base(name) == "_chat.txt"]
    chats = [name for name in texts if "whatsapp" in _base(name).lower()]
    for group in (named, texts, chats):
        if len(group) == 1:
            return group[0]
    return None


def _base(name: str) -> str:
    return name.replace("\\", "/").rsplit("/", 1)[-1]


def _is_text(name: str) -> bool:
    if not name.lower().endswith(".txt"):  # first: a zip may list 300,000 other names
        return False
    return not (name.startswith(_IGNORED) or "/__MACOSX/" in name or _base(name).startswith("._"))


def title_of(name: str) -> str | None:
    """The chat's name from an export's file name ("WhatsApp Chat with Sam.txt" -> "Sam")."""
    found = _TITLE.match(_base(name))
    return found.group("title") if found else None


def parse_export(name: str, data: bytes) -> ParsedChat:
    """Parse the bytes of one chat text; `name` is used in messages and for the title.

    Raises ChatParseError when no line of the file starts like a WhatsApp message.
    """
    lines, warnings = read_lines(data, name, _scan)
    lines, twelve_hour = _find_headers(lines, name)
    order = _vote(lines)
    lines, dropped = _stamp(lines, order, twelve_hour, name)
    table, skipped = messages(lines)
    if table.height == 0:
        raise ChatParseError(name, "no WhatsApp message lines found")
    notes = [*warnings, *dropped, *skipped]
    if order.ambiguous:
        text = f"the date order is uncertain ({order.evidence}); read as {order.order}"
        notes.append(Caveat(Kind.AMBIGUOUS_DATES, text))
    return ParsedChat(
        format=NAME,
        messages=table,
        date_order=order.order,
        ambiguous_dates=order.ambiguous,
        title=title_of(name),
        warnings=tuple(notes),
    )


def _scan(lines: pl.Series) -> pl.DataFrame:
    """What the later stages need of each line of a chunk.

    A candidate header is kept as its `date` and `time` parts (null for other lines) and
    `rest` is the text after it, or the whole line. `hinted`: the line starts with iOS's
    system mark.
    """
    c = pl.col
    # HEADER is anchored at the start, so a line has at most one match (null: none); the rest
    # of the line is a slice after it, which is faster than replacing the match.
    frame = pl.DataFrame({"line": lines}).with_columns(
        _header=c("line").str.extract_all(HEADER).list.first()
    )
    frame = frame.with_columns(rest=c("line").str.slice(c("_header").str.len_chars().fill_null(0)))
    # Cut at the time's byte offset: the bytes before are the date, the rest the time.
    return frame.with_columns(
        _at=c("_header").str.find(TIME_START), _bytes=c("_header").cast(pl.Binary)
    ).select(
        "rest",
        date=c("_bytes").bin.head(c("_at")).cast(pl.String),
        time=c("_bytes").bin.slice(c("_at")).cast(pl.String),
        hinted=c("line").str.starts_with("\u200e"),
    )


def _find_headers(lines: pl.DataFrame, name: str) -> tuple[pl.DataFrame, bool]:
    """Mark the lines whose header has the file's dominant shape; say if it is a 12-hour one."""
    example = dominant_shape(lines["date"], lines["time"])
    if example is None:
        raise ChatParseError(name, "no WhatsApp message lines found")
    date_shape, time_shape = (shape_pattern(part) for part in example)
    is_header = pl.col("date").str.contains(date_shape) & pl.col("time").str.contains(time_shape)
    twelve_hour = "P" in shape(example[1])
    return lines.with_columns(is_header=is_header.fill_null(False)), twelve_hour


def _vote(lines: pl.DataFrame) -> DateOrder:
    """The date order voted over every header's date (repeats in a row left out)."""
    dates = lines["date"].filter(lines["is_header"])
    changes = dates.filter(dates != dates.shift()).to_list()
    return vote_date_order([date_numbers(text) for text in dates[:1].to_list() + changes])


def _stamp(
    lines: pl.DataFrame, order: DateOrder, twelve_hour: bool, name: str
) -> tuple[pl.DataFrame, list[Caveat]]:
    """Give each header its `timestamp`, in place of its date and time parts.

    Each distinct date and time is read once. A header with an impossible date or time is no
    header, and every candidate that is no header (another shape too) gets its header back in
    front of its text: it is a line of the message above. Above the first message there is no
    such message, so there it is refused (ChatParseError naming `name` and the line).
    """
    headers = lines.select("date", "time").filter(lines["is_header"])
    days = {text: _micros(make_date(text, order.order)) for text in headers["date"].unique()}
    times = time_seconds(headers["time"], twelve_hour)
    seconds = {
        text: None if second is None else second * 1_000_000
        for text, second in zip(times["time"], times["seconds"], strict=True)
    }
    del headers
    day = pl.col("date").replace_strict(days, default=None, return_dtype=pl.Int64)
    second = pl.col("time").replace_strict(seconds, default=None, return_dtype=pl.Int64)
    lines = lines.with_columns(timestamp=(day + second).cast(pl.Datetime("us")))
    bad = lines["is_header"] & lines["timestamp"].is_null()
    _refuse_an_impossible_first_header(lines, bad, name)
    notes: list[Caveat] = []
    if bad.any():
        text = (
            f"{bad.sum()} line(s) with an impossible date or time were kept as text "
            f"(first: line {bad.arg_true()[0] + 1})"
        )
        notes.append(Caveat(Kind.IMPOSSIBLE_DATES, text, int(bad.sum())))
        lines = lines.with_columns(is_header=lines["is_header"] & ~bad)
    return _restore(lines).drop("date", "time"), notes


def _refuse_an_impossible_first_header(lines: pl.DataFrame, bad: pl.Series, name: str) -> None:
    """A header with an impossible date or time above every readable one would be dropped with
    its message, and the chat would seem to lack its writer: refuse it, naming the line."""
    if not bad.any():
        return
    first = bad.arg_true()[0]
    good = (lines["is_header"] & ~bad).arg_true()
    if good.len() and good[0] < first:
        return
    header = f"{lines['date'][first]}{lines['time'][first]}".strip(" -–[]\u200e\u200f")
    raise ChatParseError(name, f"“{header}” is no possible date and time", line=first + 1)


def _micros(day: date | None) -> int | None:
    """Microseconds from 1970-01-01 to the start of `day` (None stays None)."""
    return None if day is None else (day - _EPOCH).days * 86_400_000_000


def _restore(lines: pl.DataFrame) -> pl.DataFrame:
    """Put the header back in front of every candidate that is no header."""
    rows = lines.select(
        (pl.col("date").is_not_null() & ~pl.col("is_header")).arg_true().alias("row")
    )["row"]
    if rows.len() == 0:
        return lines
    text = lines.select(pl.all().gather(rows)).select(
        pl.col("date") + pl.col("time") + pl.col("rest")
    )
    return lines.with_columns(lines["rest"].clone().scatter(rows, text.to_series()))
