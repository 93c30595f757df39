"""The rhythm of talk: who opens conversations and how quickly replies come.

Reply times are medians (a few overnight gaps would swamp a mean), attributed to the person
replying, measured inside a conversation (see conversations.py), never negative.
"""

from __future__ import annotations

import polars as pl

from nearer.chat.metrics import Metric
from nearer.chat.periods import by_person_and_couple

METRICS = (
    Metric("conversations_started", "Conversations started", "count", lexicon=False,
           count=True),
    Metric("replies", "Replies", "count", lexicon=False, count=True),
    Metric("median_reply_minutes", "Typical time to reply", "minutes", lexicon=False,
           closer="lower", trend=True, min_spread=5.0),
)  # fmt: skip
TURN_FLAGS: tuple[str, ...] = ()


def mark(frame: pl.LazyFrame) -> pl.LazyFrame:
    return frame


def measure(frame: pl.LazyFrame, turns: pl.LazyFrame) -> pl.LazyFrame:
    """Conversations each person opened; replies and their median minutes, by the replier."""
    reply = pl.col("reply_seconds")
    return by_person_and_couple(
        turns,
        [
            pl.col("opens").sum().cast(pl.UInt32).alias("conversations_started"),
            reply.is_not_null().sum().cast(pl.UInt32).alias("replies"),
            (reply.median() / 60.0).alias("median_reply_minutes"),
        ],
    )
