"""Tokens and hashed features: shared by training and scoring, so they must agree."""

from __future__ import annotations

import polars as pl

from nearer.chat.detectors.features import (
    MAX_TOKENS,
    feature_keys,
    feature_strings,
    keys,
    lengths,
    words,
)


def test_words_are_lower_case_with_apostrophes_and_marks_as_tokens() -> None:
    tokens = words(pl.Series(["I’m SO sorry!! ❤️👍🏽"]))
    assert tokens["word"].to_list() == ["i'm", "so", "sorry", "!", "!", "❤", "👍"]


def test_null_and_empty_texts_have_no_words_but_keep_their_length_feature() -> None:
    tokens = words(pl.Series([None, "", "ok"], dtype=pl.String))
    assert tokens["row"].to_list() == [2]
    assert lengths(tokens, 3).to_list() == [0, 0, 1]
    assert sorted(keys(tokens, 3)["row"].unique().to_list()) == [0, 1, 2]


def test_training_strings_hash_to_the_scoring_keys() -> None:
    texts = pl.Series(["Thank you so much!", None, "you never listen", "a b c d e f g h i"])
    tokens = words(texts)
    strings = feature_strings(tokens, len(texts))
    hashed = keys(tokens, len(texts))
    assert strings["row"].to_list() == hashed["row"].to_list()
    assert feature_keys(strings["feature"]).to_list() == hashed["key"].to_list()


def test_pairs_do_not_cross_texts() -> None:
    strings = feature_strings(words(pl.Series(["hello", "world"])), 2)
    assert "hello world" not in strings["feature"].to_list()


def test_a_long_text_is_cut_to_max_tokens() -> None:
    assert words(pl.Series(["word " * (MAX_TOKENS + 50)])).height == MAX_TOKENS
