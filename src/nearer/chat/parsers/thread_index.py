"""The threads of parsers/threads.py as their files are grouped (`OpenThread`), an index of
them by title, by people and by person (`ThreadIndex`), and one of the threads that files
fitting none make among themselves (`LooseThreads`), so that grouping tens of thousands of
files takes time in proportion to them, not to their square."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nearer.chat.parsers.threads import Marks
    from nearer.chat.records import ChatFile


@dataclass
class OpenThread:
    """A thread as its files are grouped: the marks of its first file, the titles and sets of
    people its files give, its files, and why a file is listed on its own (`note`)."""

    marks: Marks
    titles: set[str] = field(default_factory=set)
    people: set[frozenset[str]] = field(default_factory=set)
    files: list[ChatFile] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    everyone: frozenset[str] = frozenset()  # the union of `people`, kept as files are added

    def add(self, file: ChatFile, marks: Marks) -> None:
        self.files.append(file)
        self.titles.update([marks.title] if marks.title else [])
        if marks.people and marks.people not in self.people:
            self.people.add(marks.people)
            self.everyone |= marks.people

    @property
    def note(self) -> str:
        """Why its files are listed on their own ("": they are not), one reason a file."""
        return "; ".join(self.notes)

    def shown(self) -> str:
        return f'"{self.marks.name}" (id {self.marks.exact})'


class ThreadIndex:
    """The threads with an id by title, by people and by each person seen in them, kept as
    files join them (`add`), so that finding the threads a file fits costs what it finds, not
    a look at every thread: a zip may hold 25,000 channels and 25,000 renamed parts."""

    def __init__(self, threads: list[OpenThread]) -> None:
        self._at = {id(thread): at for at, thread in enumerate(threads)}
        self._titled: dict[str, dict[int, OpenThread]] = {}
        self._people: dict[frozenset[str], dict[int, OpenThread]] = {}
        self._holding: dict[str, dict[int, OpenThread]] = {}
        self._open: dict[int, OpenThread] = {}  # those whose people are not known whole (`may`)
        for thread in threads:
            self._note(thread)

    def __len__(self) -> int:
        return len(self._at)

    def add(self, thread: OpenThread, file: ChatFile, mark: Marks) -> None:
        thread.add(file, mark)
        self._note(thread)

    def titled(self, title: str) -> list[OpenThread]:
        return self._ordered(self._titled.get(title, {}))

    def of_people(self, people: frozenset[str]) -> list[OpenThread]:
        return self._ordered(self._people.get(people, {}))

    def may(self, people: frozenset[str]) -> list[OpenThread]:
        """The threads that may hold `people` (one or more): those they were all seen in, and
        those whose people are not known whole. A DM shows its two people; a thread where
        fewer were seen (one wrote in the files given) may hold anyone, and so may a group,
        whose silent members are not seen."""
        held = [self._holding.get(person, {}) for person in people]
        found = dict(self._open)
        found.update({key: held[0][key] for key in set(held[0]).intersection(*held[1:])})
        return self._ordered(found)

    def _note(self, thread: OpenThread) -> None:
        key = id(thread)
        for title in thread.titles:
            self._titled.setdefault(title, {})[key] = thread
        for people in thread.people:
            self._people.setdefault(people, {})[key] = thread
        for person in thread.everyone:
            self._holding.setdefault(person, {})[key] = thread
        if len(thread.everyone) == 2:
            self._open.pop(key, None)
        else:
            self._open[key] = thread

    def _ordered(self, found: dict[int, OpenThread]) -> list[OpenThread]:
        return sorted(found.values(), key=lambda thread: self._at[id(thread)])


class LooseThreads:
    """The threads that the files fitting no thread with an id, or several, make among
    themselves, in the order opened: a file joins the first whose titles hold its title, or
    without a title, whose sets of people hold its people (two or more), and that is noted
    (listed with a reason) as the file is; else it opens one. Found by key, not by a look at
    every thread: a download may hold thousands of such files."""

    def __init__(self) -> None:
        self.threads: list[OpenThread] = []
        # by title or people, and whether noted: the position of the first thread so found
        self._first: dict[tuple[str | frozenset[str], bool], int] = {}

    def add(self, file: ChatFile, mark: Marks, note: str) -> None:
        """Adds `file` (its `mark`) to the thread it is alike, noted as `note` is ("": not), or
        to a thread of its own."""
        key = _key(mark)
        at = self._first.get((key, bool(note))) if key is not None else None
        if at is None:
            at = len(self.threads)
            self.threads.append(OpenThread(mark))
        found = self.threads[at]
        found.add(file, mark)
        found.notes += [note] if note else []
        for each in (mark.title, mark.people if len(mark.people) > 1 else ""):
            if each:  # what the file adds to the thread's titles and people
                first = self._first.setdefault((each, bool(note)), at)
                self._first[(each, bool(note))] = min(first, at)


def _key(mark: Marks) -> str | frozenset[str] | None:
    """What a file is found by among `LooseThreads`: its title, or without one its people,
    when two or more; None: it joins none."""
    if mark.title:
        return mark.title
    return mark.people if len(mark.people) > 1 else None
