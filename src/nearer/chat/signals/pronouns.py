"""We-talk, I-talk and you-talk per 100 words, overall and inside conflict episodes.

Context matters (science.md §4): we-talk goes with better functioning (Karan 2019) and helps
mainly in conflict; couple-level you-talk was a negative sign in every task studied (Meier 2021);
a focus on one partner helps in support talk but not in conflict. So the conflict-only rates are
reported beside the overall ones.
"""

from __future__ import annotations

import polars as pl

from nearer.chat.metrics import Metric
from nearer.chat.periods import by_person_and_couple, per_100
from nearer.chat.tokens import count_words

WE = ("we", "us", "our", "ours", "ourselves", "we're", "we've", "we'll", "we'd", "let's")
I = ("i", "me", "my", "mine", "myself", "i'm", "i've", "i'll", "i'd")  # noqa: E741
YOU = (
    "you", "your", "yours", "yourself", "yourselves", "you're", "you've", "you'll", "you'd", "u",
    "ur", "ya",
)  # fmt: skip
PRONOUNS = {"we": WE, "i": I, "you": YOU}

METRICS = (
    Metric("we_per_100", "We-talk", "per 100 words", closer="higher", trend=True,
           min_spread=0.5),
    Metric("i_per_100", "I-talk", "per 100 words", min_spread=0.5),
    Metric("you_per_100", "You-talk", "per 100 words", closer="lower", trend=True,
           min_spread=0.5),
    Metric("we_conflict_per_100", "We-talk in tense stretches", "per 100 words",
           closer="higher", min_spread=0.5),
    Metric("you_conflict_per_100", "You-talk in tense stretches", "per 100 words",
           closer="lower", min_spread=0.5),
)  # fmt: skip
TURN_FLAGS: tuple[str, ...] = ()


def mark(frame: pl.LazyFrame) -> pl.LazyFrame:
    """Adds pronoun counts we_words, i_words and you_words (UInt32)."""
    return frame.with_columns(
        count_words(pl.col("lower"), words).alias(f"{name}_words")
        for name, words in PRONOUNS.items()
    )


def measure(frame: pl.LazyFrame, turns: pl.LazyFrame) -> pl.LazyFrame:
    conflict = pl.col("in_conflict")
    sums = by_person_and_couple(
        frame,
        [
            pl.col("words").sum().alias("_words"),
            *(pl.col(f"{name}_words").sum().alias(f"_{name}") for name in PRONOUNS),
            pl.col("words").filter(conflict).sum().alias("_conflict_words"),
            pl.col("we_words").filter(conflict).sum().alias("_conflict_we"),
            pl.col("you_words").filter(conflict).sum().alias("_conflict_you"),
        ],
    )
    return sums.with_columns(
        *(per_100(f"_{name}", "_words").alias(f"{name}_per_100") for name in PRONOUNS),
        per_100("_conflict_we", "_conflict_words").alias("we_conflict_per_100"),
        per_100("_conflict_you", "_conflict_words").alias("you_conflict_per_100"),
    ).select(pl.exclude("^_.*$"))
