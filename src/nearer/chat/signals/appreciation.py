"""Appreciation and gratitude: thanks said in words (find-remind-bind; Algoe 2010)."""

from __future__ import annotations

import polars as pl

from nearer.chat.metrics import Metric
from nearer.chat.periods import counts_per_100_messages

METRICS = (
    Metric("gratitude", "Thanks and appreciation", "count", count=True),
    Metric("gratitude_per_100", "Thanks and appreciation", "per 100 messages", closer="higher",
           trend=True, min_spread=1.0),
)  # fmt: skip
TURN_FLAGS: tuple[str, ...] = ()


def mark(frame: pl.LazyFrame) -> pl.LazyFrame:
    return frame


def measure(frame: pl.LazyFrame, turns: pl.LazyFrame) -> pl.LazyFrame:
    return counts_per_100_messages(frame, {"gratitude": "gratitude_yes"})
