"""Weekly aggregates per person and for the couple, and the same over the whole chat.

Weeks are ISO weeks (Monday to Sunday) of the chat's local time. The table has one row per week
× person and one per week for the couple, for every week from the first message to the last,
silent weeks included (counts 0, rates null). Columns:

- `week` (Date, the Monday), `iso_year` (Int32), `iso_week` (Int8), `days` (Int64: days of the
  week inside the chat's span, 1–7, so partial first and last weeks are fair),
- `scope` ("person" or "couple"), `person` (the name; null on couple rows),
- then every metric of `METRICS` in order (see docs/chat/signals.md); a metric outside its
  scope, or resting on English word lists in a chat that is not English, is null.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

import polars as pl

from nearer.chat import signals
from nearer.chat.metrics import Metric
from nearer.chat.pair import Pair
from nearer.chat.periods import COUPLE, KEYS, PERSON

PER_DAY = Metric(
    "messages_per_day", "Messages a day", "per day", lexicon=False, trend=True, min_spread=1.0
)
METRICS: tuple[Metric, ...] = (*signals.METRICS[:1], PER_DAY, *signals.METRICS[1:])
LEAD = ("week", "iso_year", "iso_week", "days", "scope", "person")
#: The table's columns, in order.
COLUMNS = (*LEAD, *(metric.name for metric in METRICS))


def weekly(
    marked: signals.Marked, pair: Pair, english: bool, other_weeks: Collection[date] = ()
) -> pl.DataFrame:
    """The weekly table from the marked messages (signals.mark); lexicon metrics are null in
    `other_weeks` (weeks in another language, language.LanguageCheck)."""
    first, last = _span(marked)
    measured = signals.measure(marked, pl.col("week"))
    weeks = pl.date_range(_monday(first), _monday(last), "1w", eager=True).alias("period")
    table = _grid(weeks, pair).join(
        measured, on=KEYS, how="left", nulls_equal=True, maintain_order="left"
    )
    return _finish(table, first, last, english, other_weeks)


def totals(
    marked: signals.Marked, pair: Pair, english: bool, other_weeks: Collection[date] = ()
) -> pl.DataFrame:
    """The same columns over the whole chat as one period (its `week` is the first Monday,
    `days` the whole span): three rows, the pair's two people then the couple. Lexicon metrics
    are measured without `other_weeks`, each message and turn counted as in its own week's row
    (signals.measure), so a count is the sum of the weekly rows it is measured in."""
    first, last = _span(marked)
    period = pl.lit(_monday(first))
    measured = signals.measure(marked, period)
    if other_weeks:
        lexicon = [m.name for m in METRICS if m.lexicon and m.name in measured.columns]
        in_english = pl.when(~pl.col("week").is_in(signals.weeks_of(other_weeks))).then(period)
        english_only = signals.measure(marked, in_english)
        measured = measured.drop(lexicon).join(
            english_only.select(*KEYS, *lexicon), on=KEYS, how="left", nulls_equal=True
        )
    grid = _grid(pl.Series("period", [_monday(first)]), pair)
    table = grid.join(measured, on=KEYS, how="left", nulls_equal=True, maintain_order="left")
    return (
        _finish(table, first, last, english)
        .with_columns(pl.lit((last - first).days + 1, pl.Int64).alias("days"))
        .with_columns(_per_day())
    )


def _span(marked: signals.Marked) -> tuple[date, date]:
    """The first and last day with a message (the pair always has at least one)."""
    first, last = marked.messages.select(
        pl.col("day").min().alias("first"), pl.col("day").max().alias("last")
    ).row(0)
    return first, last


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _grid(periods: pl.Series, pair: Pair) -> pl.DataFrame:
    who = pl.DataFrame(
        {"scope": [PERSON, PERSON, COUPLE], "person": [*pair.names, None]},
        schema={"scope": pl.String, "person": pl.String},
    )
    return periods.to_frame().join(who, how="cross", maintain_order="left_right")


def _finish(
    table: pl.DataFrame, first: date, last: date, english: bool, other_weeks: Collection[date] = ()
) -> pl.DataFrame:
    week = pl.col("period")
    start = pl.max_horizontal(week, pl.lit(first))
    end = pl.min_horizontal(week + timedelta(days=6), pl.lit(last))
    settled = signals.settle(table, english, other_weeks=other_weeks).with_columns(
        week.dt.iso_year().alias("iso_year"),
        week.dt.week().alias("iso_week"),
        ((end - start).dt.total_days() + 1).alias("days"),
    )
    return settled.with_columns(_per_day()).rename({"period": "week"}).select(*COLUMNS)


def _per_day() -> pl.Expr:
    return (pl.col("messages") / pl.col("days")).alias("messages_per_day")
