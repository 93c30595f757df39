"""The report: every stage's result as one typed value, ready for the JSON, CSV and HTML adapters.

Only aggregates: no message text is kept, so a report can be stored or shared without the chat.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import polars as pl

from nearer.chat.caveats import Caveat
from nearer.chat.findings import Finding
from nearer.chat.language import LanguageCheck
from nearer.chat.metrics import Metric
from nearer.chat.pair import Pair
from nearer.chat.periods import COUPLE, PERSON
from nearer.chat.summary import Summary
from nearer.chat.trends import Trend


@dataclass(frozen=True)
class SignalValue:
    """One metric over the whole chat. `couple` and `people` are None where the metric is out of
    scope or unavailable; `reason` says why an unavailable metric is missing."""

    metric: Metric
    available: bool
    reason: str | None
    couple: float | None
    people: Mapping[str, float | None]


@dataclass(frozen=True, eq=False)  # eq=False: a DataFrame has no truth value to compare
class Report:
    summary: Summary
    people: tuple[str, str]  # the pair, `me` first when given
    me: str | None
    title: str | None
    language: LanguageCheck
    conversations: int
    hours: Mapping[str, tuple[int, ...]]  # messages per hour of day (0–23), per person
    signals: tuple[SignalValue, ...]
    weekly: pl.DataFrame  # weekly.weekly's table
    trends: tuple[Trend, ...]
    findings: tuple[Finding, ...]
    warnings: tuple[Caveat, ...] = ()
    time_zone: str | None = None  # the zone instants were put in (clock.py); None: as exported
    pair_summary: Summary | None = None  # in a group chat, the summary of the pair's messages

    def signal(self, name: str) -> SignalValue:
        return next(value for value in self.signals if value.metric.name == name)


@dataclass(frozen=True)
class Stages:
    """What the pipeline hands `build`: each stage's output."""

    summary: Summary
    pair: Pair
    me: str | None
    title: str | None
    language: LanguageCheck
    conversations: int
    hours: Mapping[str, tuple[int, ...]]
    totals: pl.DataFrame  # weekly.totals's table
    weekly: pl.DataFrame
    trends: tuple[Trend, ...]
    findings: tuple[Finding, ...]
    warnings: tuple[Caveat, ...] = ()
    time_zone: str | None = None
    pair_summary: Summary | None = None


def build(stages: Stages, metrics: Sequence[Metric]) -> Report:
    return Report(
        summary=stages.summary,
        people=stages.pair.names,
        me=stages.me,
        title=stages.title,
        language=stages.language,
        conversations=stages.conversations,
        hours=stages.hours,
        signals=tuple(_signal(m, stages.totals, stages.language) for m in metrics),
        weekly=stages.weekly,
        trends=stages.trends,
        findings=stages.findings,
        warnings=stages.warnings,
        time_zone=stages.time_zone,
        pair_summary=stages.pair_summary,
    )


def _signal(metric: Metric, totals: pl.DataFrame, language: LanguageCheck) -> SignalValue:
    available = language.english or not metric.lexicon
    rows = totals.select("scope", "person", metric.name).rows()
    couple = next((value for scope, _, value in rows if scope == COUPLE), None)
    people = {person: value for scope, person, value in rows if scope == PERSON}
    return SignalValue(
        metric=metric,
        available=available,
        reason=None if available else language.reason,
        couple=_number(couple),
        people={person: _number(value) for person, value in people.items()},
    )


def _number(value: object) -> float | None:
    if isinstance(value, int | float) and value == value:  # NaN is not a value
        return float(value)
    return None
