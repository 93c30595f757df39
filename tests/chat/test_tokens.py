from __future__ import annotations

import polars as pl

from nearer.chat.tokens import WORD, count_words, has_words, lowered, word_count


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
