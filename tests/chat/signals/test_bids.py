from __future__ import annotations

import pytest

from nearer.chat.signals import bids
from tests.chat.conftest import ALEX, SAM, exchange, measure


def replies(*lines: tuple[str, str]) -> dict[str, object]:
    """The couple's bid counts for an exchange closed by a final unrelated turn."""
    rows = [*exchange(0, *lines), (900, SAM, "new day"), (901, ALEX, "yes")]
    return measure(rows)[None]


def test_an_engaged_answer_turns_toward() -> None:
    found = replies((SAM, "How did the interview go?"), (ALEX, "The interview went well!"))
    assert found["bids_toward"] == 1 and found["toward_share"] == 100.0


def test_even_a_minimal_acknowledgement_turns_toward() -> None:
    assert replies((SAM, "Look, the first snow!"), (ALEX, "aw 😍"))["bids_toward"] == 1


def test_a_hostile_answer_turns_against() -> None:
    found = replies((SAM, "Can you call the plumber?"), (ALEX, "Whatever, you never do it"))
    assert found["bids_against"] == 1


def test_no_answer_in_the_conversation_turns_away() -> None:
    assert replies((ALEX, "hi"), (SAM, "Want to watch a film tonight?"))["bids_away"] >= 1


def test_a_change_of_topic_turns_away() -> None:
    found = replies(
        (SAM, "I had a strange dream about my grandmother"), (ALEX, "Bins go out tonight")
    )
    assert found["bids_away"] == 1 and found["bids_toward"] == 0


def test_a_plain_answer_to_a_question_turns_toward() -> None:
    assert replies((SAM, "What time are you home?"), (ALEX, "Around 6"))["bids_toward"] == 1


def test_a_question_answered_by_another_question_is_not_an_answer() -> None:
    found = replies((SAM, "What do we need tonight?"), (ALEX, "Is the car back yet?"))
    assert found["bids_toward"] == 0


def test_a_short_word_of_the_bid_meets_the_longer_word_it_begins() -> None:
    found = replies((SAM, "My day at work was busy"), (ALEX, "Working late myself"))
    assert found["bids_toward"] == 1


def test_bids_are_counted_for_who_made_them() -> None:
    rows = [
        *exchange(0, (SAM, "Can you call me?"), (ALEX, "sure")),
        (900, ALEX, "x"),
        (901, SAM, "y"),
    ]
    found = measure(rows)
    assert found[SAM]["bids"] >= 1 and found[SAM]["bids_toward"] == 1


def test_a_word_from_a_later_message_of_the_bid_turn_is_picked_up() -> None:
    found = replies(
        (SAM, "Did you see"), (SAM, "The garden is flooding"), (ALEX, "Flooding again.")
    )
    assert found["bids_toward"] == 1


def test_only_a_turns_first_300_characters_are_read_for_a_shared_word() -> None:
    def answer(filler: str) -> dict[str, object]:
        opening = f"Can you help with {filler}"
        return replies((SAM, opening), (SAM, "the garden"), (ALEX, "Garden is fine."))

    assert answer("blah " * 10)["bids_toward"] == 1
    assert answer("blah " * 70)["bids_away"] == 1  # "garden" starts after character 300


def test_a_critical_question_is_no_bid_for_connection() -> None:
    for attack in ["why do you never listen?", "Why do you always do this?", "Whatever. Grow up?"]:
        found = replies((SAM, attack), (ALEX, "sorry"))
        assert found["bids"] == 0, attack


def test_a_curious_question_is_still_a_bid() -> None:
    assert replies((SAM, "why do you like that song?"), (ALEX, "it reminds me of you"))["bids"] == 1


def test_bids_read_in_batches_meet_their_answers_across_a_batch_s_edge(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rows: list[tuple[float, str, str]] = []
    for day in range(6):  # each bid turns toward only by the word its answer shares with it
        rows += exchange(day * 1440, (SAM, f"My day{day} at work was busy"), (ALEX, "Working late"))
        rows += exchange(day * 1440 + 60, (SAM, "I had a strange dream"), (ALEX, "Bins tonight"))
    whole = measure(rows)[None]
    monkeypatch.setattr(bids, "_BATCH", 1)
    assert measure(rows)[None] == whole
    assert whole["bids_toward"] == 6 and whole["bids_away"] == 6
