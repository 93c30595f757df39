"""Telegram Desktop's JSON export: one chat ("Export chat history") or the whole account.

The file is `result.json`. A single-chat export has `messages` at its root; a full-account export
("Export Telegram data") keeps its chats under `chats.list`. A full export holding exactly one chat
is read as that chat; with several, `ChatChoiceNeeded` lists them (by name, "Saved Messages" or
"unnamed chat ID", with " (id ID)" added where two would read the same), its message showing each
chat's id, and the caller passes one back as `parse(files, chat=choice)`; a chat's plain name or
id is accepted too. Every choice is
compared without regard to case or spacing, as iMessage's `chat` is; chats whose labels differ only
so are listed with their ids. A single-chat export accepts only its own chat's name or id as
`chat`. `left_chats` (groups the owner left) is never read.

Time: `date_unixtime` is an instant, so when the first message with a time has it every
timestamp is naive UTC (`tz_hint` "utc") and a later message without it is an error. Older
exports (tdesktop before about 2021) only have `date`, the exporting PC's wall-clock time; then
every timestamp is that wall-clock time and `tz_hint` is "local". One rule per file, never mixed.
An unsupported message has no time at all (telegram_messages.py); a time outside the table's
range (records.EARLIEST to LATEST) is refused with the message's record number.

tdesktop writes control characters as `\\xHH`, which is not JSON; they are rewritten as `\\u00HH`
before decoding, and raw control characters inside strings are accepted. The file is walked with
a `JsonCursor`, so only the chosen chat's messages are turned into rows.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from nearer.chat.caveats import Caveat, Kind
from nearer.chat.pair import folded
from nearer.chat.parsers.chat_names import distinct, named
from nearer.chat.parsers.json_cursor import JsonCursor, byte_text, is_utf8
from nearer.chat.parsers.telegram_messages import Rows, clean
from nearer.chat.records import ChatChoiceNeeded, ChatFile, ChatParseError, ParsedChat, files_named
from nearer.chat.wording import counted

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


#: A full-account export holds many chats; `parse(files, chat=...)` picks one.
HOLDS_SEVERAL_CHATS = True


def sniff(files: Sequence[ChatFile]) -> bool:
    """True for a Telegram JSON export, or its HTML export (which `parse` then explains)."""
    return any(_is_json_export(f.data[:_HEAD]) or _is_html_export(f) for f in files)


def parse(files: Sequence[ChatFile], *, chat: str | None = None) -> ParsedChat:
    """The messages of one chat of the export; `chat` is one of `ChatChoiceNeeded.choices`, or a
    chat's name or id, in a full export.

    Raises ChatChoiceNeeded when a full export holds several chats and `chat` is None, and
    ChatParseError for anything unreadable, naming the file and the message's record number, or
    for a `chat` that is not the one chat of a single-chat export.
    """
    file = _export_file(files)
    text, warnings = _decode(file)
    try:
        found = _Export(file.name, text, chat).chosen()
    except json.JSONDecodeError as error:
        raise ChatParseError(file.name, f"not valid JSON: {error.msg}", error.lineno) from None
    except RecursionError:
        raise ChatParseError(file.name, "JSON nested too deeply to be an export") from None
    rows = found.rows
    if rows is None:
        raise ChatParseError(file.name, f'the chat "{found.label()}" has no messages list')
    if rows.unattributed:
        text = f"left out {counted(rows.unattributed, 'reaction')} naming no person or time"
        warnings.append(Caveat(Kind.NO_PERSON_REACTIONS, text, rows.unattributed))
    messages = rows.messages()
    return ParsedChat(
        format=NAME,
        messages=messages,
        tz_hint="utc" if rows.utc else "local",
        title=found.name,
        warnings=tuple(warnings),
        ids=rows.people.ids,
    )


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


def _decode(file: ChatFile) -> tuple[str, list[Caveat]]:
    text = byte_text(file.data)
    warnings = (
        []
        if is_utf8(file.data)
        else [Caveat(Kind.ENCODING, "bytes that are not UTF-8 were replaced by U+FFFD")]
    )
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
    rows: Rows | None = None

    def label(self) -> str:
        if self.name:
            return self.name
        return "Saved Messages" if self.type == "saved_messages" else f"unnamed chat {self.id}"

    def label_with_id(self) -> str:
        """The label told apart from another chat's same label."""
        return f"{self.label()} (id {self.id})"

    def names(self) -> tuple[str | None, ...]:
        return (self.name, self.id, self.label(), self.label_with_id())

    def is_called(self, wanted: str) -> bool:
        """True when `wanted` is its name, id, label or label with id, case and spacing aside."""
        return folded(wanted) in {folded(name) for name in self.names() if name}


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
        if root.messages_at is not None:  # a single-chat export
            if self.wanted is not None and not root.is_called(self.wanted):
                raise ChatParseError(self.file, _only(root, self.wanted))
            return root
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
                setattr(chat, key, clean(str(value)))
        elif key == "messages":
            chat.messages_at = cursor.at
            if wanted:  # otherwise the cursor decodes and drops them
                chat.rows = self._rows(cursor)

    def _rows(self, cursor: JsonCursor) -> Rows:
        if cursor.peek() != "[":
            raise ChatParseError(self.file, '"messages" is not a list')
        rows = Rows(self.file)
        for position in cursor.items():
            rows.add(cursor.value(), position + 1)
        return rows

    def _choose(self, chats: list[_Chat]) -> _Chat:
        if not chats:
            raise ChatParseError(self.file, 'no "messages" and no chats: not a chat export')
        if self.wanted is None and len(chats) == 1:
            return chats[0]
        ids = [chat.id for chat in chats]
        choices = distinct([chat.label() for chat in chats], [str(id) for id in ids])
        # What the list offers comes first: "99" may also be an id.
        listed = list(zip(chats, choices, strict=True))
        ways = (lambda shown: (shown[1],), lambda shown: shown[0].names())
        named_so = [] if self.wanted is None else named(listed, self.wanted, *ways)
        matches = [chat for chat, _ in named_so]
        if len(matches) != 1:
            raise ChatChoiceNeeded(self.file, choices, _not_one(self.wanted, matches), ids)
        found = matches[0]
        if found.rows is None and found.messages_at is not None:  # named after its messages
            found.rows = self._rows(JsonCursor(self.text, found.messages_at))
        return found

    def _object_at(self, cursor: JsonCursor, what: str) -> JsonCursor:
        if cursor.peek() != "{":
            raise ChatParseError(self.file, f"{what} is not a JSON object, so not an export")
        return cursor


def _only(chat: _Chat, wanted: str) -> str:
    """Why `wanted` can't be chosen in a single-chat export holding `chat` (worded as
    `parsers.parse` refuses a choice in the formats that hold one chat)."""
    held = f'the export holds one chat, "{chat.label()}", so there is none to choose'
    return f'no chat is called "{wanted}"; {held}'


def _not_one(wanted: str | None, matches: list[_Chat]) -> str:
    """Why `wanted` chose no single chat, of the chats it `matches`; "" when no chat was named."""
    if wanted is None:
        return ""
    if not matches:
        return f'no chat is called "{wanted}"'
    labels = list(dict.fromkeys(chat.label() for chat in matches))
    if len(labels) == 1:
        return f'{len(matches)} chats are called "{wanted}"'
    shown = ", ".join(f'"{label}"' for label in labels)
    return f'{len(matches)} chats are called "{wanted}", case and spacing aside ({shown})'
