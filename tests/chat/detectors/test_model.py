"""Packing weights and word lists: packed sums must equal plain sums."""

from __future__ import annotations

import polars as pl
import pytest

from nearer.chat.detectors.features import words
from nearer.chat.detectors.lexicon import parse_lexicon
from nearer.chat.detectors.model import Head, build_model, heads_json, parse_heads, shipped_model
from nearer.chat.detectors.signals import token_signals


def test_packed_weight_sums_match_the_weights_within_quantisation() -> None:
    weights = pl.DataFrame(
        {"feature": ["thank", "thank you", "sorry", "#len1"], "a": [1.5, 2.0, -0.5, 0.1]}
    )
    model = build_model(weights, parse_lexicon("[apology]\nsorry, so sorry\n"), {})
    texts = pl.Series(["thank you so much", "sorry sorry, so sorry", "hmm"])
    frame = token_signals(words(texts), model, len(texts))
    assert frame["w:a"].to_list() == pytest.approx([3.5, -1.5, 0.0], abs=0.05)
    # three "sorry" and one "so sorry": log(1 + 4)
    assert frame["n:apology"].to_list() == pytest.approx([0.0, 1.6094379, 0.0])


def test_a_long_message_cannot_overflow_a_lane() -> None:
    weights = pl.DataFrame({"feature": ["x", "x x"], "a": [1.0, 1.0]})
    model = build_model(weights, parse_lexicon("[l]\nx, x x\n"), {})
    texts = pl.Series(["x " * 1000])
    frame = token_signals(words(texts), model, 1)
    assert frame["w:a"][0] == pytest.approx(239.0, rel=0.01)  # 120 words and 119 pairs
    assert frame["n:l"][0] == pytest.approx(5.480639)  # log(1 + 239)


def test_heads_survive_their_json_form() -> None:
    heads = {"gratitude": Head(-1.5, {"w:gratitude": 1.0, "n:you*tokens": 0.25}, 0.4)}
    assert parse_heads(heads_json(heads)) == heads  # already within 6 decimals


def test_the_shipped_model_loads_once_and_has_its_learnt_heads() -> None:
    assert shipped_model() is shipped_model()
    assert {"emotional_disclosure", "factual_disclosure", "gratitude"} <= set(shipped_model().heads)
