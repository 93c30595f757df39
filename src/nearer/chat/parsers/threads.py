"""The conversations among the files of a format that merges its files (a Messenger thread's
message_N.json, DiscordChatExporter's parts): files of one thread are read together, files of
two threads never are, since a third person's chat would count as the couple's.

A parser tells its threads apart by `Marks` for each file: `exact` is an id the export gives
the thread (a Messenger thread's folder, a Discord channel's id), `title` and `people` what else
names it. Files of one exact id are one thread, whatever order they come in. In a zip of
several folders (a whole Messenger download, a folder a channel) a file's folder tells its
thread too (`Joins.folders`): a file without an id named as the format names a thread's files
in a folder of the thread's id (an encrypted Messenger `e2ee_cutover/bob_42/message_1.json`;
the parser says which folders are so named) takes that id, so it joins `inbox/bob_42` and
never a thread of another folder by title; and another without a title, or of that thread's
title, joins the one thread with an id among the files of its own folder, unless its people
fit only other threads. A file still without one (an end-to-end-encrypted Messenger
file, a Discord CSV renamed "chat.csv") then joins the thread of its title, or failing that the
thread whose people it names exactly (two or more: two DMs share only the exporter). Where the
parser allows it (`Joins.lone_writer`: Discord), a file one person wrote alone (a renamed part
where only the partner spoke) joins the one thread that person was seen in, when no other
thread may hold them: a DM where two people were seen shows them whole, but a thread where one
person wrote may hold anyone, and so may a group, whose silent members are not seen; a file
that every thread may hold (the exporter's, in every DM; beside one thread, either of its
people) joins none. One it could join in more than one way, or in none, is listed on its own
with a `note` saying so, never guessed. Such files of one title or one set of people are one
thread among themselves. A file that says nothing of its thread joins the only thread there is,
and is a thread of its own beside several. `chosen` then keeps the thread `chat` names (its
name, id or title: the one so written first, case included, then case and spacing aside), or
asks which one (ChatChoiceNeeded), listing the threads `chat` names when it names several and
saying by what (their title, two threads "Alex" apart only by id), or what it was compared with
when it names none.

A parser reads a file to mark it, and would read it again to parse it. `Kept` holds, beside
the marks, the parser's own reading of the files that may be of the thread `parse` reads (the
messages it took from them), so that each is read once, and only of those: the files whose
name, id, folder or title is the `chat` given, or without a `chat` the files of the first
thread until a second thread shows, when all the files sit in one folder (a thread's
message_N.json). A file that joins the thread read otherwise (an encrypted file of its title
when `chat` gives the id, a renamed Discord part) or files of several threads in one folder
without a `chat` are read again by `parse`: correct, only slower. Files of several folders
without a `chat` (a download, a folder a thread) are listed, so none is kept: a download of
hundreds of threads is listed without parsing any. No more is held than `parse` would hold
of the thread.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

from nearer.chat.pair import folded
from nearer.chat.parsers.chat_names import named
from nearer.chat.parsers.thread_index import LooseThreads as _Loose
from nearer.chat.parsers.thread_index import OpenThread as _Open
from nearer.chat.parsers.thread_index import ThreadIndex as _Index
from nearer.chat.records import ChatChoiceNeeded, ChatFile


@dataclass(frozen=True)
class Marks:
    """What a file says of its thread: `name` as a choice shows it ("" if none), `exact` the
    thread's id in the export (None: none given), `title` the thread's title, folded ("": none),
    `people` the folded names or ids of the people in it (empty: unknown) and `folder` the id
    its folder gives it where the format writes a thread's files in a folder named by its id
    (Messenger's `inbox/bob_42/message_1.json`; None: no such folder), which stands for `exact`
    in a zip of several folders (`Joins.folders`)."""

    name: str
    exact: str | None = None
    title: str = ""
    people: frozenset[str] = frozenset()
    folder: str | None = None

    def says_nothing(self) -> bool:
        return self.exact is None and not self.title and not self.people


@dataclass(frozen=True)
class Joins:
    """The looser ways a parser lets a file without a thread id join a thread (module
    docstring): `lone_thread`, the only thread with an id (`LONE_JOINS`); `lone_writer`, the
    one thread of the one person who wrote it (`LONE_WRITER_JOINS`). `folders`: the files are
    in several folders, a zip's or given by paths that name their thread (`Marks.folder`), so
    a file's folder tells its thread (its `Marks.folder`, or
    the one thread with an id among the files of its folder) and `lone_thread` is off."""

    lone_thread: bool = False
    lone_writer: bool = False
    folders: bool = False


def folder_of(name: str) -> str:
    """The folder of the file `name` ("a/b" of "a/b/c.json"; "" for none)."""
    return name.rsplit("/", 1)[0] if "/" in name else ""


#: What of a thread `chat` may be, in the order tried.
WAYS = ("name", "id", "title")


@dataclass(frozen=True)
class Thread:
    """One conversation: its name as a choice shows it (distinct among the export's threads),
    its id in the export (None: none), its files, in the order given, the name the export gives
    it ("": none) and `note`, why a file is listed on its own ("": it is not)."""

    name: str
    id: str | None
    files: tuple[ChatFile, ...]
    title: str = ""
    note: str = ""

    def is_called(self, chat: str) -> bool:
        """Whether `chat` is this thread's name, id or title, case and spacing aside."""
        return bool(self.called_by(chat))

    def called_by(self, chat: str) -> str:
        """What of this thread `chat` is, case and spacing aside: the first of `WAYS` that it
        is ("": none)."""
        wanted = folded(chat)
        values = (self.name, self.id or "", self.title)
        matching = (way for way, value in zip(WAYS, values, strict=True) if folded(value) == wanted)
        return next(matching, "") if wanted else ""

    def names(self) -> tuple[str | None, ...]:
        """What `chat` may be of it, in the order of WAYS."""
        return (self.name, self.id, self.title)


Read = TypeVar("Read")
#: A parser's `thread_read(file, wants)`: the file's marks, and its reading of the file when
#: `wants(marks)` (None: not wanted, or nothing read).
ThreadRead = Callable[[ChatFile, Callable[[Marks], bool]], tuple[Marks, Read | None]]


def without_reading(marks: Callable[[ChatFile], Marks]) -> ThreadRead[object]:
    """A parser's `thread_marks` as a `thread_read` that keeps nothing: a file marked without
    being read whole has no reading to keep."""
    return lambda file, _wants: (marks(file), None)


class Kept(Generic[Read]):
    """The parser's readings of the files that may be of the thread read (module docstring):
    `wants(marks)` says whether to keep a file's, `add` keeps it, and `take(file)` hands it
    over, once (None: not kept, to be read again), so that nothing holds it after `parse`."""

    def __init__(self, chat: str | None, files: Sequence[ChatFile]) -> None:
        self._wanted = folded(chat) if chat is not None else None
        self._first: tuple[str | None, str] | None = None
        folders = {folder_of(file.name) for file in files}
        self._given_up = chat is None and len(folders) > 1
        self._kept: dict[int, Read] = {}

    def wants(self, marks: Marks) -> bool:
        if self._wanted is not None:
            names = (
                *(folded(n or "") for n in (marks.name, marks.exact, marks.folder)),
                marks.title,
            )
            return bool(self._wanted) and self._wanted in names
        thread = (marks.exact, marks.title)
        if self._first is None:
            self._first = thread
        if thread != self._first and not self._given_up:  # a second thread: none is read yet
            self._given_up = True
            self._kept.clear()
        return not self._given_up

    def add(self, file: ChatFile, read: Read) -> None:
        self._kept[id(file)] = read

    def marked(self, file: ChatFile, reads: ThreadRead[Read]) -> Marks:
        """`file`'s marks by `reads` (a parser's `thread_read`), keeping what it read of the file
        when it was wanted."""
        mark, read = reads(file, self.wants)
        if read is not None:
            self.add(file, read)
        return mark

    def take(self, file: ChatFile) -> Read | None:
        return self._kept.pop(id(file), None)


def grouped(
    files: Sequence[ChatFile], marks: Sequence[Marks], joins: Joins = Joins()
) -> list[Thread]:
    """The threads of `files` (`marks[i]` of `files[i]`): those of an exact id in the order their
    first file is given, then the others. With `joins.lone_thread`, files without an id that
    match no thread but are one thread among themselves join the only thread with an id, when
    there is one and they have a title (the parser warns that the files name different
    threads)."""
    exact: dict[str, _Open] = {}
    loose: list[tuple[ChatFile, Marks]] = []
    unknown: list[ChatFile] = []
    for file, mark in zip(files, marks, strict=True):
        if joins.folders and mark.exact is None and mark.folder:
            mark = replace(mark, exact=mark.folder)
        if mark.exact is not None:
            exact.setdefault(mark.exact, _Open(mark)).add(file, mark)
        elif mark.says_nothing():
            unknown.append(file)
        else:
            loose.append((file, mark))
    threads = list(exact.values())
    left = _attached(threads, loose, joins)
    if _lone_thread_joins(joins, threads, left):
        threads[0].files += left.pop().files
    threads += left
    if len(threads) < 2:
        return [_only(threads, files)]
    threads += [_Open(Marks(file.name), files=[file]) for file in unknown]
    return _named(threads)


def _lone_thread_joins(joins: Joins, threads: list[_Open], left: list[_Open]) -> bool:
    """Whether the files without an id that fit no thread, `left`, join the only thread with an
    id (`Joins.lone_thread`): they are one thread among themselves and have a title."""
    lone = joins.lone_thread and not joins.folders
    return lone and len(threads) == 1 and len(left) == 1 and bool(left[0].titles)


def _only(threads: list[_Open], files: Sequence[ChatFile]) -> Thread:
    """The one thread of `files`, all of them, named as its first marked file names it."""
    marks = threads[0].marks if threads else Marks("")
    return Thread(marks.name, marks.exact, tuple(files), marks.name)


def _attached(
    threads: list[_Open], loose: list[tuple[ChatFile, Marks]], joins: Joins
) -> list[_Open]:
    """Adds each file of `loose` to the one thread of `threads` it fits (module docstring); the
    threads that the files fitting none or several make among themselves."""
    homes = _homes(threads) if joins.folders else {}
    index = _Index(threads)
    left = _Loose()
    for file, mark in loose:
        fits, everywhere = _fits(index, mark, joins.lone_writer)
        fits = _at_home(homes.get(folder_of(file.name), []), fits, mark)
        if len(fits) == 1:
            index.add(fits[0], file, mark)
            continue
        left.add(file, mark, _note(file, fits, everywhere) if threads else "")
    return left.threads


def _homes(threads: list[_Open]) -> dict[str, list[_Open]]:
    """The threads with an id that have files in each folder."""
    homes: dict[str, list[_Open]] = {}
    for thread in threads:
        for folder in dict.fromkeys(folder_of(file.name) for file in thread.files):
            homes.setdefault(folder, []).append(thread)
    return homes


def _at_home(home: list[_Open], fits: list[_Open], mark: Marks) -> list[_Open]:
    """The one thread with files in a file's own folder (`home`), when the file has no title
    (a renamed Discord part) or that thread's title, unless its people fit only other threads
    (then it could be of any of them); else `fits`. A file of another title (an encrypted
    Messenger file of someone else) is never the folder's: it is its own thread, or joins by
    title or people."""
    if len(home) != 1 or (mark.title and mark.title not in home[0].titles):
        return fits
    return home if home[0] in fits or not fits else home + fits


def _fits(threads: _Index, mark: Marks, lone_writer: bool) -> tuple[list[_Open], bool]:
    """The threads of `mark`'s title, or if none, of exactly its people (two or more), or with
    `lone_writer`, of a file that one person wrote alone, those that person may be in
    (`ThreadIndex.may`); and whether it is such a file that every thread may hold."""
    titled = threads.titled(mark.title) if mark.title else []
    if titled:
        return titled, False
    if len(mark.people) == 1 and lone_writer:
        return _lone(threads, mark)
    return (threads.of_people(mark.people) if len(mark.people) > 1 else []), False


def _lone(threads: _Index, mark: Marks) -> tuple[list[_Open], bool]:
    """The threads that may hold the one writer of `mark`'s file (`ThreadIndex.may`), when
    they include one the writer was seen in; none when that is every thread: the exporter is
    in every DM, and beside one thread the writer could be either of its people. And whether
    every thread may hold the writer."""
    may = threads.may(mark.people)
    everywhere = len(may) == len(threads)
    seen = any(mark.people <= thread.everyone for thread in may)
    return (may if seen and not everywhere else []), everywhere


def _note(file: ChatFile, fits: list[_Open], everywhere: bool) -> str:
    """Why `file` is listed on its own: it fits `fits` (none or several), and `everywhere`, it
    is one person's alone who may be in every thread."""
    if not fits and everywhere:
        return (
            f"{file.name} names no thread id and only one person wrote in it, who may be in "
            "every thread, so it is listed on its own"
        )
    if not fits:
        return f"{file.name} names no thread id and matches no thread by title or people"
    shown = ", ".join(thread.shown() for thread in fits)
    return f"{file.name} names no thread id and could be of {shown}, so it is listed on its own"


def _named(threads: list[_Open]) -> list[Thread]:
    """The threads, each named distinctly: by its name, its id beside a name two threads share,
    or its first file's name when it has neither."""
    names = [thread.marks.name or thread.files[0].name for thread in threads]
    twice = {name for name, count in Counter(folded(n) for n in names).items() if count > 1}
    return [
        Thread(
            _distinct(name, thread, twice),
            thread.marks.exact,
            tuple(thread.files),
            thread.marks.name,
            thread.note,
        )
        for name, thread in zip(names, threads, strict=True)
    ]


def _distinct(name: str, thread: _Open, twice: set[str]) -> str:
    if folded(name) not in twice:
        return name
    exact = thread.marks.exact
    return f"{name} (id {exact})" if exact else f"{name} ({thread.files[0].name})"


def chosen(threads: list[Thread], chat: str | None, where: str) -> Thread | None:
    """The thread to read: the one `chat` names (its name, id or title: the one so written,
    case included, or else the one so called, case and spacing aside), or None when there is
    only one and `chat` does not name it (the export is read as it is). Raises
    ChatChoiceNeeded, naming `where`, listing the threads and saying why a file is listed on
    its own, when `chat` names none of several, or several."""
    found = [] if chat is None else named(threads, chat, Thread.names)
    if len(found) == 1:
        return found[0]
    if len(threads) < 2:
        return None
    problem = _not_one(chat, found)
    notes = [thread.note for thread in threads if thread.note]
    raise ChatChoiceNeeded(
        where,
        [t.name for t in threads],
        "; ".join(filter(None, (problem, *notes))),
        [t.id for t in threads],
    )


def _not_one(chat: str | None, found: list[Thread]) -> str:
    """Why `chat` chose no single thread of those it names, `found`; "" when none was named."""
    if chat is None:
        return ""
    if not found:
        return f'no chat is called "{chat}", by name, id or title'
    by = {thread.called_by(chat) for thread in found}
    ways = " or ".join(way for way in WAYS if way in by)
    shown = ", ".join(f'"{thread.name}"' for thread in found)
    return f'{len(found)} chats are called "{chat}", by {ways} ({shown})'
