"""Affection in words and emoji: "love you", "miss you", hearts, pet names."""

from __future__ import annotations

import polars as pl

from nearer.chat.metrics import Metric
from nearer.chat.periods import counts_per_100_messages

METRICS = (
    Metric("affection", "Affection", "count", count=True),
    Metric("affection_per_100", "Affection", "per 100 messages", closer="higher", trend=True,
           min_spread=1.0),
)  # fmt: skip
TURN_FLAGS = ("affection_yes",)


def mark(frame: pl.LazyFrame) -> pl.LazyFrame:
    return frame


def measure(frame: pl.LazyFrame, turns: pl.LazyFrame) -> pl.LazyFrame:
    return counts_per_100_messages(frame, {"affection": "affection_yes"})
