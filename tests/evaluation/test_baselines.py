"""VADER and NRCLex beside nearer in docs/accuracy.md: read the way each signal asks."""

from __future__ import annotations

import sys
from pathlib import Path

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "evaluation"))
import baselines

TEXTS = pl.Series(["What a wonderful, happy day, I love it", "This is awful and I hate it", ""])


def scores(signal: str) -> dict[str, list[float]]:
    return {
        method: score.to_list() for method, score, _ in baselines.baseline_scores(signal, TEXTS)
    }


def test_positive_and_negative_tone_are_read_in_opposite_directions() -> None:
    positive, negative = scores("positive"), scores("negative")
    assert set(positive) == set(negative) == {baselines.VADER, baselines.NRC}
    for method in positive:
        assert positive[method][0] > positive[method][1]
        assert negative[method][1] > negative[method][0]


def test_decisions_use_each_tools_cut_off_and_empty_text_says_nothing() -> None:
    rows = {
        method: decided.to_list()
        for method, _, decided in baselines.baseline_scores("negative", TEXTS)
    }
    assert rows[baselines.VADER] == [False, True, False]
    assert rows[baselines.NRC] == [False, True, False]


def test_signals_the_tools_do_not_measure_get_no_rows() -> None:
    assert baselines.baseline_scores("gratitude", TEXTS) == []
    assert baselines.baseline_scores("asking_more", TEXTS) == []
