"""A warning's kind and nearer's own sentence for it, which names no one."""

from __future__ import annotations

import copy
import json
import pickle
import re

import pytest

from nearer.chat.caveats import Caveat, Kind, kind_of, plain
from nearer.chat.parsers import overlap

#: What a sentence for the couple space must never hold: a quote (of a name or title), a file's
#: name, a date or a time as an export writes it.
NAMING = re.compile(r"(^|\s)[\"“'‘]|\w\.(txt|json|csv|db|md|zip)\b|\d{4}|\d:\d|/")


@pytest.mark.parametrize("kind", list(Kind))
def test_each_kind_is_said_in_a_sentence_that_names_no_one(kind: Kind) -> None:
    for number in (None, 1, 3):
        sentence = plain(kind, number)
        assert not sentence[0].islower() and sentence.endswith("."), sentence
        assert "{" not in sentence and not NAMING.search(sentence), sentence


@pytest.mark.parametrize("kind", list(Kind))
def test_a_kind_with_a_number_says_it_in_the_right_number(kind: Kind) -> None:
    one, three = plain(kind, 1), plain(kind, 3)
    if one == plain(kind):  # a kind whose sentence has no count
        assert three == one
    else:
        assert one.startswith("1 ") and three.startswith("3 ")
        assert " were " not in one and " was " not in three


def test_a_caveat_is_its_text_wherever_warnings_are_printed() -> None:
    caveat = Caveat(Kind.UNREAD_FILE, "notes.md is not read", 1)
    assert caveat == "notes.md is not read" and json.dumps([caveat]) == '["notes.md is not read"]'
    assert kind_of(caveat) == (Kind.UNREAD_FILE, 1)


def test_a_plain_string_is_a_warning_of_no_known_kind() -> None:
    assert kind_of("something else") == (Kind.OTHER, None)


def test_messages_dropped_across_files_are_counted_as_duplicates() -> None:
    assert [kind_of(w) for w in overlap.dropped(2)] == [(Kind.DUPLICATES, 2)]
    assert overlap.dropped(0) == []


def test_a_copied_or_pickled_caveat_keeps_its_kind_and_number() -> None:
    caveat = Caveat(Kind.NO_SENDER, "3 messages name no sender", 3)
    for again in (copy.deepcopy(caveat), pickle.loads(pickle.dumps(caveat))):
        assert again == caveat and kind_of(again) == (Kind.NO_SENDER, 3)
