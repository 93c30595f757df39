"""Questions asked: curiosity about the other person's day and inner world (love maps)."""

from __future__ import annotations

import polars as pl

from nearer.chat.metrics import Metric
from nearer.chat.periods import counts_per_100_messages

METRICS = (
    Metric("questions", "Questions asked", "count", count=True),
    Metric("questions_per_100", "Questions asked", "per 100 messages", closer="higher",
           trend=True, min_spread=2.0),
)  # fmt: skip
TURN_FLAGS = ("question_yes",)


def mark(frame: pl.LazyFrame) -> pl.LazyFrame:
    return frame


def measure(frame: pl.LazyFrame, turns: pl.LazyFrame) -> pl.LazyFrame:
    return counts_per_100_messages(frame, {"questions": "question_yes"})
