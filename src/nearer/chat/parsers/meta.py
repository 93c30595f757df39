"""Facebook Messenger and Instagram threads from Meta's "Download your information" (JSON).

A thread comes as `message_1.json … message_N.json`, newest first; every file given is read, the
messages are merged, exact duplicates (same time, sender, text and kind) are dropped, and the rows
are put in ascending time (ties keep the order the thread was written in). Two layouts are read:
the classic one (`sender_name`, `timestamp_ms`, `content`, `photos`, `reactions: [{reaction,
actor}]`, `is_unsent`, `type`) and the end-to-end-encrypted Messenger one from 2024 (`senderName`,
`timestamp`, `text`, `media`, `isUnsent`). A couple who moved to encrypted chats hands over both.
Classic files of two threads (their `thread_path`s differ) are refused: merged, a third person's
chat would count as the couple's. The encrypted export has no `thread_path`; `thread_marks` tells
its threads apart by title and people, and in a zip of several folders by the folder a
`message_N.json` sits in within one of Meta's own folders (`e2ee_cutover/bob_42`; not a folder
one made, `chats/secure`), so that `parsers.parse` reads one thread of
several (threads.py). An encrypted file that matches no classic thread still joins the only one
given, unless the files are told apart by their folders (a zip of several, or paths in Meta's
own folders), with a warning that the files name different threads
(`LONE_JOINS`: a person renamed between the two exports, "Ben" and then "Benjamin"); given
here, its files are merged with that warning. A file that lists one person is never joined to
a thread by that person (no `LONE_WRITER_JOINS`: Ana's notes to herself are a thread of their
own).

Meta names people and gives them no id, so two people of one name (two "Alex" in a group, or
a couple who share a name) write under one `sender_name`. Where the `participants` list names
someone twice, the chat says so in `ParsedChat.alike`, and no pair with that name is analysed
(pair.told_apart): one's messages would count as the other's.

Meta stores UTF-8 bytes as one character each ("CafÃ©"). Every string is repaired run by run:
a run of U+0080–U+00FF characters is re-read as UTF-8 only when it decodes cleanly, so clean text
such as "“quoted”" or a real "é" passes through untouched.

Time: `timestamp_ms` is an instant, so timestamps are naive UTC and `tz_hint` is "utc". Meta has
no message ids: `message_id` is "<timestamp_ms>-<n>", n counting messages of the same millisecond,
and a reaction row points at it through `target_id`. A reaction's own time is not exported, so it
takes its message's time. `line` is the message's record number inside its own file, and an
error names it as "message_2.json, message 7"; a time outside the table's range
(records.EARLIEST to LATEST) is refused so.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from operator import attrgetter
from typing import Any, NamedTuple

from nearer.chat.caveats import Caveat, Kind
from nearer.chat.pair import folded
from nearer.chat.parsers import overlap
from nearer.chat.parsers.meta_text import fix as _fix
from nearer.chat.parsers.threads import Kept, Marks
from nearer.chat.records import (
    Alike,
    ChatFile,
    ChatParseError,
    ParsedChat,
    TableBuilder,
    checked_time,
    files_named,
)

NAME = "meta"
#: threads.Joins's `lone_thread`: encrypted files of one title that match no classic thread
#: join the only classic one, as they did before threads were told apart (module docstring).
LONE_JOINS = True

_HEAD = 65536
_JSON_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*\{")
_MARKERS = re.compile(rb'"(?:sender_name|timestamp_ms|senderName)"\s*:')
#: A thread's list of messages: a download's other files may have a `timestamp_ms` too.
_MESSAGES = re.compile(rb'"messages"\s*:\s*\[')
#: How Meta names a thread's files, in a folder named by the thread's id.
_THREAD_FILE = re.compile(r"message_[0-9]+\.json")
#: The folders of a download that hold a folder per thread, named by its id. A folder a user
#: made (`chats/secure/`) names nothing: its files join by title and people.
_BOXES = frozenset(
    {"inbox", "e2ee_cutover", "archived_threads", "message_requests", "filtered_threads"}
)
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


class _Entry(NamedTuple):
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


class _Read(NamedTuple):
    """One thread file, read: its title and `thread_path` ("": none), the names its
    participants list more than once, and its messages (None: it has no messages list)."""

    title: str
    path: str
    alike: list[Alike]
    entries: list[_Entry] | None


def sniff(files: Sequence[ChatFile]) -> bool:
    """True when a file looks like a Messenger or Instagram message thread."""
    return any(_is_thread(f.data[:_HEAD]) for f in files)


def parse(files: Sequence[ChatFile], read: Kept[_Read] | None = None) -> ParsedChat:
    """The thread's messages merged from every file, ascending; ChatParseError names the file and
    the record number of a message it cannot read, or two files of two threads. `read` holds
    what `thread_read` read of files while marking them, taken instead of reading them again."""
    entries: list[_Entry] = []
    titles: list[str] = []  # one per thread file read
    threads: list[tuple[str, str, str]] = []  # (file, thread_path, title) of the classic files
    warnings: list[Caveat] = []
    alike: dict[str, Alike] = {}  # name -> the file listing it most often
    for file in files:
        if not _is_thread(file.data[:_HEAD]):
            continue
        found = (read and read.take(file)) or _read(file.name, _load(file))
        if found.entries is None:
            warnings.append(Caveat(Kind.UNREAD_FILE, f"{file.name}: no messages list, skipped", 1))
            continue
        for same in found.alike:  # every file of a thread lists its participants
            if same.name not in alike or same.people > alike[same.name].people:
                alike[same.name] = same
        entries += found.entries
        titles.append(found.title)
        if found.path:
            threads.append((file.name, found.path, found.title))
    if not titles:
        raise ChatParseError(files_named(files), "no Messenger or Instagram message_N.json here")
    _one_thread(threads)
    entries.sort(key=attrgetter("stamp"))  # stable: ties keep the files' order, then theirs
    table, dropped = _table(entries)
    warnings += overlap.dropped(dropped)
    named = sorted({t for t in titles if t})
    if len(named) > 1:
        text = "the files name different threads: " + ", ".join(named)
        warnings.append(Caveat(Kind.DIFFERENT_TITLES, text))
    return ParsedChat(
        format=NAME,
        messages=table.build(),
        tz_hint="utc",
        title=named[0] if named else None,
        other_titles=tuple(named[1:]),
        warnings=tuple(warnings),
        alike=tuple(alike.values()),
    )


def thread_marks(file: ChatFile) -> Marks:
    """What the file says of its thread (parsers/threads.py): the folder of its `thread_path`
    (classic files only), its title and its participants, so that an encrypted file joins the
    classic thread of its title or people."""
    return thread_read(file, lambda _: False)[0]


def thread_read(file: ChatFile, wants: Callable[[Marks], bool]) -> tuple[Marks, _Read | None]:
    """`thread_marks(file)`, and the file read for `parse` if `wants` those marks (the file is
    decoded once for both); None when not wanted, or when the file cannot be read (`parse`
    then says what is wrong with it)."""
    try:
        root = _load(file)
    except ChatParseError:
        return Marks(""), None
    title = _fix(root.get("title", root.get("threadName")))
    folder = _fix(root.get("thread_path")).rsplit("/", 1)[-1] or None
    listed = root.get("participants")
    people = (
        {folded(_fix(p.get("name") if isinstance(p, dict) else p)) for p in listed}
        if isinstance(listed, list)
        else set()
    )
    found = frozenset(filter(None, people))
    marks = Marks(title or folder or "", folder, folded(title), found, _folder(file.name))
    return marks, _read(file.name, root) if wants(marks) and _is_thread(file.data[:_HEAD]) else None


def _folder(name: str) -> str | None:
    """The thread id the folder of a file named as Meta names a thread's files gives it
    (`…/e2ee_cutover/bob_42/message_1.json`: bob_42); None for a file named otherwise, or in a
    folder whose parent is not one of Meta's own (`_BOXES`)."""
    *_, box, folder, base = ["", "", *name.split("/")]
    named = _THREAD_FILE.fullmatch(base) and box in _BOXES
    return folder or None if named else None


def _read(name: str, root: dict[str, Any]) -> _Read:
    """The file `name`, decoded as `root`, read (`_Read`)."""
    title = _fix(root.get("title", root.get("threadName")))
    path = _fix(root.get("thread_path"))
    if not isinstance(root.get("messages"), list):
        return _Read(title, path, [], None)
    return _Read(title, path, _alike(root, name), _entries(name, root["messages"], _notices(root)))


def _one_thread(threads: list[tuple[str, str, str]]) -> None:
    """Refuses files (name, thread_path, title) of two threads. Paths are compared by their last
    part, the thread's folder ("bob_42"): a thread that moved between two downloads, from
    message_requests/ to inbox/ or to archived_threads/, is still one thread."""
    for file, path, title in threads[1:]:
        first, seen, seen_title = threads[0]
        if path.rsplit("/", 1)[-1] != seen.rsplit("/", 1)[-1]:
            raise ChatParseError(
                f"{first}, {file}",
                f"are exports of different threads, {_shown(seen, seen_title)} and "
                f"{_shown(path, title)}, so not one chat; analyse one thread at a time",
            )


def _alike(root: dict[str, Any], file: str) -> list[Alike]:
    """The names the thread's `participants` list gives more than once (module docstring)."""
    listed = root.get("participants")
    people = listed if isinstance(listed, list) else []
    names = Counter(_fix(p.get("name") if isinstance(p, dict) else p) for p in people)
    return [
        Alike(name, count, f'{file} lists "{name}" {_times(count)} among the participants')
        for name, count in names.items()
        if name and count > 1
    ]


def _times(count: int) -> str:
    return "twice" if count == 2 else f"{count} times"


def _shown(path: str, title: str) -> str:
    return f'"{title}" ({path})' if title else path


def _is_thread(head: bytes) -> bool:
    return bool(_JSON_START.match(head) and _MARKERS.search(head) and _MESSAGES.search(head))


def _load(file: ChatFile) -> dict[str, Any]:
    try:
        root = json.loads(file.data.decode("utf-8-sig"), strict=False)
    except UnicodeDecodeError as error:
        raise ChatParseError(file.name, f"not UTF-8 (byte {error.start})") from None
    except json.JSONDecodeError as error:
        raise ChatParseError(file.name, f"not valid JSON: {error.msg}", error.lineno) from None
    except RecursionError:
        raise ChatParseError(file.name, "JSON nested too deeply to be an export") from None
    if not isinstance(root, dict):
        raise ChatParseError(file.name, "the JSON is not an object, so not a message thread")
    return root


def _notices(root: dict[str, Any]) -> re.Pattern[str]:
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


def _entries(name: str, messages: list[Any], notices: re.Pattern[str]) -> list[_Entry]:
    """The file's messages, oldest first (ties in the order written) whichever way it runs."""
    stamps = [_stamp(m, name, record) for record, m in enumerate(messages, start=1)]
    positions = range(len(messages))
    if stamps and stamps[0] > stamps[-1]:  # newest first, as Meta writes it
        positions = positions[::-1]
    return [_entry(messages[i], stamps[i], (name, i + 1), notices) for i in positions]


def _entry(
    message: dict[str, Any], stamp: int, where: tuple[str, int], notices: re.Pattern[str]
) -> _Entry:
    author = _fix(message.get("sender_name", message.get("senderName"))) or None
    text = _fix(message.get("content", message.get("text")))
    notice = notices.fullmatch(text) if 0 < len(text) <= _NOTICE_LENGTH else None
    kind, text, missed = _classify(message, text, notice)
    reactions = message.get("reactions")
    people = [
        (_fix(r.get("actor")), _fix(r.get("reaction")))
        for r in (reactions if isinstance(reactions, list) else [])
        if isinstance(r, dict)
    ]
    # A reaction without a person can't be anyone's appreciation.
    named = tuple((actor, emoji) for actor, emoji in people if actor)
    return _Entry(stamp, *where, author, text, kind, missed, _media_uris(message), named)


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


def _table(entries: list[_Entry]) -> tuple[TableBuilder, int]:
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


def _time(entry: _Entry) -> datetime:
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
