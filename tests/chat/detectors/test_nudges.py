"""Nudges reorder scores under a threshold and never carry one across it."""

from __future__ import annotations

import polars as pl
import pytest

from nearer.chat.detectors.nudges import Nudge, nudged

THRESHOLD = 0.5


def nudge_scores(scores: list[float], signals: list[float], weight: float = 1.0) -> list[float]:
    frame = pl.DataFrame({"score": scores, "r:marker": signals})
    nudge = Nudge({"r:marker": weight}, 0.5)
    return frame.select(nudged(pl.col("score"), nudge, THRESHOLD))["score"].to_list()


def test_a_marked_score_under_the_threshold_overtakes_a_slightly_higher_plain_one() -> None:
    marked, plain = nudge_scores([0.2, 0.25], [1.0, 0.0])
    assert plain == 0.25
    assert plain < marked < THRESHOLD


def test_a_nudge_never_lifts_a_score_to_the_threshold_however_strong() -> None:
    scores = [0.0, 0.3, 0.49, 0.4999999]
    lifted = nudge_scores(scores, [1.0] * 4, weight=1000.0)
    assert all(score <= after < THRESHOLD for score, after in zip(scores, lifted, strict=True))
    assert lifted[1] == pytest.approx(0.4)  # half the distance at most


def test_scores_at_or_over_the_threshold_are_left_as_they_are() -> None:
    assert nudge_scores([0.5, 0.8, 1.0], [1.0, 1.0, 1.0]) == [0.5, 0.8, 1.0]


def test_negative_signals_never_lower_a_score() -> None:
    assert nudge_scores([0.2], [-3.0]) == [0.2]


def test_a_cap_of_one_or_more_is_refused() -> None:
    with pytest.raises(ValueError, match="cap"):
        Nudge({"r:marker": 1.0}, 1.0)
