"""Signal families, one module per family, each a pair of pure functions over polars tables.

A family module exposes `METRICS` (its weekly columns), `TURN_FLAGS` (Boolean message columns it
needs summarised per turn), `mark(frame)` (adds its own message-level columns) and
`measure(frame, turns)` (rows keyed by periods.KEYS with its metrics). `mark` runs every family
over the messages once; `measure` groups them into periods. Every lexicon signal is approximate:
a word list sees words, not meaning, tone of voice or what happened off the chat.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date
from functools import reduce
from typing import Protocol, cast

import polars as pl

from nearer.chat.conversations import turns
from nearer.chat.detectors import DETECTORS, detect
from nearer.chat.metrics import Metric
from nearer.chat.pair import Pair
from nearer.chat.periods import KEYS, PERSON
from nearer.chat.signals import (
    affection,
    antidotes,
    appreciation,
    bids,
    disclosure,
    horsemen,
    lsm,
    pronouns,
    questions,
    rhythm,
    tone,
    topics,
    volume,
)


class Family(Protocol):
    METRICS: tuple[Metric, ...]
    TURN_FLAGS: tuple[str, ...]

    def mark(self, frame: pl.LazyFrame) -> pl.LazyFrame: ...

    def measure(self, frame: pl.LazyFrame, turns: pl.LazyFrame) -> pl.LazyFrame: ...


#: In marking order: tone comes before the families that read its episodes and humour.
FAMILIES: tuple[Family, ...] = cast(
    tuple[Family, ...],
    (
        volume, rhythm, tone, questions, disclosure, appreciation, affection, horsemen, antidotes,
        bids, pronouns, lsm, topics,
    ),
)  # fmt: skip
METRICS: tuple[Metric, ...] = tuple(m for family in FAMILIES for m in family.METRICS)
TURN_FLAGS: tuple[str, ...] = tuple(dict.fromkeys(f for fam in FAMILIES for f in fam.TURN_FLAGS))


#: The detectors' contract (chat.detectors.detect): texts and what each answers -> per text,
#: `<name>_yes` for every name in DETECTORS (other columns are ignored).
Detector = Callable[[pl.Series, pl.Series | None], pl.DataFrame]


@dataclass(frozen=True, eq=False)  # eq=False: DataFrames have no truth value to compare
class Marked:
    """`messages`: the annotated messages with every detector's `<name>_yes`, `partner` and each
    family's own columns; their text is dropped once read. `turns`: one row per turn
    (conversations.turns, flags TURN_FLAGS, carrying `partner`, summing lsm.COUNTS) with
    bids.classify's `bid` and `reply`. Messages keep `week` and `day`, turns `week`: periods are
    weeks or the whole chat (`measure`), and a day-level period would need `day` on turns too."""

    messages: pl.DataFrame
    turns: pl.DataFrame


def mark(frame: pl.DataFrame, pair: Pair, english: bool, detector: Detector = detect) -> Marked:
    """Everything about each message and turn that does not depend on the period, computed once.
    For a chat that is not English the detectors do not run (all False); lexicon metrics are
    nulled later by `settle`."""
    first, second = pair.names
    partner = pl.when(pl.col("author") == first).then(pl.lit(second)).otherwise(pl.lit(first))
    detected = frame.drop("text", "context").hstack(
        _decisions(frame, english, detector)
    )  # the families read `lower`; the rest of the text is no longer needed
    # `errands` (topics.errands) is read by more than one family: worked out once, here.
    lazy = detected.lazy().with_columns(
        partner.alias("partner"), topics.errands(pl.col("lower")).alias("errands")
    )
    del detected
    for family in FAMILIES:  # lazily, so polars runs the families' word lists side by side
        lazy = family.mark(lazy)
    marked = lazy.collect()
    turn_table = turns(marked, TURN_FLAGS, carry=("partner",), sums=lsm.COUNTS)
    classified = bids.classify(turn_table, marked.lazy().select("turn", "lower"))
    return Marked(marked.drop("lower"), classified)


def _decisions(frame: pl.DataFrame, english: bool, detector: Detector) -> pl.DataFrame:
    """Each detector's `<name>_yes` per message; the scores are let go on return."""
    if not english:
        return _nothing(frame.height)
    found = detector(frame["text"], frame["context"])
    return found.select(f"{name}_yes" for name in DETECTORS)


def _nothing(height: int) -> pl.DataFrame:
    return pl.DataFrame({f"{name}_yes": pl.repeat(False, height, eager=True) for name in DETECTORS})


def measure(marked: Marked, period: pl.Expr) -> pl.DataFrame:
    """Every family's metrics per period, keyed by KEYS; `period` is a Date expression over the
    `week` column (or a literal for the whole chat), which messages and turns both have. Only
    periods and people with at least one event have rows.

    Where `period` is null, the messages and turns are in no row, yet they still answer and are
    answered as in every other period (a disclosure late on Sunday met early on Monday is met):
    so leaving weeks out this way counts the rest exactly as their own weeks do."""
    frame = marked.messages.lazy().with_columns(period.alias("period"))
    turn_table = marked.turns.lazy().with_columns(period.alias("period"))
    tables = [family.measure(frame, turn_table) for family in FAMILIES]
    return reduce(_join, tables).filter(pl.col("period").is_not_null()).collect()


def _join(left: pl.LazyFrame, right: pl.LazyFrame) -> pl.LazyFrame:
    return left.join(right, on=list(KEYS), how="full", coalesce=True, nulls_equal=True)


def weeks_of(mondays: Collection[date]) -> pl.Series:
    """Weeks (their Mondays) as one Date list, for `is_in`, even when there are none."""
    return pl.Series(list(mondays), dtype=pl.Date).implode()


def _couple_has(count: str) -> pl.Expr:
    """Whether the two people together have any of `count` in the row's period."""
    return (pl.when(pl.col("scope") == PERSON).then(pl.col(count)).sum().over("period")) > 0


def settle(
    table: pl.DataFrame,
    english: bool,
    metrics: Sequence[Metric] = METRICS,
    other_weeks: Collection[date] = (),
) -> pl.DataFrame:
    """Counts become 0 where a row has no events, and so does a person's share of a count the
    other person has some of; a metric's other scope is null; lexicon metrics are null
    (unavailable) when the chat is not English, and in the `period`s of `other_weeks` (weeks in
    another language)."""
    english_here = pl.lit(english) & ~pl.col("period").is_in(weeks_of(other_weeks))
    columns = []
    for metric in metrics:
        value = pl.col(metric.name)
        if metric.count:
            value = value.fill_null(0)
        if metric.share_of is not None:
            value = value.fill_null(pl.when(_couple_has(metric.share_of)).then(0.0))
        keep = pl.col("scope").is_in(metric.scopes)
        if metric.lexicon:
            keep = keep & english_here
        columns.append(pl.when(keep).then(value).alias(metric.name))
    return table.with_columns(columns)
