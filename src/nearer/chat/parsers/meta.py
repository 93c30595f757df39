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
from operator import attrgetter
from typing import Any, NamedTuple

from nearer.chat.caveats import Caveat, Kind
from nearer.chat.pair import folded
from nearer.chat.parsers import meta_messages, overlap
from nearer.chat.parsers.meta_messages import Entry
from nearer.chat.parsers.meta_text import fix as _fix
from nearer.chat.parsers.meta_text import name as _name
from nearer.chat.parsers.threads import Kept, Marks
from nearer.chat.records import (
    Alike,
    ChatFile,
    ChatParseError,
    ParsedChat,
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
#: A thread file's top-level keys besides its messages, classic and encrypted: `participants`
#: and one more mark a thread even when it holds no message to sniff.
_THREAD_KEYS = re.compile(
    rb'"(participants|title|thread_path|is_still_participant|thread_type|magic_words'
    rb'|joinable_mode|threadName)"\s*:'
)
#: How Meta names a thread's files, in a folder named by the thread's id.
_THREAD_FILE = re.compile(r"message_[0-9]+\.json")
#: The folders of a download that hold a folder per thread, named by its id. A folder a user
#: made (`chats/secure/`) names nothing: its files join by title and people.
_BOXES = frozenset(
    {"inbox", "e2ee_cutover", "archived_threads", "message_requests", "filtered_threads"}
)


class _Read(NamedTuple):
    """One thread file, read: its title and `thread_path` ("": none), the names its
    participants list more than once, and its messages (None: it has no messages list)."""

    title: str
    path: str
    alike: list[Alike]
    entries: list[Entry] | None


def sniff(files: Sequence[ChatFile]) -> bool:
    """True when a file looks like a Messenger or Instagram message thread."""
    return any(_is_thread(f.data[:_HEAD]) for f in files)


def parse(files: Sequence[ChatFile], read: Kept[_Read] | None = None) -> ParsedChat:
    """The thread's messages merged from every file, ascending; ChatParseError names the file and
    the record number of a message it cannot read, or two files of two threads. `read` holds
    what `thread_read` read of files while marking them, taken instead of reading them again."""
    entries: list[Entry] = []
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
        raise refusal(files) or ChatParseError(
            files_named(files), "no Messenger or Instagram message_N.json here"
        )
    _one_thread(threads)
    entries.sort(key=attrgetter("stamp"))  # stable: ties keep the files' order, then theirs
    table, dropped = meta_messages.table(entries)
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


def refusal(files: Sequence[ChatFile]) -> ChatParseError | None:
    """Thread files holding no message (an empty `messages` list, or none) are refused as that:
    with nothing for `sniff` to see, they would be called no chat export nearer knows."""
    empty = [(file, why) for file in files if (why := _why_empty(file))]
    if not empty:
        return None
    whys = " or ".join(sorted({why for _, why in empty}))
    what = (
        "a Messenger or Instagram thread" if len(empty) == 1 else "Messenger or Instagram threads"
    )
    has = "it has" if len(empty) == 1 else "they have"
    return ChatParseError(
        files_named([file for file, _ in empty]),
        f"{what} holding no messages ({has} {whys}): nothing to analyse",
    )


def _why_empty(file: ChatFile) -> str | None:
    """How a file with a thread's marks (`_THREAD_KEYS`) lacks messages; None when it has some,
    lacks those marks or cannot be read."""
    keys = set(_THREAD_KEYS.findall(file.data[:_HEAD]))
    if not (_JSON_START.match(file.data) and b"participants" in keys and len(keys) > 1):
        return None
    try:
        messages = _load(file).get("messages")
    except ChatParseError:
        return None
    if messages is None:
        return 'no "messages" list'
    return 'an empty "messages" list' if isinstance(messages, list) and not messages else None


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
        {folded(_name(p.get("name") if isinstance(p, dict) else p)) for p in listed}
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
    return _Read(
        title,
        path,
        _alike(root, name),
        meta_messages.entries(name, root["messages"], meta_messages.notices(root)),
    )


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
    names = Counter(_name(p.get("name") if isinstance(p, dict) else p) for p in people)
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
