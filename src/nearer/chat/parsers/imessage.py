"""macOS Messages `chat.db` (or an iOS backup's `sms.db`), handed over as the database's bytes.

The bytes are opened in memory (`sqlite3.deserialize`), read-only; no file is touched. One
conversation is read: the only one, or the one asked for by name when there are several
(imessage_chats). Messages splits a conversation with one person over several chats, an
iMessage and an SMS chat of one number, or a chat per address of theirs (phone number, iCloud
e-mail): one-to-one chats with the same handle address, whatever the service, or with handles
sharing a `person_centric_id` are one conversation, read whole, each message once though it be
joined to two of them, and the person under one name, their first address
(imessage_conversations). Read apart, each would be part of the couple's conversation measured
as all of it. Group chats are never merged: a group of the same people is another
conversation. Rows come in date order, ties by ROWID,
because a database has no file order; `line` is the row's ROWID and `message_id` its `guid`.

Dates count from 2001-01-01 UTC, in nanoseconds on current databases and in seconds on old
ones; they become naive UTC (`tz_hint="utc"`). A row without a date in the table's range
(records.EARLIEST to LATEST), or dated 0 (the epoch itself, which Messages writes for no date),
is left out, and a warning counts such rows. A NULL `text` is read from `attributedBody`, an
NSAttributedString typedstream (imessage_body). Tapbacks are reactions, never messages; a
withdrawn tapback (3000-3007) cancels that person's tapback on that part. A message with an
attachment is media, but for a link's rich preview: a link balloon or plugin payload
attachments alone leave the message text, the link as written. Rows are classified with polars
expressions, so a million messages take seconds; imessage_rows.py reads the raw rows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import closing
from datetime import UTC, datetime, timedelta

import polars as pl

from nearer.chat.caveats import Caveat, Kind
from nearer.chat.parsers import imessage_chats, imessage_rows
from nearer.chat.parsers.imessage_body import decode_body
from nearer.chat.parsers.imessage_rows import flag
from nearer.chat.records import (
    EARLIEST,
    KIND,
    LATEST,
    SCHEMA,
    ChatFile,
    ChatParseError,
    ParsedChat,
    empty_table,
    files_named,
)
from nearer.chat.sender_names import sender_names
from nearer.chat.wording import counted

NAME = "imessage"
HOLDS_SEVERAL_CHATS = True  # parse takes `chat`

_SQLITE = b"SQLite format 3\x00"
_NEEDED = frozenset({"message", "handle", "chat"})
_ME = "Me"
_EPOCH = datetime(2001, 1, 1, tzinfo=UTC)
_EPOCH_UNIX_US = 978_307_200 * 1_000_000
#: The table's range of times (records.EARLIEST to LATEST) in microseconds from 2001: a row
#: outside it has no usable date.
_FIRST_US = (EARLIEST.replace(tzinfo=UTC) - _EPOCH) // timedelta(microseconds=1)
_END_US = (LATEST.replace(tzinfo=UTC) - _EPOCH) // timedelta(microseconds=1)
_TAPBACKS = ("loved", "liked", "disliked", "laughed", "emphasized", "questioned")
_TAPBACK_NAMES = dict(enumerate(_TAPBACKS)) | {7: "sticker"}  # by type % 1000; 6: custom emoji
_STICKER_ON_MESSAGE = 1000
_POLL_VOTE = 4000


def sniff(files: Sequence[ChatFile]) -> bool:
    """True when a file is an SQLite database with Messages' message, handle and chat tables."""
    try:
        file = _database(files)
        if file is None:
            return False
        with closing(_connect(file.data)) as db:
            return _tables(db) >= _NEEDED
    except Exception:  # sniff never raises, whatever the bytes
        return False


def refusal(files: Sequence[ChatFile]) -> ChatParseError | None:
    """Why an SQLite database among the files is no Messages database nearer can read."""
    file = _database(files)
    if file is None:
        return None
    try:
        with closing(_connect(file.data)) as db:
            tables = _tables(db)
    except (sqlite3.Error, ValueError) as error:
        damaged = f"the database cannot be read ({error}): copy chat.db again, Messages closed"
        return ChatParseError(file.name, damaged)
    if tables >= _NEEDED:
        return None
    return ChatParseError(file.name, "not a Messages database: no message, handle and chat tables")


def parse(files: Sequence[ChatFile], chat: str | None = None) -> ParsedChat:
    """The messages of one conversation, the one called `chat` if given (imessage_chats),
    timestamps naive UTC; ChatParseError if unreadable."""
    file = _database(files)
    if file is None:
        raise ChatParseError(files_named(files), "no SQLite database (chat.db) among the files")
    notes = [
        Caveat(Kind.UNREAD_FILE, f"{f.name} is not read: hand over chat.db alone", 1)
        for f in files
        if f is not file
    ]
    try:
        with closing(_connect(file.data)) as db:  # closed before the table is built: memory
            raw, chosen = _load(db, file.name, chat)
        return _parsed(raw, chosen, notes)
    except ChatParseError:
        raise
    except (
        sqlite3.Error,
        pl.exceptions.PolarsError,
        ValueError,
        MemoryError,
        OverflowError,
    ) as error:
        # ValueError: SQLite's message about a broken schema may itself be invalid UTF-8.
        raise ChatParseError(file.name, f"cannot read the Messages database ({error})") from None


def _database(files: Sequence[ChatFile]) -> ChatFile | None:
    return next((f for f in files if f.data.startswith(_SQLITE)), None)


def _connect(data: bytes) -> sqlite3.Connection:
    if len(data) < 100:
        raise sqlite3.DatabaseError("file is too short for a database")
    db = sqlite3.connect(":memory:")
    db.deserialize(data)
    # Exclusive locking lets a WAL-mode file (as Messages keeps chat.db) open in memory,
    # where there is no shared memory for a WAL index; without copying the bytes to patch it.
    db.execute("PRAGMA locking_mode = EXCLUSIVE")
    db.execute("PRAGMA query_only = ON")
    return db


def _tables(db: sqlite3.Connection) -> set[str]:
    rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {str(name) for (name,) in rows}


def _load(
    db: sqlite3.Connection, name: str, wanted: str | None
) -> tuple[pl.DataFrame, imessage_chats.Conversation | None]:
    """(the chosen conversation's raw rows, each message once, the conversation)."""
    tables = _tables(db)
    if not tables >= _NEEDED:
        raise ChatParseError(name, "not a Messages database: no message, handle and chat tables")
    chosen = imessage_chats.choose(imessage_chats.chats_in(db, tables), wanted, name)
    columns = {str(row[1]).lower() for row in db.execute("PRAGMA table_info(message)")}
    if "attachment" in tables:
        found = db.execute("PRAGMA table_info(attachment)")
        columns |= {f"attachment.{str(row[1]).lower()}" for row in found}
    sql = imessage_rows.select(columns | tables | {"rowid"})
    if chosen is None:
        return imessage_rows.fetch(db, sql, ()), None
    marks = ", ".join("?" for _ in chosen.rowids)  # IN: a message in two of its chats is one
    sql += (
        f" WHERE m.ROWID IN (SELECT message_id FROM chat_message_join WHERE chat_id IN ({marks}))"
    )
    return imessage_rows.fetch(db, sql, chosen.rowids), chosen


def _parsed(
    raw: pl.DataFrame, chosen: imessage_chats.Conversation | None, notes: list[Caveat]
) -> ParsedChat:
    # 0 is the epoch itself, 2001-01-01: Messages' placeholder for no date (and a text's cast)
    micros = pl.col("micros")
    dated = raw.filter(micros.is_between(_FIRST_US, _END_US, closed="left") & (micros != 0))
    if skipped := raw.height - dated.height:
        years = f"{EARLIEST.year} to {LATEST.year - 1}"
        text = f"left out {counted(skipped, 'row')} without a readable date from {years}"
        notes.append(Caveat(Kind.UNDATED, text, skipped))
    ordered = dated.sort("micros", "rowid").with_columns(  # polars sorts faster than SQLite
        sender_names(pl.col("author")).alias("author")  # a handle as a name (sender_names)
    )
    messages = _table(_standing(_with_bodies(_one_name_each(ordered, chosen))))
    title = None if chosen is None else chosen.title
    return ParsedChat(NAME, messages, tz_hint="utc", title=title, warnings=tuple(notes))


def _one_name_each(frame: pl.DataFrame, chosen: imessage_chats.Conversation | None) -> pl.DataFrame:
    """The other person of a merged conversation under one name, whichever address they wrote
    from (Conversation.author): before tapbacks are matched, which are one person's."""
    if chosen is None:
        return frame
    authors = frame["author"].drop_nulls().unique().to_list()
    renamed = {name: chosen.author(name) for name in authors if chosen.author(name) != name}
    if not renamed:
        return frame
    return frame.with_columns(pl.col("author").replace(renamed))


def _with_bodies(frame: pl.DataFrame) -> pl.DataFrame:
    """`text` from `attributedBody` where it is NULL; per row in Python, only for those rows."""
    rows = frame.select(pl.arg_where(pl.col("body").is_not_null())).to_series()
    if rows.is_empty():
        return frame.drop("body")
    decoded = pl.Series([decode_body(b) for b in frame["body"].gather(rows)], dtype=pl.String)
    return frame.with_columns(frame["text"].scatter(rows, decoded)).drop("body")


def _standing(frame: pl.DataFrame) -> pl.DataFrame:
    """Without withdrawn or replaced tapbacks: only a person's latest on a part counts, if added.

    Stickers placed on a message (1000) pile up and are all kept.
    """
    tapback = pl.col("tapback")
    swap = tapback.is_between(2000, 3007).fill_null(False)
    person = pl.when(flag("from_me")).then(pl.lit(_ME)).otherwise(pl.col("author"))
    latest = pl.struct(swap.alias("swap"), person.alias("person"), "target").is_last_distinct()
    return frame.filter(~swap | (latest & (tapback < 3000)))


def _table(frame: pl.DataFrame) -> pl.DataFrame:
    """The message table: kinds, texts and links from the raw columns."""
    if frame.is_empty():
        return empty_table()
    kind = pl.col("kind")
    staged = frame.lazy().with_columns(_caption()).with_columns(_kind())
    return (
        staged.select(
            pl.int_range(pl.len(), dtype=pl.UInt32).alias("index"),
            (pl.col("micros") + _EPOCH_UNIX_US).cast(pl.Datetime("us")).alias("timestamp"),
            pl.when(flag("from_me")).then(pl.lit(_ME)).otherwise("author").alias("author"),
            _text_of(kind).str.normalize("NFC").alias("text"),
            kind.cast(KIND).alias("kind"),
            pl.col("rowid").cast(pl.UInt32, strict=False).alias("line"),
            pl.lit(True).alias("saved_contact"),
            pl.lit(False).alias("missed"),
            pl.col("guid").alias("message_id"),
            _target_of(kind).alias("target_id"),
        )
        .cast(SCHEMA)
        .collect()
    )


def _is_tapback() -> pl.Expr:
    tapback = pl.col("tapback")
    return ((tapback == _STICKER_ON_MESSAGE) | tapback.is_between(2000, 3007)).fill_null(False)


def _caption() -> pl.Expr:
    """The body without attachment (U+FFFC) and app balloon (U+FFFD) placeholders."""
    text = pl.col("text").fill_null("")
    plain = text.str.replace_all("\ufffc", "", literal=True).str.replace_all(
        "\ufffd", "", literal=True
    )
    return plain.str.strip_chars().alias("caption")


def _kind() -> pl.Expr:
    # A rich link's preview (a link balloon, or plugin payloads only) is no file sent: the
    # message is its text, the link as written.
    preview = flag("link") | (flag("joined") & ~flag("file"))
    attached = flag("file") | (flag("cached") & ~preview)
    edited, empty = flag("edited"), pl.col("caption") == ""
    has_object = pl.col("text").fill_null("").str.contains("\ufffc", literal=True)
    item = pl.col("item").fill_null(0)
    return (
        pl.when(_is_tapback()).then(pl.lit("reaction"))
        .when(item == 6).then(pl.lit("call"))  # a FaceTime / SharePlay row
        .when((item != 0) | (pl.col("tapback") == _POLL_VOTE)).then(pl.lit("system"))
        # Unsent: Messages keeps the row with an edit or retraction date and no body.
        .when(flag("retracted") | (edited & empty & ~attached))
        .then(pl.lit("deleted"))
        .when(attached | has_object | (flag("balloon") & empty))
        .then(pl.lit("media"))
        .when(edited).then(pl.lit("edited"))
        .otherwise(pl.lit("text"))
        .alias("kind")
    )  # fmt: skip


def _text_of(kind: pl.Expr) -> pl.Expr:
    return (
        pl.when(kind == "reaction").then(_reaction_name())
        .when(kind == "system").then(_event())
        .when(kind.is_in(["deleted", "call"])).then(pl.lit(""))
        .otherwise(pl.col("caption"))
    )  # fmt: skip


def _reaction_name() -> pl.Expr:
    """loved … questioned; the emoji of a custom-emoji tapback (x006); sticker."""
    tapback, number = pl.col("tapback"), pl.col("tapback") % 1000
    named = number.replace_strict(_TAPBACK_NAMES, default="sticker", return_dtype=pl.String)
    return (
        pl.when(tapback == _STICKER_ON_MESSAGE).then(pl.lit("sticker"))
        .when(number == 6).then(pl.col("emoji").fill_null("emoji"))
        .otherwise(named)
    )  # fmt: skip


def _event() -> pl.Expr:
    """What a group or other announcement (item_type != 0) says; its author is who acted."""
    item, action = pl.col("item"), pl.col("action").fill_null(0)
    verb = pl.when(action == 1).then(pl.lit("removed ")).otherwise(pl.lit("added "))
    left = pl.when(action == 0).then(pl.lit("left the conversation"))
    return (
        pl.when(item == 1).then(pl.concat_str(verb, pl.col("other").fill_null("someone")))
        .when(item == 2).then(pl.concat_str(
            pl.lit("named the conversation “"), pl.col("title").fill_null(""), pl.lit("”")))
        .when(item == 3).then(left.when(action == 1).then(pl.lit("changed the group photo"))
                              .otherwise(pl.lit("changed the conversation")))
        .when(item == 4).then(pl.lit("shared their location"))
        .when(item == 5).then(pl.lit("kept an audio message"))
        .when(pl.col("tapback") == _POLL_VOTE).then(pl.lit("voted in a poll"))
        .otherwise(pl.lit(""))
    )  # fmt: skip


def _target_of(kind: pl.Expr) -> pl.Expr:
    """Reactions: the guid in 'p:N/GUID' (part N) or 'bp:GUID'; replies: the thread's first."""
    target = pl.col("target").str.replace(r"^(?:p:[^/]*/|bp:)", "")
    return (
        pl.when(kind == "reaction").then(pl.when(target != "").then(target))
        .when(pl.col("tapback") == _POLL_VOTE).then(pl.col("target"))
        .otherwise(pl.col("reply_to"))
    )  # fmt: skip
