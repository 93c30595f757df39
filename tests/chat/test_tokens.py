from __future__ import annotations

import polars as pl

from nearer.chat.tokens import count_words, has_words, lowered, word_count


def words_in(text: str) -> int:
    return pl.select(word_count(lowered(pl.lit(text)))).item()


def test_words_are_letters_with_inner_apostrophes_not_digits_or_emoji() -> None:
    assert words_in("Don’t be late, at 6pm ❤️") == 4


def test_lists_match_whole_words_only() -> None:
    text = lowered(pl.lit("The bus stopped, so we took a taxi"))
    assert pl.select(count_words(text, ["us", "we"])).item() == 1


def test_typographic_apostrophes_match_straight_ones() -> None:
    assert pl.select(has_words(lowered(pl.lit("I’m flooded")), ["i'm flooded"])).item()


def test_phrases_match_across_any_spacing() -> None:
    assert pl.select(has_words(pl.lit("let's  talk   later"), ["talk later"])).item()
