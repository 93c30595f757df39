"""The TF-IDF reference of docs/accuracy.md learns what its fitting part teaches."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import polars as pl
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "evaluation"))
import reference

WARM = ["thank you so much", "thanks a lot friend", "so grateful for you", "thank you, really"]
COLD = ["the bus is late", "meeting at noon", "the bus left at noon", "late meeting again"]


def _split() -> reference.Split:
    texts = pl.Series(WARM * 3 + COLD * 3)
    truth = pl.Series([True] * 12 + [False] * 12)
    return reference.Split(texts, truth, texts, truth)


def test_reference_ranks_unseen_texts_by_what_it_was_fitted_on() -> None:
    scores, decided = reference.reference_scores(
        _split(), pl.Series(["thank you friend", "the meeting is late"])
    )
    assert scores[0] > 0.5 > scores[1]
    assert decided.to_list() == [True, False]


def test_reference_rows_have_unit_length_and_ignore_unknown_words() -> None:
    vocabulary, idf = reference._vocabulary(pl.Series(WARM + COLD))
    x = reference._tfidf(pl.Series(["thank you so much", "zebra"]), vocabulary, idf)
    lengths = np.sqrt(np.bincount(x.rows, x.values**2, minlength=2))
    assert lengths[0] == pytest.approx(1.0)
    assert lengths[1] == 0.0


def test_reference_threshold_is_chosen_on_the_tuning_rows_of_every_round() -> None:
    texts = pl.Series(["thank you friend"])
    alone = _split()
    disagreeing = reference.Split(
        alone.fit, alone.fit_truth, pl.Series(WARM * 10), pl.Series([False] * 40)
    )
    with_round = reference.Split(
        alone.fit, alone.fit_truth, alone.tune, alone.tune_truth, (disagreeing,)
    )
    assert reference.reference_scores(alone, texts)[1].to_list() == [True]
    assert reference.reference_scores(with_round, texts)[1].to_list() == [False]
