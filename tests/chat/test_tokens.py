from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nearer.chat.tokens import (
    WORD,
    alternation,
    count_words,
    found_alternation,
    has_words,
    lowered,
    word_count,
)

PHRASES = ["pick up", "on my way", "i'm", "6pm", "us", "eta"]
# Pieces of text around the phrases: letters and digits of other scripts, marks, emoji with
# their joiners and selectors, odd spaces, apostrophes.
PIECES = [*PHRASES, "pick", "up", "b", "é", "e\u0301", "٣", "日本", "❤️", "👍🏽", "\u200d", "'", "-",
          " ", "\u00a0", "\n", "_", "x", "1"]  # fmt: skip


def words_in(text: str) -> int:
    return pl.select(word_count(lowered(pl.lit(text)))).item()


def test_words_are_letters_with_inner_apostrophes_not_digits_or_emoji() -> None:
    assert words_in("Don’t be late, at 6pm ❤️") == 4


def test_chat_spellings_with_digits_are_one_word_each_and_numbers_none() -> None:
    assert words_in("gr8, c u l8r") == 4
    assert words_in("b4 u go, grab my ps5 controller") == 7
    assert words_in("at 6pm on the 2nd, 5 of us") == 5


def test_word_count_is_the_number_of_word_matches_whatever_comes_between() -> None:
    texts = [
        "don't 'quoted' ab1cd x_y 6pm «bonjour» ça-va naïve e\u0301te\u0301 Ⅻa",
        "a a a", "'", "", "l'été d'accord''s", "日本語 テキスト", "x\ny\tz", "a\u0301\u0301b",
    ]  # fmt: skip
    column = pl.Series(texts)
    assert pl.select(word_count(pl.lit(column))).to_series().to_list() == (
        column.str.count_matches(WORD).to_list()
    )


def test_lists_match_whole_words_only() -> None:
    text = lowered(pl.lit("The bus stopped, so we took a taxi"))
    assert pl.select(count_words(text, ["us", "we"])).item() == 1


def test_typographic_apostrophes_match_straight_ones() -> None:
    assert pl.select(has_words(lowered(pl.lit("I’m flooded")), ["i'm flooded"])).item()


def test_phrases_match_across_any_spacing() -> None:
    assert pl.select(has_words(pl.lit("let's  talk   later"), ["talk later"])).item()


def test_an_acute_accent_for_an_apostrophe_is_made_straight_as_the_phrase_rules_read_it() -> None:
    texts = pl.DataFrame({"t": ["Don´t", "I’m", "it‘s", "can`t"]})
    assert texts.select(lowered(pl.col("t")))["t"].to_list() == ["don't", "i'm", "it's", "can't"]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=10).map("".join), min_size=1))
def test_finding_phrases_agrees_with_the_whole_word_pattern_on_any_text(texts: list[str]) -> None:
    column = pl.Series(texts)
    found = column.str.contains(found_alternation(PHRASES))
    assert found.to_list() == column.str.contains(alternation(PHRASES)).to_list()


def test_finding_refuses_a_phrase_that_does_not_start_and_end_with_a_letter_or_digit() -> None:
    with pytest.raises(ValueError, match="non-word"):
        found_alternation(["fine", "'m"])
