"""Telegram Desktop's JSON export: one chat ("Export chat history") or the whole account.

The file is `result.json`. A single-chat export has `messages` at its root; a full-account export
("Export Telegram data") keeps its chats under `chats.list`. A full export holding exactly one chat
is read as that chat; with several, `ChatChoiceNeeded` lists them (by name, "Saved Messages" or
"unnamed chat ID", with " (id ID)" added where two would read the same) and the caller passes one
back as `parse(files, chat=choice)`; a chat's plain name or id is accepted too. `left_chats`
(groups the owner left) is never read.

Time: `date_unixtime` is an instant, so when the first message has it every timestamp is naive
UTC (`tz_hint` "utc") and a later message without it is an error. Older exports (tdesktop before
about 2021) only have `date`, the exporting PC's wall-clock time; then every timestamp is that
wall-clock time and `tz_hint` is "local". One rule per file, never mixed.

tdesktop writes control characters as `\\xHH`, which is not JSON; they are rewritten as `\\u00HH`
before decoding, and raw control characters inside strings are accepted. The file is walked with
a `JsonCursor`, so only the chosen chat's messages are turned into rows.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import polars as pl

from nearer.chat.parsers.json_cursor import JsonCursor, byte_text, is_utf8, utf8_restored
from nearer.chat.records import ChatFile, ChatParseError, ParsedChat, TableBuilder, files_named

NAME = "telegram"

_HEAD = 65536
_JSON_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*\{")
_MARKERS = re.compile(
    rb'"(?:date_unixtime|text_entities|personal_information|from_id)"\s*:'
    rb'|"type"\s*:\s*"(?:personal_chat|bot_chat|private_group|private_supergroup'
    rb"|public_supergroup|private_channel|public_channel|saved_messages)\""
)
_OTHER_FORMATS = re.compile(rb'"(?:sender_name|senderName|timestamp_ms|guild)"\s*:')
# An odd number of backslashes before `x` makes it an escape; an even number is a literal "\".
_HEX_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\x([0-9A-Fa-f]{2})")
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


#: A full-account export holds many chats; `parse(files, chat=...)` picks one.
HOLDS_SEVERAL_CHATS = True


class ChatChoiceNeeded(ChatParseError):
    """A full-account export holds several chats; `choices` name them in file order, distinctly,
    and each is accepted as `chat=`. `problem`, if any, says what was wrong with the one given."""

    def __init__(self, file: str, choices: Sequence[str], problem: str = "") -> None:
        self.choices = tuple(choices)
        shown = ", ".join(f'"{name}"' for name in self.choices[:20])
        more = f" and {len(self.choices) - 20} more" if len(self.choices) > 20 else ""
        ask = f"the export holds {len(self.choices)} chats; choose one: {shown}{more}"
        super().__init__(file, f"{problem}; {ask}" if problem else ask)


def sniff(files: Sequence[ChatFile]) -> bool:
    """True for a Telegram JSON export, or its HTML export (which `parse` then explains)."""
    return any(_is_json_export(f.data[:_HEAD]) or _is_html_export(f) for f in files)


def parse(files: Sequence[ChatFile], *, chat: str | None = None) -> ParsedChat:
    """The messages of one chat of the export; `chat` is one of `ChatChoiceNeeded.choices`, or a
    chat's name or id, in a full export.

    Raises ChatChoiceNeeded when a full export holds several chats and `chat` is None, and
    ChatParseError for anything unreadable, naming the file and the message's record number.
    """
    file = _export_file(files)
    text, warnings = _decode(file)
    try:
        found = _Export(file.name, text, chat).chosen()
    except json.JSONDecodeError as error:
        raise ChatParseError(file.name, f"not valid JSON: {error.msg}", error.lineno) from None
    except RecursionError:
        raise ChatParseError(file.name, "JSON nested too deeply to be an export") from None
    if found.rows is None:
        raise ChatParseError(file.name, f'the chat "{found.label()}" has no messages list')
    return found.rows.parsed(found.name, warnings)


def _export_file(files: Sequence[ChatFile]) -> ChatFile:
    candidates = [f for f in files if _is_json_export(f.data[:_HEAD])]
    html = [f for f in files if _is_html_export(f)]
    if html and not candidates:
        raise ChatParseError(
            html[0].name, "this is Telegram's HTML export; export again as 'Machine-readable JSON'"
        )
    if len(candidates) != 1:
        count = "no" if not candidates else "more than one"
        raise ChatParseError(files_named(files), f"{count} Telegram result.json among the files")
    return candidates[0]


def _is_json_export(head: bytes) -> bool:
    return bool(
        _JSON_START.match(head) and _MARKERS.search(head) and not _OTHER_FORMATS.search(head)
    )


def _is_html_export(file: ChatFile) -> bool:
    name = file.name.replace("\\", "/").rsplit("/", 1)[-1].lower()
    is_page = name.startswith("messages") and name.endswith(".html")
    head = file.data[:_HEAD]
    return is_page and b'class="page_header"' in head and b'class="message' in head


def _decode(file: ChatFile) -> tuple[str, list[str]]:
    text = byte_text(file.data)
    warnings = [] if is_utf8(file.data) else ["bytes that are not UTF-8 were replaced by U+FFFD"]
    if "\\x" in text:
        text = _HEX_ESCAPE.sub(r"\1\\u00\2", text)
    return text, warnings


@dataclass
class _Chat:
    """One chat of the export: who it is, and its rows once read."""

    name: str | None = None
    type: str | None = None
    id: str | None = None
    messages_at: int | None = None  # where its "messages" array starts in the text
    rows: _Rows | None = None

    def label(self) -> str:
        if self.name:
            return self.name
        return "Saved Messages" if self.type == "saved_messages" else f"unnamed chat {self.id}"

    def label_with_id(self) -> str:
        """The label told apart from another chat's same label."""
        return f"{self.label()} (id {self.id})"

    def is_called(self, wanted: str) -> bool:
        """True when `wanted` is its name, id, label or label with id."""
        return wanted in (self.name, self.id, self.label(), self.label_with_id())


class _Export:
    """Walks the export once: the root chat, or every chat of `chats.list`, reading only the
    messages of the chat wanted (the first, when none is named) and skipping the others."""

    def __init__(self, file: str, text: str, wanted: str | None) -> None:
        self.file, self.text = file, text
        self.wanted = unicodedata.normalize("NFC", wanted) if wanted is not None else None

    def chosen(self) -> _Chat:
        cursor = self._object_at(JsonCursor(self.text), "the export")
        root, listed = _Chat(), []
        for key in cursor.members():
            if key == "chats":
                listed = self._listed(cursor)
            else:
                self._member(cursor, key, root, wanted=True)
        if root.messages_at is not None:
            return root  # a single-chat export
        return self._choose(listed)

    def _listed(self, cursor: JsonCursor) -> list[_Chat]:
        chats: list[_Chat] = []
        for key in self._object_at(cursor, '"chats"').members():
            if key == "list" and cursor.peek() == "[":
                for _ in cursor.items():
                    chat = _Chat()
                    for member in self._object_at(cursor, "a chat").members():
                        wanted = chat.is_called(self.wanted) if self.wanted else not chats
                        self._member(cursor, member, chat, wanted)
                    chats.append(chat)
        return chats

    def _member(self, cursor: JsonCursor, key: str, chat: _Chat, wanted: bool) -> None:
        if key in ("name", "type", "id"):
            value = cursor.value()
            if isinstance(value, (str, int)) and not isinstance(value, bool):
                setattr(chat, key, _clean(str(value)))
        elif key == "messages":
            chat.messages_at = cursor.at
            if wanted:  # otherwise the cursor decodes and drops them
                chat.rows = self._rows(cursor)

    def _rows(self, cursor: JsonCursor) -> _Rows:
        if cursor.peek() != "[":
            raise ChatParseError(self.file, '"messages" is not a list')
        rows = _Rows(self.file)
        for position in cursor.items():
            rows.add(cursor.value(), position + 1)
        return rows

    def _choose(self, chats: list[_Chat]) -> _Chat:
        if not chats:
            raise ChatParseError(self.file, 'no "messages" and no chats: not a chat export')
        if self.wanted is None and len(chats) == 1:
            return chats[0]
        choices = _choices(chats)
        if self.wanted in choices:  # what the list offers comes first: "99" may also be an id
            matches = [chats[choices.index(self.wanted)]]
        else:
            matches = [c for c in chats if self.wanted is not None and c.is_called(self.wanted)]
        if len(matches) != 1:
            raise ChatChoiceNeeded(self.file, choices, _not_one(self.wanted, len(matches)))
        found = matches[0]
        if found.rows is None and found.messages_at is not None:  # named after its messages
            found.rows = self._rows(JsonCursor(self.text, found.messages_at))
        return found

    def _object_at(self, cursor: JsonCursor, what: str) -> JsonCursor:
        if cursor.peek() != "{":
            raise ChatParseError(self.file, f"{what} is not a JSON object, so not an export")
        return cursor


def _choices(chats: list[_Chat]) -> list[str]:
    """Each chat's label, with its id where another chat has the same label."""
    counts = Counter(chat.label() for chat in chats)
    return [c.label() if counts[c.label()] == 1 else c.label_with_id() for c in chats]


def _not_one(wanted: str | None, matches: int) -> str:
    """Why `wanted` chose no single chat; "" when no chat was named."""
    if wanted is None:
        return ""
    if matches == 0:
        return f'no chat is called "{wanted}"'
    return f'{matches} chats are called "{wanted}"'


class _Rows:
    """The table of one chat, built message by message. The first message sets the file's rule
    for time: UTC from `date_unixtime` when it has one, else the wall-clock `date`."""

    def __init__(self, file: str) -> None:
        self.file, self.table, self.utc, self.unattributed = file, TableBuilder(), True, 0
        self.people = _People()

    def add(self, message: object, record: int) -> None:
        if not isinstance(message, dict):
            raise ChatParseError(self.file, "a message is not a JSON object", record)
        if record == 1:
            self.utc = "date_unixtime" in message
        when = self.time_of(message, record)
        _add_message(self.table, self.people, message, when, record)
        self.unattributed += _add_reactions(self.table, message, when, self, record)

    def time_of(self, item: dict[str, Any], record: int) -> datetime:
        if self.utc:
            return _from_unix(item.get("date_unixtime"), self.file, record)
        return _from_iso(item.get("date"), self.file, record)

    def parsed(self, title: str | None, warnings: list[str]) -> ParsedChat:
        if self.unattributed:
            warnings.append(f"{self.unattributed} reactions name no person or time; left out")
        return ParsedChat(
            format=NAME,
            messages=self.people.named(self.table.build()),
            tz_hint="utc" if self.utc else "local",
            title=title,
            warnings=tuple(warnings),
        )


def _add_message(
    table: TableBuilder, people: _People, message: dict[str, Any], when: datetime, record: int
) -> None:
    message_id = _id(message.get("id"))
    kind = message.get("type", "message")
    if kind == "service":
        action = message.get("action")
        actor = people.of(message, "actor")
        if isinstance(action, str) and action in _CALL_ACTIONS:
            missed = str(message.get("discard_reason")) in _MISSED_REASONS
            table.add(when, actor, "", "call", record, missed=missed, message_id=message_id)
        else:
            text = action if isinstance(action, str) else _join(message.get("information_text"))
            table.add(when, actor, _clean(text), "system", record, message_id=message_id)
        return
    if kind == "unsupported":  # a message this Telegram version could not export; no sender
        table.add(when, None, "", "system", record, message_id=message_id)
        return
    text = _text(message)
    if not _MEDIA_KEYS.isdisjoint(message):
        poll = message.get("poll")
        if not text and isinstance(poll, dict):
            text = _clean(_join(poll.get("question")))
        kind = "media"  # an edited caption is still a media message
    else:
        kind = "edited" if _was_edited(message) else "text"
    reply = _id(message.get("reply_to_message_id"))
    author = people.of(message, "from")
    table.add(when, author, text, kind, record, message_id=message_id, target_id=reply)


def _add_reactions(
    table: TableBuilder, message: dict[str, Any], when: datetime, rows: _Rows, record: int
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
        emoji = _clean(_join(reaction.get("emoji")))
        for person in people:
            author = rows.people.of(person, "from")
            at = _reaction_time(person, message, when, rows, record)
            if author is None or at is None:
                skipped += 1
                continue
            table.add(at, author, emoji, "reaction", record, target_id=target)
    return skipped


def _reaction_time(
    person: dict[str, Any], message: dict[str, Any], when: datetime, rows: _Rows, record: int
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
        return local - (_from_iso(message.get("date"), rows.file, record) - when)
    except ChatParseError:
        return None


def _text(message: dict[str, Any]) -> str:
    text = message.get("text")
    if isinstance(text, str):  # one plain part, the common case
        return _clean(text)
    # Rich text: `text_entities` (always objects) or `text` (strings and objects) concatenate
    # to the message with no separator.
    entities = message.get("text_entities")
    return _clean(_join(entities if isinstance(entities, list) else text))


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


class _People:
    """Who wrote what. A deleted account has a null name, so its stable id stands in, unless
    the same id carries a name elsewhere in the chat (a reaction, another message)."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}  # id -> the name it carries somewhere
        self.stand_ins: set[str] = set()  # ids written where the name was null

    def of(self, item: dict[str, Any], key: str) -> str | None:
        name, person = item.get(key), _id(item.get(f"{key}_id"))
        if isinstance(name, str) and name:
            if person:
                self.names.setdefault(person, _clean(name))
            return _clean(name)
        if person:
            self.stand_ins.add(person)
        return person or None

    def named(self, messages: pl.DataFrame) -> pl.DataFrame:
        """`messages` with each stand-in id that has a name elsewhere replaced by that name."""
        known = {person: self.names[person] for person in self.stand_ins & self.names.keys()}
        if not known:
            return messages
        return messages.with_columns(pl.col("author").replace(known))


def _id(value: object) -> str | None:
    return str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else None


def _from_unix(value: object, file: str, record: int) -> datetime:
    if value is None:
        raise ChatParseError(file, "no date_unixtime, though the first message has one", record)
    try:
        seconds = int(value)  # type: ignore[call-overload]
        return _EPOCH + timedelta(seconds=seconds)
    except (TypeError, ValueError, OverflowError):
        raise ChatParseError(file, f"date_unixtime {value!r} is not a Unix time", record) from None


def _from_iso(value: object, file: str, record: int) -> datetime:
    if not isinstance(value, str):
        raise ChatParseError(file, "the message has no date", record)
    try:
        return datetime.fromisoformat(value).replace(tzinfo=None)
    except ValueError:
        raise ChatParseError(file, f"date {value!r} is not an ISO date", record) from None


def _clean(text: str) -> str:
    """A string of the `byte_text` read back as UTF-8, in NFC, with lone surrogates (from broken
    `\\ud83d` escapes, which can't be stored) replaced."""
    if text.isascii():
        return text
    text = _LONE_SURROGATE.sub("\ufffd", utf8_restored(text))
    return unicodedata.normalize("NFC", text)
