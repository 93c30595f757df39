"""A Meta thread file's messages, read into entries and then table rows (meta.py reads the files
and tells threads apart; its docstring describes the format).

Each message is classified from its fields first and then from its wording: Meta's notices
("You unsent a message.", "Ana missed your call.") are matched whole, in English, naming only the
thread's people, so that someone's own sentence that merely contains such words stays theirs.
Exact duplicates of one millisecond (a message given in two downloads) are dropped; each message
is followed by its reactions, which take its time (a reaction's own is not exported).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from nearer.chat.parsers.meta_text import fix as _fix
from nearer.chat.parsers.meta_text import name as _name
from nearer.chat.records import ChatParseError, TableBuilder, checked_time

_EPOCH = datetime.fromisoformat("1970-01-01")  # naive: the table stores naive times
_MEDIA_KEYS = frozenset(
    {"photos", "videos", "audio_files", "gifs", "files", "sticker", "share", "media"}
)
_SYSTEM_TYPES = frozenset({"Subscribe", "Unsubscribe"})

# English wording of Meta's notices, matched whole so that a real sentence that merely contains
# "to your message" stays a text. WHO stands for "You" or a person of the thread, so that "I think
# you unsent a message" or "Mom called you." stay someone's words. Calls are told by `type` and
# `call_duration` where the export has them; the encrypted export may only have the notice.
# Notices are short; longer texts are not tried. Banners Meta puts in a thread's first lines,
# attributed to the other person, name nobody.
_BANNER = (
    r"You are now connected on Messenger\.?"
    r"|You can now message and call each other and see info like Active Status and when"
    r" you['\u2019]ve read messages\."
)
_NOTICE = (
    r"(?P<unsent>WHO unsent a message\.?)"
    r"|(?P<call>(?:WHO missed your (?:video )?call|You missed a (?:video )?call from WHO"
    r"|You called WHO|WHO called you|WHO started a (?:video )?call|The (?:video )?call ended)\.)"
    r"|(?P<attachment>WHO sent (?:an? (?:photo|video|attachment|sticker|GIF|voice message"
    r"|audio clip|link|live location)|\d+ photos)\.)"
    r"|Reacted (?P<reacted>.+) to your message\s*"
    r"|(?P<liked>(?:WHO )?[Ll]iked a message\.?)"
    r"|(?P<system>WHO (?:changed the (?:chat theme|group photo|chat colors)|removed the group name"
    r"|changed the theme to .+|set the (?:emoji|quick reaction) to \S+|named the group .+"
    r"|set (?:the nickname for .+|your nickname|(?:his|her|their|your) own nickname) to .+"
    r"|cleared (?:the nickname for .+|your nickname|(?:his|her|their|your) own nickname))\."
    rf"|{_BANNER})"
)
_NOTICE_LENGTH = 160
_MISSED = re.compile(r"\bmissed\b")


class Entry(NamedTuple):
    """One message, read and classified, small enough to hold a million of. A file's entries
    are built oldest first, so that files' entries put one after another, in the order the
    files are given, and sorted (stably) by `stamp` keep ties in the order they were written."""

    stamp: int  # ms since the epoch
    file: str
    record: int  # 1-based position in its file
    author: str | None
    text: str
    kind: str
    missed: bool
    media: tuple[str, ...]  # attachment uris, to tell apart messages of the same millisecond
    reactions: tuple[tuple[str, str], ...]  # (person, emoji)


def notices(root: dict[str, Any]) -> re.Pattern[str]:
    """Meta's notices, WHO being "You" or anyone listed in `participants` or sending a message
    (`root["messages"]` is a list)."""
    listed = root.get("participants")
    people = listed if isinstance(listed, list) else []
    names = {_fix(p.get("name") if isinstance(p, dict) else p) for p in people}
    names.update(
        _fix(m.get("sender_name", m.get("senderName")))
        for m in root["messages"]
        if isinstance(m, dict)
    )
    names.discard("")
    # Longest first, so that "Ana Lee" is tried before "Ana".
    who = "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))
    return re.compile(_NOTICE.replace("WHO", f"(?:You|{who})" if who else "You"))


def entries(name: str, messages: list[Any], notices: re.Pattern[str]) -> list[Entry]:
    """The file's messages, oldest first (ties in the order written) whichever way it runs."""
    stamps = [_stamp(m, name, record) for record, m in enumerate(messages, start=1)]
    positions = range(len(messages))
    if stamps and stamps[0] > stamps[-1]:  # newest first, as Meta writes it
        positions = positions[::-1]
    return [_entry(messages[i], stamps[i], (name, i + 1), notices) for i in positions]


def _entry(
    message: dict[str, Any], stamp: int, where: tuple[str, int], notices: re.Pattern[str]
) -> Entry:
    author = _name(message.get("sender_name", message.get("senderName"))) or None
    text = _fix(message.get("content", message.get("text")))
    notice = notices.fullmatch(text) if 0 < len(text) <= _NOTICE_LENGTH else None
    kind, text, missed = _classify(message, text, notice)
    reactions = message.get("reactions")
    people = [
        (_name(r.get("actor")), _fix(r.get("reaction")))
        for r in (reactions if isinstance(reactions, list) else [])
        if isinstance(r, dict)
    ]
    # A reaction without a person can't be anyone's appreciation.
    named = tuple((actor, emoji) for actor, emoji in people if actor)
    return Entry(stamp, *where, author, text, kind, missed, _media_uris(message), named)


def _stamp(message: object, name: str, record: int) -> int:
    if not isinstance(message, dict):
        raise ChatParseError(name, "a message is not a JSON object", record, unit="message")
    value = _whole(message.get("timestamp_ms", message.get("timestamp")))
    if value is None:
        key = "timestamp_ms" if "timestamp_ms" in message else "timestamp"
        problem = f"its {key} is not a whole number" if key in message else "it has no timestamp_ms"
        raise ChatParseError(
            name, f"the message's time cannot be read: {problem}", record, unit="message"
        )
    # Very old archives and some tools give seconds; milliseconds are above 1e11 after 1973.
    return value if abs(value) >= 100_000_000_000 else value * 1000


_DIGITS = re.compile(r"-?[0-9]{1,20}", re.ASCII)


def _whole(value: object) -> int | None:
    """A whole number as a tool may have written it: an int, a float without a fraction
    (`1709323500000.0`) or a string of digits; None for anything else (true and false too)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _DIGITS.fullmatch(value.strip()):
        return int(value)
    return None


def table(entries: list[Entry]) -> tuple[TableBuilder, int]:
    """The rows, with exact duplicates (same millisecond, sender, text, kind, media) dropped;
    each message is followed by its reactions."""
    table, dropped = TableBuilder(), 0
    same_ms: set[tuple[object, ...]] = set()
    previous = None
    for entry in entries:
        if entry.stamp != previous:
            same_ms.clear()
            previous = entry.stamp
        key = (entry.author, entry.text, entry.kind, entry.media)
        if key in same_ms:
            dropped += 1
            continue
        message_id = f"{entry.stamp}-{len(same_ms)}"
        same_ms.add(key)
        when, line = _time(entry), entry.record
        table.add(
            when,
            entry.author,
            entry.text,
            entry.kind,
            line,
            missed=entry.missed,
            message_id=message_id,
        )
        for actor, emoji in entry.reactions:
            table.add(when, actor, emoji, "reaction", line, target_id=message_id)
    return table, dropped


def _media_uris(message: dict[str, Any]) -> tuple[str, ...]:
    uris = []
    for key in _MEDIA_KEYS.intersection(message):
        items = message[key]
        for item in items if isinstance(items, list) else [items]:
            if isinstance(item, dict) and isinstance(item.get("uri"), str):
                uris.append(item["uri"])
    return tuple(sorted(uris))


def _time(entry: Entry) -> datetime:
    """The entry's time, refused with its file and record when outside the table's range."""
    try:
        when = _EPOCH + timedelta(milliseconds=entry.stamp)
    except OverflowError:
        message = f"timestamp {entry.stamp} is out of range"
        raise ChatParseError(entry.file, message, entry.record, unit="message") from None
    return checked_time(when, entry.file, entry.record, utc=True, unit="message")


def _classify(
    message: dict[str, Any], text: str, notice: re.Match[str] | None
) -> tuple[str, str, bool]:
    """(kind, text, missed) of one message, from its fields first and its wording second."""
    if message.get("is_unsent") or message.get("isUnsent") or (notice and notice["unsent"]):
        return "deleted", "", False
    if message.get("type") == "Call" or "call_duration" in message or (notice and notice["call"]):
        duration = message.get("call_duration")
        missed = duration == 0 if isinstance(duration, int) else bool(_MISSED.search(text))
        return "call", "", missed
    if str(message.get("type")) in _SYSTEM_TYPES or (notice and notice["system"]):
        return "system", text, False
    if notice and (notice["reacted"] or notice["liked"]):
        # A notice without a target; the reaction itself sits on the message reacted to.
        return "reaction", notice["reacted"] or "", False
    if notice and notice["attachment"]:
        return "media", "", False
    if any(message[key] for key in _MEDIA_KEYS.intersection(message)):
        return "media", text, False
    return "text", text, False
