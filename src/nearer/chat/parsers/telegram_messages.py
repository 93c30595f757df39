"""The messages of one Telegram chat as table rows: kinds, authors, reactions and times.

`Rows` takes the export's message objects one by one (see telegram.py for the file and the
choice of chat). The first message with a time sets the file's rule for time: UTC from
`date_unixtime` when it has one, else the exporting PC's wall-clock `date`. A message Telegram
Desktop could not export is written as its `id` and `type: "unsupported"` alone, with no time
and no sender: it becomes a system line without time, which no count of sent messages holds.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta
from typing import Any

import polars as pl

from nearer.chat.parsers.json_cursor import utf8_restored
from nearer.chat.parsers.people import People
from nearer.chat.records import ChatParseError, TableBuilder, checked_time
from nearer.chat.sender_names import sender_name

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_EPOCH = datetime.fromisoformat("1970-01-01")  # naive: the table stores naive times

_MEDIA_KEYS = frozenset(
    {
        "photo",
        "file",
        "media_type",
        "sticker_emoji",
        "contact_information",
        "location_information",
        "place_name",
        "poll",
        "game_title",
        "invoice_information",
    }
)
_CALL_ACTIONS = frozenset({"phone_call", "group_call"})
# "busy" means the call never connected either; both count as a missed call for the couple.
_MISSED_REASONS = frozenset({"missed", "busy"})
_NOT_EDITED = ("1970-01-01", "1969-12-31")  # old exports write the epoch for "never edited"


class Rows:
    """The table of one chat, built message by message. The first message with a time sets the
    file's rule for time: UTC from `date_unixtime` when it has one, else the wall-clock `date`.
    `utc` is None until then (and stays so in a chat of unsupported messages only)."""

    def __init__(self, file: str) -> None:
        self.file, self.table, self.unattributed = file, TableBuilder(), 0
        self.utc: bool | None = None
        self.people = People()

    def add(self, message: object, record: int) -> None:
        if not isinstance(message, dict):
            raise ChatParseError(
                self.file, "a message is not a JSON object", record, unit="message"
            )
        if message.get("type") == "unsupported":  # tdesktop writes its id alone: no time
            self.table.add(None, None, "", "system", record, message_id=_id(message.get("id")))
            return
        if self.utc is None:
            self.utc = "date_unixtime" in message
        when = self.time_of(message, record)
        _add_message(self.table, self.people, message, when, record)
        self.unattributed += _add_reactions(self.table, message, when, self, record)

    def time_of(self, item: dict[str, Any], record: int) -> datetime:
        if self.utc:
            return _from_unix(item.get("date_unixtime"), self.file, record)
        return _from_iso(item.get("date"), self.file, record)

    def messages(self) -> pl.DataFrame:
        """The table, each person by their label (people.People.labelled)."""
        return self.people.labelled(self.table.build())


def _add_message(
    table: TableBuilder, people: People, message: dict[str, Any], when: datetime, record: int
) -> None:
    message_id = _id(message.get("id"))
    kind = message.get("type", "message")
    if kind == "service":
        action = message.get("action")
        actor = _person(people, message, "actor", when)
        if isinstance(action, str) and action in _CALL_ACTIONS:
            missed = str(message.get("discard_reason")) in _MISSED_REASONS
            table.add(when, actor, "", "call", record, missed=missed, message_id=message_id)
        else:
            text = action if isinstance(action, str) else _join(message.get("information_text"))
            table.add(when, actor, clean(text), "system", record, message_id=message_id)
        return
    text = _text(message)
    if not _MEDIA_KEYS.isdisjoint(message):
        poll = message.get("poll")
        if not text and isinstance(poll, dict):
            text = clean(_join(poll.get("question")))
        kind = "media"  # an edited caption is still a media message
    else:
        kind = "edited" if _was_edited(message) else "text"
    reply = _id(message.get("reply_to_message_id"))
    author = _person(people, message, "from", when)
    table.add(when, author, text, kind, record, message_id=message_id, target_id=reply)


def _add_reactions(
    table: TableBuilder, message: dict[str, Any], when: datetime, rows: Rows, record: int
) -> int:
    """Adds a row per reaction whose person and time the export names; returns how many it can't.

    Newer exports list `reactions: [{emoji, count, recent: [{from, from_id, date}]}]`; `recent`
    names only the latest few people, so `count` beyond them stays unattributed.
    """
    reactions = message.get("reactions")
    if not isinstance(reactions, list):
        return 0
    target, skipped = _id(message.get("id")), 0
    for reaction in (r for r in reactions if isinstance(r, dict)):
        recent = reaction.get("recent")
        people = [r for r in recent if isinstance(r, dict)] if isinstance(recent, list) else []
        count = reaction.get("count")
        skipped += max(count if isinstance(count, int) else 1, len(people)) - len(people)
        emoji = clean(_join(reaction.get("emoji")))
        for person in people:
            at = _reaction_time(person, message, when, rows, record)
            author = _person(rows.people, person, "from", at)
            if author is None or at is None:
                skipped += 1
                continue
            table.add(at, author, emoji, "reaction", record, target_id=target)
    return skipped


def _reaction_time(
    person: dict[str, Any], message: dict[str, Any], when: datetime, rows: Rows, record: int
) -> datetime | None:
    try:
        if rows.utc and "date_unixtime" in person:
            return _from_unix(person["date_unixtime"], rows.file, record)
        if "date" not in person:
            return None
        local = _from_iso(person["date"], rows.file, record)
        if not rows.utc:
            return local
        # Only wall-clock time: shift it by the exporting PC's offset at the reacted message.
        offset = _from_iso(message.get("date"), rows.file, record) - when
        return checked_time(local - offset, rows.file, record, utc=True, unit="message")
    except ChatParseError:
        return None


def _text(message: dict[str, Any]) -> str:
    text = message.get("text")
    if isinstance(text, str):  # one plain part, the common case
        return clean(text)
    # Rich text: `text_entities` (always objects) or `text` (strings and objects) concatenate
    # to the message with no separator.
    entities = message.get("text_entities")
    return clean(_join(entities if isinstance(entities, list) else text))


def _join(parts: object) -> str:
    if isinstance(parts, str):
        return parts
    if not isinstance(parts, list):
        return ""
    try:  # well-formed parts, without checking each
        return "".join([part if isinstance(part, str) else part["text"] for part in parts])
    except (TypeError, KeyError):
        pass
    pieces = []
    for part in parts:
        if isinstance(part, str):
            pieces.append(part)
        elif isinstance(part, dict) and isinstance(part.get("text"), str):
            pieces.append(part["text"])
    return "".join(pieces)


def _was_edited(message: dict[str, Any]) -> bool:
    stamp = message.get("edited_unixtime")
    if stamp is not None:
        return str(stamp).strip() not in ("", "0")
    edited = message.get("edited")
    return isinstance(edited, str) and bool(edited) and not edited.startswith(_NOT_EDITED)


def _person(people: People, item: dict[str, Any], key: str, when: datetime | None) -> str | None:
    """The provisional author (people.People.key) of `key` ("from", "actor") with its `_id`, on
    a row at `when`:
    people are told apart by id, as display names repeat; a deleted account has a null name, so
    its id stands in unless the same id carries a name elsewhere in the chat."""
    name = item.get(key)
    shown = sender_name(clean(name)) if isinstance(name, str) else None
    return people.key(_id(item.get(f"{key}_id")), shown, when)


def _id(value: object) -> str | None:
    return str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else None


def _from_unix(value: object, file: str, record: int) -> datetime:
    if value is None:
        message = "no date_unixtime, though the first message with a time has one"
        raise ChatParseError(file, message, record, unit="message")
    try:
        seconds = int(value)  # type: ignore[call-overload]
        when = _EPOCH + timedelta(seconds=seconds)
    except (TypeError, ValueError, OverflowError):
        reason = f"date_unixtime {value!r} is not a Unix time"
        raise ChatParseError(file, reason, record, unit="message") from None
    return checked_time(when, file, record, utc=True, unit="message")


def _from_iso(value: object, file: str, record: int) -> datetime:
    if not isinstance(value, str):
        raise ChatParseError(file, "the message has no date", record, unit="message")
    try:
        when = datetime.fromisoformat(value).replace(tzinfo=None)
    except ValueError:
        reason = f"date {value!r} is not an ISO date"
        raise ChatParseError(file, reason, record, unit="message") from None
    return checked_time(when, file, record, unit="message")


def clean(text: str) -> str:
    """A string of the `byte_text` read back as UTF-8, in NFC, with lone surrogates (from broken
    `\\ud83d` escapes, which can't be stored) replaced."""
    if text.isascii():
        return text
    text = _LONE_SURROGATE.sub("\ufffd", utf8_restored(text))
    return unicodedata.normalize("NFC", text)
