"""The conversations among the files of a format that merges its files (a Messenger thread's
message_N.json, DiscordChatExporter's parts): files of one thread are read together, files of
two threads never are, since a third person's chat would count as the couple's.

A parser tells its threads apart by `Marks` for each file: `exact` is an id the export gives
the thread (a Messenger thread's folder, a Discord channel's id), `alike` what else names it (its
title, its people). Two files are of one thread when their exact ids are equal or, if one of the
two has none, when they share something alike: an end-to-end-encrypted Messenger file, which has
no folder, joins the classic thread of its title. A file that says nothing of its thread (a
Discord CSV renamed "chat.csv") joins the only thread there is, and is a thread of its own beside
several. `chosen` then keeps the thread `chat` names, or asks which one (ChatChoiceNeeded).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from nearer.chat.pair import folded
from nearer.chat.records import ChatChoiceNeeded, ChatFile


@dataclass(frozen=True)
class Marks:
    """What a file says of its thread: `name` as a choice shows it ("" if none), `exact` the
    thread's id in the export (None: none given), `alike` other names of it, folded."""

    name: str
    exact: str | None = None
    alike: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Thread:
    """One conversation: its name as a choice shows it (distinct among the export's threads),
    its id in the export (None: none) and its files, in the order given."""

    name: str
    id: str | None
    files: tuple[ChatFile, ...]


@dataclass
class _Open:
    marks: Marks
    exact: set[str] = field(default_factory=set)
    alike: set[str] = field(default_factory=set)
    files: list[ChatFile] = field(default_factory=list)

    def takes(self, marks: Marks) -> bool:
        if marks.exact is not None and self.exact:
            return marks.exact in self.exact
        return bool(marks.alike & self.alike)

    def add(self, file: ChatFile, marks: Marks) -> None:
        self.files.append(file)
        self.exact.update([marks.exact] if marks.exact is not None else [])
        self.alike.update(marks.alike)


def grouped(files: Sequence[ChatFile], marks: Sequence[Marks]) -> list[Thread]:
    """The threads of `files` (`marks[i]` of `files[i]`), in the order their first file is given."""
    threads: list[_Open] = []
    unknown: list[ChatFile] = []
    for file, mark in zip(files, marks, strict=True):
        if mark.exact is None and not mark.alike:
            unknown.append(file)
            continue
        found = next((thread for thread in threads if thread.takes(mark)), None)
        if found is None:
            found = _Open(mark)
            threads.append(found)
        found.add(file, mark)
    if len(threads) < 2:
        return [Thread("", None, tuple(files))]
    threads += [_Open(Marks(file.name), files=[file]) for file in unknown]
    return _named(threads)


def _named(threads: list[_Open]) -> list[Thread]:
    """The threads, each named distinctly: by its name, its id beside a name two threads share,
    or its first file's name when it has neither."""
    names = [thread.marks.name or thread.files[0].name for thread in threads]
    twice = {name for name, count in Counter(folded(n) for n in names).items() if count > 1}
    return [
        Thread(_distinct(name, thread, twice), thread.marks.exact, tuple(thread.files))
        for name, thread in zip(names, threads, strict=True)
    ]


def _distinct(name: str, thread: _Open, twice: set[str]) -> str:
    if folded(name) not in twice:
        return name
    exact = thread.marks.exact
    return f"{name} (id {exact})" if exact else f"{name} ({thread.files[0].name})"


def chosen(threads: list[Thread], chat: str | None, where: str) -> Thread | None:
    """The thread to read: None when there is only one (the export is read as it is), else the
    one `chat` names (its name or its id). Raises ChatChoiceNeeded, naming `where` and listing
    the threads, when `chat` names none of several."""
    if len(threads) < 2:
        return None
    wanted = "" if chat is None else folded(chat)
    for thread in threads:
        if wanted and wanted in (folded(thread.name), folded(thread.id or "")):
            return thread
    problem = "" if chat is None else f'no chat is called "{chat}"'
    raise ChatChoiceNeeded(where, [t.name for t in threads], problem, [t.id for t in threads])
