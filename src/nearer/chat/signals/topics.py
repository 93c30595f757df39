"""Personal talk and logistics: how much of the talk is about the two people, how much errands.

A written message is **personal** when it shares a feeling, or shows affection, care,
understanding or thanks. It is **logistical** when it is not personal and mentions errands,
chores, bills, transport or times ("pick up", "groceries", "at 6pm", "running late"), from our
own small lexicon. Other messages, and every message without words (a lone ❤️, a photo, "10:30"),
are neither: both are shares of the messages with words, so each lies within 0–100 % and the two
add up to at most 100 %. A stressful stretch often shows as logistics rising and personal talk
falling ("surface talk"); logistics is not bad in itself, it is how a shared life runs.
"""

from __future__ import annotations

import polars as pl

from nearer.chat.metrics import Metric
from nearer.chat.periods import by_person_and_couple, flag_counts, share
from nearer.chat.tokens import has_words

LOGISTICS = (
    "pick up", "picked up", "pick you up", "pickup", "drop off", "dropped off", "groceries",
    "grocery", "supermarket", "shopping", "store", "buy", "bought", "milk", "bread", "eggs",
    "bill", "bills", "rent", "pay", "paid", "invoice", "bank", "appointment", "dentist",
    "meeting", "schedule", "calendar", "train", "bus", "traffic", "parking", "car", "petrol",
    "gas", "keys", "laundry", "dishes", "dishwasher", "vacuum", "trash", "bins", "recycling",
    "package", "parcel", "delivery", "deliver", "order", "ordered", "plumber", "school run",
    "daycare", "nursery", "kids", "tickets", "booking", "booked", "reservation", "charger",
    "errand", "errands", "fridge", "what time", "on my way", "omw", "running late", "be home",
    "home by", "leaving now", "leave at", "eta", "tomorrow at", "tonight at", "pharmacy",
    "prescription", "insurance", "mechanic", "landlord", "repair",
)  # fmt: skip
# Whole numbers: the characters around them (or the text's ends) stand for word boundaries, for
# speed (see tokens.found_alternation).
TIMES = r"(?:^|\W)\d{1,2}(?::\d{2})?\s*(?:am|pm)(?:\W|$)|(?:^|\W)\d{1,2}:\d{2}(?:\W|$)"

METRICS = (
    Metric("personal_messages", "Personal messages", "count", count=True),
    Metric("logistics_messages", "Logistics messages", "count", count=True),
    Metric("personal_share", "Personal talk", "%", closer="higher", trend=True, min_spread=3.0),
    Metric("logistics_share", "Logistics talk", "%", closer="lower", trend=True,
           min_spread=3.0),
)  # fmt: skip
TURN_FLAGS: tuple[str, ...] = ()


def mark(frame: pl.LazyFrame) -> pl.LazyFrame:
    """Adds personal and logistical (Boolean; never both, and both False for a message without
    words, such as a lone ❤️, so that each is a share of the written messages and the two
    together stay within 100 %)."""
    written = pl.col("words") > 0
    shows = pl.any_horizontal(
        "emotional_disclosure_yes", "affection_yes", "caring_yes", "understanding_yes",
        "gratitude_yes",
    )  # fmt: skip
    personal = written & shows
    logistical = written & pl.col("errands") & ~personal  # errands(), added by signals.mark
    return frame.with_columns(personal.alias("personal"), logistical.alias("logistical"))


def errands(lower: pl.Expr) -> pl.Expr:
    """Whether lower-cased text mentions errands, bills, travel or a time of day (LOGISTICS)."""
    return has_words(lower, LOGISTICS) | lower.str.contains(TIMES).fill_null(False)


def measure(frame: pl.LazyFrame, turns: pl.LazyFrame) -> pl.LazyFrame:
    counts = by_person_and_couple(
        frame,
        flag_counts(
            {
                "_written": pl.col("words") > 0,
                "personal_messages": pl.col("personal"),
                "logistics_messages": pl.col("logistical"),
            }
        ),
    )
    return counts.with_columns(
        share("personal_messages", "_written").alias("personal_share"),
        share("logistics_messages", "_written").alias("logistics_share"),
    ).drop("_written")
