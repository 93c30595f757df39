"""Positive and negative tone, conflict episodes, and the positive:negative ratio inside them.

A **conflict episode** is a dense stretch of hostile messages in one conversation. A message is
hostile when the detectors mark it negative, critical or contemptuous. Hostile messages at most
`REACH` (4) places apart in the same conversation belong to one stretch; a stretch with at least
`MIN_HOSTILE` (2) hostile messages, at least one of them critical, contemptuous or defensive, is
an episode: two sad messages while one partner pours out a bad day are support, not conflict.
The episode runs from its first hostile message to `TAIL` (3) messages after its last, so the
repair that often follows a flare-up is inside it.

Inside episodes, positive = positive tone, affection, caring, understanding, thanks or humour;
negative = negative tone, criticism, contempt or defensiveness. Gottman's 5:1 is the reference
for conflict only, a coaching figure, never a pass mark.
"""

from __future__ import annotations

import polars as pl
import polars.selectors as cs

from nearer.chat.metrics import Metric
from nearer.chat.periods import by_person_and_couple, couple_only, per_100, ratio
from nearer.chat.tokens import has_words

REACH = 4
MIN_HOSTILE = 2
TAIL = 3
HUMOUR = ("haha", "hahaha", "hehe", "lol", "lmao", "rofl", "jk", "just kidding", "kidding")

METRICS = (
    Metric("positive", "Warm or upbeat messages", "count", count=True),
    Metric("negative", "Upset or negative messages", "count", count=True),
    Metric("positive_per_100", "Warm or upbeat messages", "per 100 messages", closer="higher",
           trend=True, min_spread=2.0),
    Metric("negative_per_100", "Upset or negative messages", "per 100 messages", closer="lower",
           trend=True, min_spread=1.0),
    Metric("conflict_episodes", "Tense stretches", "count", count=True, scopes=("couple",),
           closer="lower", trend=True, min_spread=0.5),
    Metric("conflict_messages", "Messages inside tense stretches", "count", count=True),
    Metric("conflict_ratio", "Warm to hard moments inside tense stretches", "ratio",
           closer="higher", trend=True, min_spread=0.5),
)  # fmt: skip
TURN_FLAGS = ("hostile", "in_conflict")


def mark(frame: pl.LazyFrame) -> pl.LazyFrame:
    """Adds humour, positive_any, negative_any, hostile (Boolean), episode (UInt32, null
    outside conflict) and in_conflict (Boolean)."""
    flagged = frame.with_columns(
        (has_words(pl.col("lower"), HUMOUR) | pl.col("lower").str.contains("[😂🤣😆]")).alias(
            "humour"
        ),
        (pl.col("negative_yes") | pl.col("criticism_yes") | pl.col("contempt_yes")).alias(
            "hostile"
        ),
    ).with_columns(
        pl.any_horizontal(
            "positive_yes", "affection_yes", "caring_yes", "understanding_yes", "gratitude_yes",
            "humour",
        ).alias("positive_any"),
        (pl.col("hostile") | pl.col("defensiveness_yes")).alias("negative_any"),
    )  # fmt: skip
    return _episodes(flagged)


def _episodes(frame: pl.LazyFrame) -> pl.LazyFrame:
    rows = frame.with_row_index("row")
    horseman = pl.any_horizontal("criticism_yes", "contempt_yes", "defensiveness_yes")
    hostile = rows.filter(pl.col("hostile")).select(
        "row", "conversation", "position", horseman.alias("horseman")
    )
    step = pl.col("position") - pl.col("position").shift().over("conversation")
    starts = (
        hostile.with_columns((step.is_null() | (step > REACH)).cum_sum().alias("episode"))
        .group_by("episode")
        .agg(
            pl.col("row").min(),
            pl.col("position").max().alias("end"),
            pl.len().alias("n"),
            pl.col("horseman").any(),
        )
        .filter((pl.col("n") >= MIN_HOSTILE) & pl.col("horseman"))
        .select("row", pl.col("episode").cast(pl.UInt32), "end")
    )
    joined = rows.join(starts, on="row", how="left", maintain_order="left").with_columns(
        pl.col("episode", "end").forward_fill().over("conversation")
    )
    inside = (pl.col("position") <= pl.col("end") + TAIL).fill_null(False)
    return joined.with_columns(
        pl.when(inside).then(pl.col("episode")).alias("episode"), inside.alias("in_conflict")
    ).drop("row", "end")


def measure(frame: pl.LazyFrame, turns: pl.LazyFrame) -> pl.LazyFrame:
    """Tone per 100 messages; within conflict episodes, the positive:negative ratio."""
    conflict = pl.col("in_conflict")
    overall = by_person_and_couple(
        frame,
        [
            pl.len().alias("_messages"),
            pl.col("positive_yes").sum().cast(pl.UInt32).alias("positive"),
            pl.col("negative_yes").sum().cast(pl.UInt32).alias("negative"),
            conflict.sum().cast(pl.UInt32).alias("conflict_messages"),
            (conflict & pl.col("positive_any")).sum().alias("_conflict_positive"),
            (conflict & pl.col("negative_any")).sum().alias("_conflict_negative"),
        ],
    ).with_columns(
        per_100("positive", "_messages").alias("positive_per_100"),
        per_100("negative", "_messages").alias("negative_per_100"),
        ratio("_conflict_positive", "_conflict_negative").alias("conflict_ratio"),
    )
    starts = (
        frame.filter(pl.col("episode").is_not_null())
        .group_by("episode")
        .agg(pl.col("period").first())
    )
    episodes = couple_only(starts, [pl.len().cast(pl.UInt32).alias("conflict_episodes")])
    return overall.drop(cs.starts_with("_")).join(
        episodes, on=["period", "scope", "person"], how="left", nulls_equal=True
    )
