"""Grouping events into periods, per person and for the couple together.

Every signal family turns its events (messages, turns, episodes, days...) into rows keyed by
`KEYS`: the period (a week's Monday, or one period for the whole chat), the scope ("person" or
"couple") and the person (null on couple rows). The caller decides what a period is by putting a
Date in the events' `period` column.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

KEYS = ("period", "scope", "person")
PERSON, COUPLE = "person", "couple"


def by_person_and_couple(
    events: pl.LazyFrame, aggregations: Sequence[pl.Expr], who: str = "author"
) -> pl.LazyFrame:
    """`aggregations` per (period, person) and per period for both together.

    `who` names the column that attributes each event to a person.
    """
    people = (
        events.group_by("period", who)
        .agg(aggregations)
        .rename({who: "person"})
        .with_columns(pl.lit(PERSON).alias("scope"))
    )
    couple = (
        events.group_by("period")
        .agg(aggregations)
        .with_columns(pl.lit(COUPLE).alias("scope"), pl.lit(None, pl.String).alias("person"))
    )
    return pl.concat([people, couple], how="diagonal_relaxed").select(*KEYS, pl.exclude(*KEYS))


def couple_only(events: pl.LazyFrame, aggregations: Sequence[pl.Expr]) -> pl.LazyFrame:
    """`aggregations` per period, as couple rows only."""
    return (
        events.group_by("period")
        .agg(aggregations)
        .with_columns(pl.lit(COUPLE).alias("scope"), pl.lit(None, pl.String).alias("person"))
        .select(*KEYS, pl.exclude(*KEYS))
    )


def per_100(count: str, total: str) -> pl.Expr:
    """count per 100 of total (Float64); null where total is 0."""
    return pl.when(pl.col(total) > 0).then(pl.col(count) * 100.0 / pl.col(total))


def share(part: str, whole: str) -> pl.Expr:
    """part as a percentage of whole (Float64, 0–100); null where whole is 0."""
    return per_100(part, whole)


def ratio(top: str, bottom: str) -> pl.Expr:
    """top / bottom (Float64); null where bottom is 0."""
    return pl.when(pl.col(bottom) > 0).then(pl.col(top) / pl.col(bottom).cast(pl.Float64))


def flag_counts(flags: dict[str, pl.Expr]) -> list[pl.Expr]:
    """Sum of each Boolean expression, named by its key (UInt32)."""
    return [expr.sum().cast(pl.UInt32).alias(name) for name, expr in flags.items()]


def counts_per_100_messages(frame: pl.LazyFrame, flags: dict[str, str]) -> pl.LazyFrame:
    """For each name -> Boolean message column: the count `<name>` (UInt32) and
    `<name>_per_100` (per 100 sent messages), per person and couple."""
    counted = by_person_and_couple(
        frame,
        [pl.len().alias("_messages"), *flag_counts({n: pl.col(c) for n, c in flags.items()})],
    )
    return counted.with_columns(
        per_100(name, "_messages").alias(f"{name}_per_100") for name in flags
    ).drop("_messages")
