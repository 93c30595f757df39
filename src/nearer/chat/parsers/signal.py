"""Signal Desktop chats as written by signal-export (`sigexport`): chat.md or data.json.

Markdown: a message starts at a line `[YYYY-MM-DD HH:MM:SS] Name: body` (current) or
`[YYYY-MM-DD, HH:MM] Name: body` (old); other lines continue it, newlines kept. sigexport adds
to the body, and this parser takes back out: a leading quote block (`> ` lines, the message
replied to: dropped, the reply keeps its own text only), `![name](./media/…)` attachment links
(media, the rest is the caption), a `(( emoji ))` sticker line, a `(- Name: emoji, … -)`
reactions line, `(This message was deleted)` and the call lines it writes for call rows.

sigexport also writes Signal's notices as rows with an empty body: safety number verified, chat
session refreshed, disappearing-message timer changed, group changes, and (in versions that do
not mark it deleted) a message deleted for everyone, whose body Signal clears. Signal cannot send
a message without words or an attachment, so such a row is a `system` line, never the sender's.

data.json: one JSON dict per line (`date`, `sender`, `body`, `quote`, `sticker`, `reactions`,
`attachments`, `deleted`, `call`, `missed`); a JSON array of such dicts is read too. It is
preferred over chat.md when both are given.

Neither form has message ids or reaction times: `message_id` is "L" + the message's first line
(record number for a JSON array) so that reactions can point at it, and a reaction row carries
the time of the message it reacts to. Times are naive local time, as sigexport writes them.
Both forms are read with polars expressions, so a million messages take seconds.

Neither form has ids for people either: newer sigexport versions write each sender's display
name, so two contacts of one name in a group write as one (older ones wrote "Alex2" for the
second, told apart). Signal keeps one reaction a person per message, so two by one name on
one message are two people: the chat says so in `ParsedChat.alike`, and no pair with that
name is analysed (pair.told_apart).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import polars as pl

from nearer.chat.caveats import Caveat, Kind
from nearer.chat.parsers import signal_json
from nearer.chat.parsers.people import reacting_twice
from nearer.chat.records import (
    KIND,
    SCHEMA,
    Alike,
    ChatFile,
    ChatParseError,
    ParsedChat,
    files_named,
)
from nearer.chat.sender_names import sender_names

NAME = "signal"

_ME = "Me"
#: Own reactions carry the owner's contact "Note to Self", which sigexport's fix_names writes
#: with letters and digits only ("NotetoSelf"): names are compared by those, in any case.
_SELF_LETTERS = "notetoself"
_HEADER = (
    r"^\[(?P<day>[0-9]{4}-[0-9]{2}-[0-9]{2}),? (?P<time>[0-9]{2}:[0-9]{2}(?::[0-9]{2})?)\] "
    r"(?P<author>[^\n]*?):(?: (?P<rest>[^\n]*)|$)"
)
_SNIFF_HEADER = re.compile(_HEADER, re.MULTILINE)
_OLD_HEADER = re.compile(r"\[[0-9]{4}-[0-9]{2}-[0-9]{2}, [0-9]{2}:[0-9]{2}\] [^\n]*?: ")
# An empty first line, blank lines, `>` lines, blank lines: the quoted message of a reply.
_QUOTE = r"^(?:[^\S\n]*\n)+(?:>[^\n]*(?:\n|$))+(?:[^\S\n]*(?:\n|$))*"
# Links sigexport writes for attachments and exported stickers, `[name](./media/name)`. File names
# keep [ ] and ( ) ("photo_[1].jpg", "IMG_(1).jpg"), so both parts may hold them, balanced and
# nested up to two deep (the regex engine has no recursion); words before a link ("the [old] one")
# are not followed by "(./media/" and stay the caption. Paths write whitespace as %20.
_LINK_TEXT = r"(?:[^\[\]\n]|\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\])"
_LINK_PATH = r"(?:[^()\s]|\((?:[^()\s]|\([^()\s]*\))*\))"
_ATTACHMENT = rf"!?\[{_LINK_TEXT}*\]\((?:\.{{1,2}}/)?(?:media|exported_stickers)/{_LINK_PATH}*\) *"
_STICKER = r"(?:^|\n)\(\( [^\n]* \)\)$"
_REACTIONS = r"(?:^|\n)\(- ([^\n]+) -\)$"
# sigexport joins `Name: emoji` with ", ", and names hold ", " too ("Doe, Jane"). An emoji holds
# no space or comma, so a reaction ends after the emoji: the shortest name that leads to one.
_REACTION = r".+?: [^\s,]+(?:, |$)"
_REACTION_PARTS = r"^(?P<name>.+): (?P<emoji>[^\s,]+)(?:, )?$"
_DELETED = "(This message was deleted)"
_CALL_KINDS = r"(?:(?:voice|video|group|adhoc) )?call"
_CALL = rf"^(?:(?:Incoming|Outgoing) {_CALL_KINDS}(?: \([^()]*\))?|Missed {_CALL_KINDS})$"
_MISSED_CALL = rf"^(?:Missed {_CALL_KINDS}|.*\((?:unanswered|missed)\))$"
_JSON_KEYS = re.compile(rb'"(date|sender|body)"\s*:')
_NOTHING = ("", "[]", "{}", "false", "0", "null")  # JSON values that mean "none"
_SNIFF_BYTES = 4096
#: The rows both forms produce before the table is built (`order`: a message's reactions > 0).
_ROWS = pl.Schema(
    {
        "timestamp": pl.Datetime("us"),
        "author": pl.String(),
        "text": pl.String(),
        "kind": pl.String(),
        "line": pl.UInt32(),
        "missed": pl.Boolean(),
        "order": pl.Int32(),
    }
)


def sniff(files: Sequence[ChatFile]) -> bool:
    """True for a sigexport data.json, a chat.md, or a .txt in the old sigexport format."""
    try:
        return any(_is_json(f) or _is_markdown(f) for f in files)
    except Exception:  # sniff never raises, whatever the bytes
        return False


def one_export(files: Sequence[ChatFile]) -> bool:
    """Whether the files are one chat's data.json and chat.md, as sigexport writes them side by
    side: `parse` reads the JSON and says the other is not read. Two of either are two chats."""
    return sorted(_is_json(f) for f in files) == [False, True]


def parse(files: Sequence[ChatFile]) -> ParsedChat:
    """The messages of one exported chat; ChatParseError naming the file and line if unreadable."""
    chosen = next((f for f in files if _is_json(f)), None)
    chosen = chosen or next((f for f in files if _is_markdown(f)), None)
    if chosen is None:
        raise ChatParseError(files_named(files), "no signal-export chat.md or data.json found")
    unread = [f.name for f in files if f is not chosen and sniff([f])]
    notes = [Caveat(Kind.UNREAD_FILE, f"{name} is not read", 1) for name in unread]
    data = chosen.data.removeprefix(b"\xef\xbb\xbf")  # bytes: a Python str of a big file is 4x
    rows = _from_json(data, chosen.name) if _is_json(chosen) else _from_markdown(data)
    if rows.is_empty():
        raise ChatParseError(chosen.name, "no Signal messages found")
    table = _table(rows)
    unit = "message" if _is_json(chosen) and data.lstrip()[:1] == b"[" else "line"
    alike = tuple(_alike(table, f"{chosen.name}, {unit}"))
    return ParsedChat(format=NAME, messages=table, warnings=tuple(notes), alike=alike)


def _alike(table: pl.DataFrame, where: str) -> list[Alike]:
    """Names that react twice to one message: several people (module docstring)."""
    return [
        Alike(
            name,
            count,
            f'{where} {line}: {count} reactions by "{name}" to one message, '
            "where Signal keeps one a person",
            exact=False,
        )
        for name, count, line in reacting_twice(table)
    ]


def _is_json(file: ChatFile) -> bool:
    head = file.data[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head[:1] in (b"{", b"[") and len(set(_JSON_KEYS.findall(head))) == 3


def _is_markdown(file: ChatFile) -> bool:
    """A sigexport header first; current-format .txt files also need sigexport's two spaces."""
    head = file.data[:_SNIFF_BYTES].decode("utf-8", "replace").lstrip("\ufeff \r\n")
    if not _SNIFF_HEADER.match(head):
        return False
    # WhatsApp iOS has `[date time]` headers too (year first in Swedish), always with seconds;
    # sigexport ends every body with two spaces, WhatsApp only where someone typed them.
    if file.name.lower().endswith(".md") or _OLD_HEADER.match(head):
        return True
    text = head.replace("\r\n", "\n")
    return text.count("  \n") * 2 >= len(_SNIFF_HEADER.findall(text))


def _table(rows: pl.DataFrame) -> pl.DataFrame:
    """The message table in file order; a message's id and a reaction's target: "L" + line."""
    reaction = pl.col("kind") == "reaction"
    line_id = pl.format("L{}", pl.col("line"))
    return (
        rows.sort("line", "order")
        .select(
            pl.int_range(pl.len(), dtype=pl.UInt32).alias("index"),
            "timestamp",
            "author",
            "text",
            pl.col("kind").cast(KIND),
            pl.col("line").cast(pl.UInt32, strict=False),
            pl.lit(True).alias("saved_contact"),
            "missed",
            pl.when(~reaction).then(line_id).alias("message_id"),
            pl.when(reaction).then(line_id).alias("target_id"),
        )
        .cast(SCHEMA)
    )


def _classified(
    body: pl.Expr, media: pl.Expr, deleted: pl.Expr, call: pl.Expr, missed_call: pl.Expr
) -> list[pl.Expr]:
    """kind, text and missed of messages whose sigexport additions are taken out of `body`.

    `call` and `missed_call` mark call rows in JSON; in Markdown only a call's wording tells,
    as it does for the call rows newer sigexport versions leave unmarked in JSON. A row with no
    words and nothing attached is one of Signal's notices (module docstring): a system line.
    """
    worded_call = body.str.contains(_CALL)
    kind = (
        pl.when(deleted | (body == _DELETED)).then(pl.lit("deleted"))
        .when(call).then(pl.lit("call"))
        .when(media).then(pl.lit("media"))
        .when(worded_call).then(pl.lit("call"))
        .when(body.str.strip_chars() == "").then(pl.lit("system"))
        .otherwise(pl.lit("text"))
    )  # fmt: skip
    missed = pl.when(call).then(missed_call).otherwise(body.str.contains(_MISSED_CALL))
    return [
        kind.alias("kind"),
        pl.when(kind.is_in(["text", "media"])).then(body).otherwise(pl.lit("")).alias("text"),
        ((kind == "call") & missed).alias("missed"),
        pl.lit(0).alias("order"),
    ]


def _person(name: pl.Expr) -> pl.Expr:
    """The name as written but for invisible characters and spaces at its edges (sender_names),
    "Me" for the owner's own contact (`_SELF_LETTERS`); null if empty."""
    name = sender_names(name)
    letters = name.str.replace_all(r"[^\p{L}\p{N}]", "").str.to_lowercase()
    named = pl.when(letters == _SELF_LETTERS).then(pl.lit(_ME)).otherwise(name)
    return pl.when(named != "").then(named)


# Markdown ---------------------------------------------------------------------------------


def _from_markdown(data: bytes) -> pl.DataFrame:
    messages = _markdown_messages(_text(data)).with_columns(
        pl.col("body", "author").str.normalize("NFC")
    )
    body = pl.col("body").str.replace(_QUOTE, "")
    linked = body.str.replace_all(_ATTACHMENT, "")
    stripped = linked.str.strip_chars_end()
    trimmed = stripped.str.replace(_STICKER, "").str.strip_chars_end()
    marked = messages.with_columns(
        media=(body.str.len_bytes() != linked.str.len_bytes()) | stripped.str.contains(_STICKER),
        reactions=trimmed.str.extract(_REACTIONS, 1),
        body=trimmed.str.replace(_REACTIONS, "").str.strip_chars_end(),
    )
    no = pl.lit(False)
    kinds = _classified(pl.col("body"), pl.col("media"), no, no, no)
    rows = marked.select("timestamp", _person(pl.col("author")).alias("author"), "line", *kinds)
    return pl.concat([rows.select(*_ROWS).cast(_ROWS), _markdown_reactions(marked)])


def _text(data: bytes) -> pl.Series:
    """The file as one polars string; invalid UTF-8 becomes U+FFFD."""
    try:
        return pl.Series([data], dtype=pl.Binary).cast(pl.String)
    except pl.exceptions.ComputeError:
        return pl.Series([data.decode("utf-8", "replace")])


def _markdown_messages(text: pl.Series) -> pl.DataFrame:
    """line, timestamp, author and raw body of each message: the lines up to the next header.

    A header-like line with an impossible date (month 13) is body text; lines before the
    first header are not a message and are left out.
    """
    raw = pl.col("raw")
    lines = text.str.replace_all("\r\n?", "\n").str.split("\n").explode().to_frame("raw")
    candidate = pl.when(raw.str.starts_with("[")).then(raw)  # the regex runs on these only
    headed = (
        lines.lazy()
        .with_row_index("line", offset=1)
        .with_columns(candidate.str.extract_groups(_HEADER).alias("header"))
        .unnest("header")
    )
    day_time = pl.concat_str("day", pl.lit(" "), "time")
    stamp = _usable(
        day_time.str.to_datetime("%Y-%m-%d %H:%M:%S", time_unit="us", strict=False),
        day_time.str.to_datetime("%Y-%m-%d %H:%M", time_unit="us", strict=False),
    )
    starts = pl.col("timestamp").is_not_null()
    parts = headed.with_columns(timestamp=stamp).with_columns(
        content=pl.when(starts).then(pl.col("rest").fill_null("")).otherwise(raw),
        message=starts.cum_sum(),
    )
    grouped = (
        parts.filter(pl.col("message") > 0)
        .group_by("message", maintain_order=True)
        .agg(pl.col("line", "timestamp", "author").first(), "content")
    )
    body = pl.col("content").list.join("\n")
    return grouped.select("line", "timestamp", "author", body=body).collect()


def _markdown_reactions(marked: pl.DataFrame) -> pl.DataFrame:
    """A row per `Name: emoji` of a message's reactions line, after the message."""
    parts = (
        marked.filter(pl.col("reactions").is_not_null())
        .select("timestamp", "line", pl.col("reactions").str.extract_all(_REACTION))
        .explode("reactions")
    )
    pair = pl.col("reactions").str.extract_groups(_REACTION_PARTS)
    return (
        parts.with_columns(pair.struct.field("name"), pair.struct.field("emoji"))
        .filter(pl.col("emoji").is_not_null())
        .select(
            "timestamp",
            _person(pl.col("name")).alias("author"),
            pl.col("emoji").alias("text"),
            pl.lit("reaction").alias("kind"),
            "line",
            pl.lit(False).alias("missed"),
            pl.int_range(1, pl.len() + 1).over("line").alias("order"),
        )
        .cast(_ROWS)
    )


# JSON -------------------------------------------------------------------------------------


def _from_json(data: bytes, name: str) -> pl.DataFrame:
    # In a JSON array `line` is the record number, which an error calls a message.
    unit = "message" if data.lstrip()[:1] == b"[" else "line"
    raw = signal_json.records(data, name)
    frame = raw.with_columns(timestamp=_json_time(pl.col("date")))
    if (bad := frame.filter(pl.col("timestamp").is_null())).height:
        reason = f"unreadable date {bad['date'][0]!r}"
        raise ChatParseError(name, reason, bad["line"][0], unit=unit)
    staged = frame.with_columns(
        body=pl.col("body").fill_null("").str.normalize("NFC").str.strip_chars_end(),
        author=_person(pl.col("sender").str.normalize("NFC")),
        media=_present("attachments") | _present("sticker"),
        deleted=_present("deleted"),
        call=_present("call"),
        missed=_present("missed"),
    )
    kinds = _classified(*map(pl.col, ("body", "media", "deleted", "call", "missed")))
    rows = staged.select("timestamp", "author", "line", *kinds)
    return pl.concat([rows.select(*_ROWS).cast(_ROWS), _json_reactions(frame, name, unit)])


def _json_time(date: pl.Expr) -> pl.Expr:
    """ISO time as sigexport writes it (naive, with or without fractions); an offset is dropped."""
    iso = date.str.replace(r"(?:Z|[+-][0-9]{2}:?[0-9]{2})$", "").str.replace(" ", "T", literal=True)
    seconds = iso.str.to_datetime("%Y-%m-%dT%H:%M:%S%.f", time_unit="us", strict=False)
    minutes = iso.str.to_datetime("%Y-%m-%dT%H:%M", time_unit="us", strict=False)
    return _usable(seconds, minutes)


def _usable(*parsed: pl.Expr) -> pl.Expr:
    """The first time parsed, if any, within years 1-9999 (Python's range; year 0 parses)."""
    stamp = pl.coalesce(*parsed)
    return pl.when(stamp.dt.year().is_between(1, 9999)).then(stamp)


def _present(field: str) -> pl.Expr:
    return pl.col(field).is_not_null() & ~pl.col(field).is_in(_NOTHING)


def _json_reactions(frame: pl.DataFrame, name: str, unit: str) -> pl.DataFrame:
    """A row per reaction; the few records that have any are read in Python."""
    rows = []
    with_reactions = frame.filter(_present("reactions")).select("timestamp", "reactions", "line")
    for timestamp, value, line in with_reactions.iter_rows():
        for order, (person, emoji) in enumerate(signal_json.reactions(value, name, line, unit), 1):
            rows.append((timestamp, person, emoji, "reaction", line, False, order))
    reactions = pl.DataFrame(rows, schema=_ROWS, orient="row")
    return reactions.with_columns(_person(pl.col("author")).alias("author"))
