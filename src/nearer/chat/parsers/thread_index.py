"""The threads of parsers/threads.py as their files are grouped (`OpenThread`), and an index of
them by title, by people and by person (`ThreadIndex`), so that grouping tens of thousands of
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
    note: str = ""
    #: Everyone seen in the thread's files, the union of `people`: kept as files are added, not
    #: computed, since `ThreadIndex` asks it of every thread for every loose file.
    everyone: frozenset[str] = frozenset()

    def add(self, file: ChatFile, marks: Marks) -> None:
        self.files.append(file)
        self.titles.update([marks.title] if marks.title else [])
        if marks.people and marks.people not in self.people:
            self.people.add(marks.people)
            self.everyone |= marks.people

    def alike(self, marks: Marks) -> bool:
        if marks.title:
            return marks.title in self.titles
        return len(marks.people) > 1 and marks.people in self.people

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
