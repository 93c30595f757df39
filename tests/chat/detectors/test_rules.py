"""Phrase rules: one 0/1 column per rule, matched without regard to case."""

from __future__ import annotations

import polars as pl

from nearer.chat.detectors.rules import RULES, rule_signals


def flags(text: str) -> dict[str, float]:
    return rule_signals(pl.Series([text])).row(0, named=True)


def test_every_rule_gives_a_column() -> None:
    assert rule_signals(pl.Series(["x"])).columns == [f"r:{name}" for name in RULES]


def test_always_and_never_aimed_at_you_is_flagged_in_any_case() -> None:
    assert flags("YOU NEVER listen")["r:always_never"] == 1.0
    assert flags("I never listen to podcasts")["r:always_never"] == 0.0


def test_a_question_without_its_mark_is_still_asked() -> None:
    assert flags("how did the talk with your mum go")["r:asks_without_mark"] == 1.0


def test_tag_questions_are_told_apart() -> None:
    assert flags("it's cold, right?")["r:tag_question"] == 1.0
    assert flags("are you cold?")["r:tag_question"] == 0.0


def test_curly_apostrophes_match_like_straight_ones() -> None:
    assert flags("It’s not my fault")["r:defends"] == 1.0


def test_null_text_flags_nothing() -> None:
    row = rule_signals(pl.Series([None], dtype=pl.String)).row(0)
    assert set(row) == {0.0}
