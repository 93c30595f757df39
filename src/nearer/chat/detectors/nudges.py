"""Nudges: signals that reorder a detector's scores below its threshold without ever deciding.

Some signals rank a public data set well but would mark warm partners' messages if they counted
towards the decision (sarcasm in news comments wears exclamation marks and praise, which between
partners are nearly always sincere). A nudge lets them order the messages a detector does not
mark, so its score ranks better, while every decision stays where the head put it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import polars as pl


@dataclass(frozen=True)
class Nudge:
    """A lift of sum(weight * signal), at least 0 and at most `cap` (below 1): the share of the
    distance between a score under the threshold and the threshold that the nudge closes."""

    weights: Mapping[str, float]
    cap: float

    def __post_init__(self) -> None:
        if not 0.0 <= self.cap < 1.0:
            raise ValueError(f"a nudge's cap must be in [0, 1), not {self.cap}")


def nudged(score: pl.Expr, nudge: Nudge, threshold: float) -> pl.Expr:
    """`score` (0-1) with scores under `threshold` moved towards it by the nudge's lift, over a
    frame holding every signal the nudge names. A score under the threshold stays under it, and
    one at or over it is left as it is, so `nudged >= threshold` decides as `score >= threshold`."""
    lift = pl.lit(0.0, pl.Float64)
    for name, weight in nudge.weights.items():
        lift = lift + weight * pl.col(name)
    lift = lift.clip(0.0, nudge.cap)
    return pl.when(score < threshold).then(score + (threshold - score) * lift).otherwise(score)
