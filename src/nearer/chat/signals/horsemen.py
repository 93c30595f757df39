"""Gottman's four horsemen as approximate markers: criticism, contempt, defensiveness and
stonewalling. Each has its antidote in antidotes.py.

Criticism, contempt and defensiveness are the detectors' message-level marks, counted wherever
they occur. **Stonewalling** is read from silence: a hostile turn inside a conflict episode that
the other person leaves unanswered in the conversation, or answers more than `SILENCE_SECONDS`
(1 hour) after the turn's last message. It counts for the person who went silent. A silence
right after either person asked for a pause ("I need a break") is self-soothing, not
stonewalling, and is not counted. The chat's final turn is left out.
"""

from __future__ import annotations

import polars as pl

from nearer.chat.conversations import following
from nearer.chat.metrics import Metric
from nearer.chat.periods import by_person_and_couple, counts_per_100_messages

SILENCE_SECONDS = 3600.0

METRICS = (
    Metric("criticism", "Criticism", "count", count=True),
    Metric("contempt", "Contempt", "count", count=True),
    Metric("defensiveness", "Defensiveness", "count", count=True),
    Metric("criticism_per_100", "Criticism", "per 100 messages", closer="lower", trend=True,
           min_spread=0.5),
    Metric("contempt_per_100", "Contempt", "per 100 messages", closer="lower", trend=True,
           min_spread=0.5),
    Metric("defensiveness_per_100", "Defensiveness", "per 100 messages", closer="lower",
           trend=True, min_spread=0.5),
    Metric("stonewalling", "Going silent in a tense moment", "count", count=True,
           closer="lower", trend=True, min_spread=0.5),
)  # fmt: skip
TURN_FLAGS = ("hostile", "in_conflict", "pause")
FLAGS = {
    "criticism": "criticism_yes",
    "contempt": "contempt_yes",
    "defensiveness": "defensiveness_yes",
}


def mark(frame: pl.LazyFrame) -> pl.LazyFrame:
    return frame


def measure(frame: pl.LazyFrame, turns: pl.LazyFrame) -> pl.LazyFrame:
    marks = counts_per_100_messages(frame, FLAGS)
    silences = stonewalls(turns)
    counted = by_person_and_couple(
        silences, [pl.len().cast(pl.UInt32).alias("stonewalling")], who="partner"
    )
    return marks.join(counted, on=["period", "scope", "person"], how="left", nulls_equal=True)


def stonewalls(turns: pl.LazyFrame) -> pl.LazyFrame:
    """The hostile conflict turns met with silence (rows of `turns`, `partner` went silent).

    The silence runs from the turn's last message to the answer, so a turn that opened with a
    calm message long before its hostile ones is not read as an hour of silence."""
    answered = following(turns, ("start",))
    same = pl.col("conversation") == pl.col("conversation").shift()
    paused = pl.col("pause") | (same & pl.col("pause").shift()).fill_null(False)
    # A clock that jumped back gives a negative silence, never a slow answer.
    silence = (pl.col("next_start") - pl.col("end")).dt.total_microseconds() / 1e6
    slow = ~pl.col("next_in_conversation") | (silence > SILENCE_SECONDS)
    conflict_turn = pl.col("hostile") & pl.col("in_conflict") & ~pl.col("last")
    return answered.filter(conflict_turn & slow.fill_null(False) & ~paused)
