"""Volume and balance: how much each person writes, and their share of the couple's messages.

Counts what people sent (text, media, deleted, edited). Balance is shown as shares, never as a
score: writing more is not being a better partner.
"""

from __future__ import annotations

import polars as pl

from nearer.chat.metrics import Metric
from nearer.chat.periods import PERSON, by_person_and_couple, share

METRICS = (
    Metric("messages", "Messages", "count", lexicon=False, count=True),
    Metric("words", "Words", "count", lexicon=False, count=True),
    Metric("media", "Photos, videos and other media", "count", lexicon=False, count=True),
    Metric("message_share", "Share of the couple's messages", "%", lexicon=False,
           scopes=("person",), share_of="messages"),
    Metric("word_share", "Share of the couple's words", "%", lexicon=False, scopes=("person",),
           share_of="words"),
)  # fmt: skip
TURN_FLAGS: tuple[str, ...] = ()


def mark(frame: pl.LazyFrame) -> pl.LazyFrame:
    return frame


def measure(frame: pl.LazyFrame, turns: pl.LazyFrame) -> pl.LazyFrame:
    """Messages, words and media per person and couple; each person's share of the couple's."""
    counts = by_person_and_couple(
        frame,
        [
            pl.len().cast(pl.UInt32).alias("messages"),
            pl.col("words").sum().cast(pl.UInt32).alias("words"),
            (pl.col("kind") == "media").sum().cast(pl.UInt32).alias("media"),
        ],
    )
    person = pl.col("scope") == PERSON
    together = ["period", "scope"]
    return counts.with_columns(
        pl.col("messages").sum().over(together).alias("_all_messages"),
        pl.col("words").sum().over(together).alias("_all_words"),
    ).select(
        pl.exclude("_all_messages", "_all_words"),
        pl.when(person).then(share("messages", "_all_messages")).alias("message_share"),
        pl.when(person).then(share("words", "_all_words")).alias("word_share"),
    )
