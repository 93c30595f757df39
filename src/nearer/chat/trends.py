"""The last weeks against the couple's own earlier weeks: change against their own past.

Rule, per trended metric (metrics.Metric.trend), on the couple's weekly rows:
- **recent** = the last `RECENT_WEEKS` (8) weeks of the chat; **baseline** = every earlier week
  with a value. With fewer than `MIN_BASELINE_WEEKS` (6) baseline weeks there is no comparison
  (status "baseline_too_short"): a short history says nothing about what is usual.
- **spread** = the standard deviation of the baseline's weekly values, but at least the metric's
  `min_spread` and 10 % of the baseline mean, so a flat baseline does not make every wobble news.
- z = (recent mean − baseline mean) / spread; a single week's z likewise.
- **"unusual for you"** when |z| ≥ `MEAN_Z` (1.5), or when at least `MIN_UNUSUAL_WEEKS` (3) of
  the recent weeks each lie `WEEK_Z` (2) spreads or more away on one side and none on the other.
  Status is then "higher" or "lower". Otherwise it is "mixed" when at least two recent weeks lie
  that far on each side (a dip and a rebound), else "usual".
- A week with fewer than `MIN_WEEK_MESSAGES` (10) messages has no value for any metric but those
  in ALWAYS_KEPT (too few messages to say anything); messages a day keeps every week.
- An unusual trend is **back to usual** when its two latest measured weeks each lie within
  `BACK_Z` (1) spread of the baseline mean: they look like the couple's usual weeks again.
No population norms, no verdicts: the research explains what a direction may mean, the couple's
own past says whether it is unusual.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import polars as pl

from nearer.chat.metrics import Metric
from nearer.chat.periods import COUPLE

RECENT_WEEKS = 8
MIN_BASELINE_WEEKS = 6
MEAN_Z = 1.5
WEEK_Z = 2.0
BACK_Z = 1.0
MIN_UNUSUAL_WEEKS = 3
MIN_WEEK_MESSAGES = 10
ALWAYS_KEPT = ("messages_per_day",)
STATUSES = (
    "higher",
    "lower",
    "mixed",
    "usual",
    "baseline_too_short",
    "no_recent_data",
    "unavailable",
)


@dataclass(frozen=True)
class WeekPoint:
    """One recent week: its value (None when the week had nothing to measure), its z against
    the baseline (None without a baseline) and whether it lies beyond WEEK_Z."""

    week: date
    value: float | None
    z: float | None
    unusual: bool


@dataclass(frozen=True)
class Baseline:
    weeks: int
    mean: float
    spread: float  # the floored standard deviation used for z


@dataclass(frozen=True)
class Trend:
    """One metric's recent weeks against its baseline; `status` is one of STATUSES."""

    metric: Metric
    status: str
    baseline: Baseline | None
    recent_mean: float | None
    z: float | None
    recent: tuple[WeekPoint, ...]

    @property
    def unusual(self) -> bool:
        """ "Unusual for you": the recent weeks lie higher or lower than the baseline."""
        return self.status in ("higher", "lower")

    @property
    def back_to_usual(self) -> bool:
        """An unusual trend whose two latest measured weeks each lie within BACK_Z spreads of
        the baseline mean: not merely short of WEEK_Z, but like the couple's usual weeks."""
        latest = [point.z for point in self.recent if point.z is not None][-2:]
        return self.unusual and len(latest) == 2 and all(abs(z) < BACK_Z for z in latest)

    @property
    def unusual_weeks(self) -> int:
        return sum(point.unusual for point in self.recent)


def trends(
    weekly: pl.DataFrame, metrics: Sequence[Metric], english: bool = True
) -> tuple[Trend, ...]:
    """A Trend for every metric with `trend=True`, from the weekly table (weekly.weekly);
    lexicon metrics of a chat that is not English are "unavailable"."""
    return tuple(
        compare(metric, *series(weekly, metric))
        if english or not metric.lexicon
        else Trend(metric, "unavailable", None, None, None, ())
        for metric in metrics
        if metric.trend
    )


def series(weekly: pl.DataFrame, metric: Metric) -> tuple[list[date], list[float | None]]:
    """The couple's weekly values of a metric, oldest first, as trends read them: None for a
    week with fewer than MIN_WEEK_MESSAGES messages (except metrics in ALWAYS_KEPT)."""
    couple = weekly.filter(pl.col("scope") == COUPLE).sort("week")
    kept = pl.col(metric.name)
    if metric.name not in ALWAYS_KEPT:
        kept = pl.when(pl.col("messages") >= MIN_WEEK_MESSAGES).then(kept)
    values = couple.select(kept.cast(pl.Float64)).to_series().to_list()
    return couple["week"].to_list(), values


def compare(metric: Metric, weeks: Sequence[date], values: Sequence[float | None]) -> Trend:
    """The trend of one metric from its weekly values, oldest first."""
    cut = max(len(values) - RECENT_WEEKS, 0)
    earlier = [float(v) for v in values[:cut] if v is not None]
    recent_values = list(values[cut:])
    baseline = _baseline(metric, earlier)
    points = tuple(_point(w, v, baseline) for w, v in zip(weeks[cut:], recent_values, strict=True))
    present = [float(v) for v in recent_values if v is not None]
    recent_mean = statistics.fmean(present) if present else None
    if baseline is None:
        return Trend(metric, "baseline_too_short", None, recent_mean, None, points)
    if recent_mean is None:
        return Trend(metric, "no_recent_data", baseline, None, None, points)
    z = (recent_mean - baseline.mean) / baseline.spread
    return Trend(metric, _status(z, points), baseline, recent_mean, z, points)


def _baseline(metric: Metric, values: list[float]) -> Baseline | None:
    if len(values) < MIN_BASELINE_WEEKS:
        return None
    mean = statistics.fmean(values)
    spread = max(statistics.stdev(values), metric.min_spread, 0.1 * abs(mean))
    return Baseline(len(values), mean, spread)


def _point(week: date, value: float | None, baseline: Baseline | None) -> WeekPoint:
    if value is None or baseline is None:
        return WeekPoint(week, value, None, False)
    z = (value - baseline.mean) / baseline.spread
    return WeekPoint(week, float(value), z, abs(z) >= WEEK_Z)


def _status(z: float, points: tuple[WeekPoint, ...]) -> str:
    above = sum(p.unusual and (p.z or 0) > 0 for p in points)
    below = sum(p.unusual and (p.z or 0) < 0 for p in points)
    if abs(z) >= MEAN_Z:
        return "higher" if z > 0 else "lower"
    if above >= MIN_UNUSUAL_WEEKS and not below:
        return "higher"
    if below >= MIN_UNUSUAL_WEEKS and not above:
        return "lower"
    return "mixed" if above >= 2 and below >= 2 else "usual"
