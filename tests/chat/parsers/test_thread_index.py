"""The index of parsers/thread_index.py finds what a look at every thread would find."""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st

from nearer.chat.parsers.thread_index import LooseThreads
from nearer.chat.parsers.threads import Marks
from nearer.chat.records import ChatFile


@dataclass
class _Pairwise:
    """A loose thread as the rule reads, found by a look at every one opened before."""

    titles: set[str] = field(default_factory=set)
    people: set[frozenset[str]] = field(default_factory=set)
    files: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def alike(self, mark: Marks, note: str) -> bool:
        if bool(self.notes) != bool(note):
            return False
        if mark.title:
            return mark.title in self.titles
        return len(mark.people) > 1 and mark.people in self.people


def pairwise(entries: list[tuple[Marks, str]]) -> list[tuple[list[str], str]]:
    left: list[_Pairwise] = []
    for n, (mark, note) in enumerate(entries):
        found = next((thread for thread in left if thread.alike(mark, note)), None)
        if found is None:
            found = _Pairwise()
            left.append(found)
        found.files.append(f"{n}.json")
        found.titles |= {mark.title} - {""}
        found.people |= {mark.people} if mark.people else set()
        found.notes += [note] if note else []
    return [(thread.files, "; ".join(thread.notes)) for thread in left]


marks = st.builds(
    Marks,
    name=st.just(""),
    title=st.sampled_from(["", "alex", "sam"]),
    people=st.frozensets(st.sampled_from(["ana", "alex", "sam"])),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(marks, st.sampled_from(["", "no id"])), max_size=12))
def test_loose_files_are_grouped_as_a_look_at_every_thread_groups_them(
    entries: list[tuple[Marks, str]],
) -> None:
    loose = LooseThreads()
    for n, (mark, note) in enumerate(entries):
        loose.add(ChatFile(f"{n}.json", b""), mark, note)
    found = [([f.name for f in thread.files], thread.note) for thread in loose.threads]
    assert found == pairwise(entries)


def test_a_file_of_no_title_joins_the_first_thread_opened_that_holds_its_people() -> None:
    """The later thread saw the people first; the earlier one is still the one joined."""
    ana_sam = frozenset({"ana", "sam"})
    entries = [
        (Marks("", title="b", people=frozenset({"ana", "bo"})), ""),
        (Marks("", title="a", people=frozenset({"ana", "al"})), ""),
        (Marks("", title="a", people=ana_sam), ""),
        (Marks("", title="b", people=ana_sam), ""),
        (Marks("", people=ana_sam), ""),
    ]
    loose = LooseThreads()
    for n, (mark, note) in enumerate(entries):
        loose.add(ChatFile(f"{n}.json", b""), mark, note)
    assert [[f.name for f in t.files] for t in loose.threads] == [
        ["0.json", "3.json", "4.json"],
        ["1.json", "2.json"],
    ]
    assert [files for files, _ in pairwise(entries)] == [
        ["0.json", "3.json", "4.json"],
        ["1.json", "2.json"],
    ]
