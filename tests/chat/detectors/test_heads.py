"""A head's logit: bias plus weighted signals, "a*b" meaning a product."""

from __future__ import annotations

import polars as pl
import pytest

from nearer.chat.detectors.heads import add_logits, logit, probability, threshold_logit
from nearer.chat.detectors.model import Head


def test_a_head_adds_its_bias_and_weighted_signals_and_products() -> None:
    frame = pl.DataFrame({"a": [1.0, 2.0], "b": [3.0, 0.5]})
    head = Head(-1.0, {"a": 2.0, "a*b": 0.5}, 0.5)
    assert frame.select(logit(head))[:, 0].to_list() == pytest.approx([2.5, 3.5])


def test_a_later_head_may_use_an_earlier_heads_logit() -> None:
    heads = {"first": Head(1.0, {"a": 1.0}, 0.5), "second": Head(0.0, {"d:first": 2.0}, 0.5)}
    frame = add_logits(pl.DataFrame({"a": [1.0]}), heads)
    assert frame["d:second"][0] == pytest.approx(4.0)


def test_probabilities_stay_in_zero_to_one_even_for_huge_logits() -> None:
    values = pl.DataFrame({"z": [-1e9, 0.0, 1e9]}).select(probability(pl.col("z")))[:, 0]
    assert values[0] >= 0.0
    assert values[1] == pytest.approx(0.5)
    assert values[2] <= 1.0


def test_threshold_logit_inverts_the_logistic() -> None:
    assert threshold_logit(0.5) == pytest.approx(0.0)
    z = threshold_logit(0.8)
    assert pl.DataFrame({"z": [z]}).select(probability(pl.col("z")))[0, 0] == pytest.approx(0.8)
