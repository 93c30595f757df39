"""Questions asked: curiosity about the other person's day and inner world (love maps).

A question that is criticism or contempt ("Why are you so selfish?", "What is wrong with you?")
asks nothing about the partner's world: it is an attack put as a question, counted among the
horsemen, not here."""

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
    """Adds curious (Boolean): a question that is neither criticism nor contempt."""
    hostile = pl.col("criticism_yes") | pl.col("contempt_yes")
    return frame.with_columns((pl.col("question_yes") & ~hostile).alias("curious"))


def measure(frame: pl.LazyFrame, turns: pl.LazyFrame) -> pl.LazyFrame:
    return counts_per_100_messages(frame, {"questions": "curious"})
