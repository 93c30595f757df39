"""The report as JSON (documented in docs/chat/json.md): aggregates only, no message text."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from nearer.chat import wording
from nearer.chat.findings import Finding, suggested
from nearer.chat.metrics import Metric
from nearer.chat.report import Report, SignalValue
from nearer.chat.summary import Summary
from nearer.chat.trends import Trend
from nearer.domain.model import Practice

FORMAT = "nearer-chat-report/1"


def render_json(report: Report, practices: Sequence[Practice]) -> str:
    """The report as a JSON document (UTF-8 text, keys in a fixed order, numbers rounded to 4
    decimals, null for anything unknown or unavailable); each finding's practice is chosen from
    `practices`, as the HTML report chooses it."""
    document = {
        "format": FORMAT,
        "reading": wording.READING,
        "summary": summary(report.summary),
        "people": list(report.people),
        "me": report.me,
        "title": report.title,
        "time_zone": report.time_zone,
        "language": {
            "english": report.language.english,
            "share": _number(report.language.share),
            "words": report.language.words,
            "reason": report.language.reason,
            "other_weeks": [week.isoformat() for week in report.language.other_weeks],
        },
        "conversations": report.conversations,
        "hours": {person: list(counts) for person, counts in report.hours.items()},
        "signals": {value.metric.name: _signal(value) for value in report.signals},
        "weekly": [_row(row) for row in report.weekly.iter_rows(named=True)],
        "trends": [_trend(trend) for trend in report.trends],
        "findings": [_finding(finding, practices) for finding in report.findings],
        "warnings": list(report.warnings),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def summary(value: Summary) -> dict[str, Any]:
    return {
        "format": value.format,
        "messages": value.messages,
        "participants": dict(value.participants),
        "first": _when(value.first),
        "last": _when(value.last),
        "media": value.media,
        "system": value.system,
    }


def _signal(value: SignalValue) -> dict[str, Any]:
    metric = value.metric
    return {
        "label": metric.label,
        "unit": metric.unit,
        "lexicon": metric.lexicon,
        "available": value.available,
        "reason": value.reason,
        "couple": _amount(metric, value.couple),
        "people": {person: _amount(metric, v) for person, v in value.people.items()}
        if "person" in metric.scopes
        else None,  # a couple-only metric
    }


def _trend(trend: Trend) -> dict[str, Any]:
    baseline = trend.baseline
    return {
        "metric": trend.metric.name,
        "label": trend.metric.label,
        "unit": trend.metric.unit,
        "closer": trend.metric.closer,
        "status": trend.status,
        "unusual": trend.unusual,
        "back_to_usual": trend.back_to_usual,
        "baseline": None
        if baseline is None
        else {
            "weeks": baseline.weeks,
            "mean": _number(baseline.mean),
            "spread": _number(baseline.spread),
        },
        "recent_mean": _number(trend.recent_mean),
        "z": _number(trend.z),
        "unusual_weeks": trend.unusual_weeks,
        "recent": [
            {
                "week": point.week.isoformat(),
                "value": _number(point.value),
                "z": _number(point.z),
                "unusual": point.unusual,
            }
            for point in trend.recent
        ],
    }


def _finding(finding: Finding, practices: Sequence[Practice]) -> dict[str, Any]:
    practice = suggested(finding.link, finding.toward_closeness, practices)
    return {
        "metric": finding.trend.metric.name,
        "direction": finding.trend.status,
        "toward_closeness": finding.toward_closeness,
        "sign": finding.link.sign,
        "practice": None if practice is None else practice.id,
    }


def _row(row: dict[str, Any]) -> dict[str, Any]:
    return {key: _value(value) for key, value in row.items()}


def _value(value: object) -> object:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, float):
        return _number(value)
    return value


def _number(value: float | None) -> float | None:
    if value is None or math.isnan(value) or math.isinf(value):
        return None
    return round(value, 4)


def _amount(metric: Metric, value: float | None) -> float | int | None:
    """A whole-chat value: a count as an integer, as in the weekly rows; else `_number`."""
    number = _number(value)
    return int(number) if metric.count and number is not None else number


def _when(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value is not None else None
