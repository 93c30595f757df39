from __future__ import annotations

from tests.chat.conftest import ALEX, SAM, exchange, measure

FEELING = "I feel so anxious about tomorrow"
LATER = 600  # minutes: far enough to start a new conversation


def test_a_feeling_met_with_understanding_counts_as_met() -> None:
    rows = exchange(0, (SAM, FEELING), (ALEX, "That makes sense, I understand"), (SAM, "thanks"))
    found = measure(rows)
    assert found[SAM]["emotional_disclosures"] == 1
    assert found[SAM]["met_understanding"] == 1
    assert found[SAM]["disclosures_met_share"] == 100.0


def test_a_feeling_met_with_a_question_counts_as_asking_more() -> None:
    rows = exchange(0, (SAM, FEELING), (ALEX, "What's worrying you most?"), (SAM, "the talk"))
    assert measure(rows)[SAM]["met_asking_more"] == 1


def test_a_question_about_errands_changes_the_subject_rather_than_asking_more() -> None:
    rows = exchange(0, (SAM, FEELING), (ALEX, "Did you pay the electricity bill?"), (SAM, "no"))
    found = measure(rows)
    assert found[SAM]["met_asking_more"] == 0 and found[SAM]["disclosures_met"] == 0


def test_a_feeling_nobody_answers_in_the_conversation_is_unanswered() -> None:
    rows = [(0, SAM, FEELING), (LATER, ALEX, "morning"), (LATER + 1, SAM, "hi")]
    found = measure(rows)
    assert found[SAM]["disclosures_unanswered"] == 1
    assert found[SAM]["disclosures_unanswered_share"] == 100.0
    assert found[SAM]["disclosures_met_share"] == 0.0


def test_another_kind_of_reply_is_neither_met_nor_unanswered() -> None:
    rows = exchange(0, (SAM, FEELING), (ALEX, "did you buy bread"), (SAM, "yes"))
    found = measure(rows)
    assert found[SAM]["disclosures_met"] == 0 and found[SAM]["disclosures_unanswered"] == 0


def test_facts_and_feelings_are_told_apart() -> None:
    rows = exchange(0, (SAM, "My train was late again"), (ALEX, FEELING), (SAM, "oh no, hugs"))
    found = measure(rows)
    assert found[SAM]["factual_disclosures"] == 1 and found[SAM]["emotional_disclosures"] == 0
    assert found[ALEX]["emotional_disclosures"] == 1
    assert found[None]["emotional_share"] == 50.0


def test_the_chats_final_turn_is_left_out() -> None:
    found = measure(exchange(0, (ALEX, "hi"), (SAM, FEELING)))
    assert found[SAM]["emotional_disclosures"] == 0


def test_an_attack_put_as_a_question_does_not_meet_a_feeling() -> None:
    rows = exchange(0, (SAM, FEELING), (ALEX, "Why do you always make it about you?"), (SAM, "ok"))
    found = measure(rows)
    assert found[SAM]["met_asking_more"] == 0 and found[SAM]["disclosures_met"] == 0
