"""Turning signals into detector logits: a head is a bias plus weighted signals."""

from __future__ import annotations

import math
from collections.abc import Mapping

import polars as pl

from nearer.chat.detectors.model import Head


def logit(head: Head) -> pl.Expr:
    """The head's logit over a frame holding every signal it names ("a*b" multiplies two)."""
    total = pl.lit(head.bias, pl.Float64)
    for name, weight in head.weights.items():
        total = total + weight * _signal(name)
    return total


def _signal(name: str) -> pl.Expr:
    if "*" in name:
        first, second = name.split("*", 1)
        return pl.col(first) * pl.col(second)
    return pl.col(name)


def add_logits(frame: pl.DataFrame, heads: Mapping[str, Head]) -> pl.DataFrame:
    """`frame` with a "d:<name>" logit column per head, evaluated in order so a later head may
    use an earlier one's logit."""
    for name, head in heads.items():
        frame = frame.with_columns(logit(head).alias(f"d:{name}"))
    return frame


def probability(column: pl.Expr) -> pl.Expr:
    """The logistic function of a logit column, in 0-1."""
    return 1.0 / (1.0 + (-column.clip(-30.0, 30.0)).exp())


def threshold_logit(threshold: float) -> float:
    """The logit at which a probability threshold sits."""
    return math.log(threshold / (1.0 - threshold))
