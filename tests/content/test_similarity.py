from __future__ import annotations

from nearer.content.similarity import content_words, jaccard, near_duplicates


def test_function_words_and_case_do_not_count() -> None:
    assert content_words("What is the BEST part of your day?") == {"best", "part", "day"}


def test_jaccard_of_word_sets() -> None:
    assert jaccard(frozenset("ab"), frozenset("bc")) == 1 / 3
    assert jaccard(frozenset(), frozenset()) == 1.0


def test_a_reworded_copy_is_a_near_duplicate_and_a_new_question_is_not() -> None:
    texts = [
        ("a", "What small thing made you smile this week?"),
        ("b", "This week, what small thing made you smile?"),
        ("c", "Which idea have you changed your mind about lately?"),
    ]
    assert [(x, y) for x, y, _ in near_duplicates(texts)] == [("a", "b")]
