"""What an import keeps: the report's aggregates, with the two people as roles, and back.

Kept: summary counts, the whole-chat value of each signal, messages per hour, the couple's weekly
rows, the trends and the time zone the times were put in, as `nearer analyze --format json`
writes them (docs/chat/json.md), and the kind of each of the analyser's warnings with its count
(`warning_kinds`, chat/caveats.py), never their words. Dropped: the chat's title, the warnings'
words (they may name a person, the chat or a file), everyone else in a group chat, the
per-person weekly rows, and each person's own value of every signal but the rhythm the page
shows side by side (`PER_PERSON`: how much each wrote, who started, reply time): neither partner
reads the word-list signs of the other's messages, only the couple's. The two people are
"uploader" and "partner", never the names in the chat; `load` puts the viewer's own labels in
("You" and the partner's name), and each kept warning in nearer's own words.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

import polars as pl

from nearer.chat.caveats import Caveat, Kind, kind_of, plain
from nearer.chat.findings import LINKS, findings, suggested
from nearer.chat.language import LanguageCheck
from nearer.chat.periods import COUPLE
from nearer.chat.render_html import RHYTHM
from nearer.chat.render_json import render_json
from nearer.chat.report import Report, SignalValue
from nearer.chat.summary import Summary
from nearer.chat.trends import Baseline, Trend, WeekPoint
from nearer.chat.weekly import METRICS
from nearer.content.loader import default_content
from nearer.domain.model import Practice
from nearer.domain.safety import allowed_practices

UPLOADER, PARTNER = "uploader", "partner"
ROLES = (UPLOADER, PARTNER)
PER_PERSON = RHYTHM


def suggestions() -> list[Practice]:
    """The practices a result may suggest: never one that touches conflict, needs safety or asks
    for vulnerability, whoever is looking. Either partner may be afraid of the other without the
    other knowing, and suggestions that followed the checks would tell the clear partner that
    the other's had changed (the plan, not the chat, carries the deeper practices)."""
    return allowed_practices(default_content().practices, safe=False)


def keep(report: Report) -> dict[str, Any]:
    """The storable aggregates of a report analysed with the uploader first (`me`)."""
    document: dict[str, Any] = json.loads(render_json(report, suggestions()))
    role = dict(zip(report.people, ROLES, strict=True))
    summary = document["summary"]
    summary["participants"] = {
        role[name]: count for name, count in summary["participants"].items() if name in role
    }
    for name, value in document["signals"].items():
        if name not in PER_PERSON:
            value["people"] = None
        elif value["people"] is not None:  # null for a couple-only metric
            value["people"] = {role[who]: number for who, number in value["people"].items()}
    document.update(
        people=list(ROLES),
        me=UPLOADER,
        title=None,
        warnings=[],
        warning_kinds=_kinds(report.warnings),
        hours={role[name]: counts for name, counts in document["hours"].items()},
        weekly=[row for row in document["weekly"] if row["scope"] == COUPLE],
    )
    return document


def as_kept_now(document: Mapping[str, Any]) -> dict[str, Any]:
    """A kept document as `keep` writes it today, for an export: a document kept before the
    per-person values of the word-list signs were dropped (see `_people`) loses them here too, and
    one kept before its findings' practices were chosen from `suggestions` gets those instead."""
    kept = dict(document)
    if "findings" in kept:
        offered = suggestions()
        kept["findings"] = [_suggesting(finding, offered) for finding in kept["findings"]]
    if "signals" in kept:
        kept["signals"] = {
            name: {**value, "people": value.get("people") if name in PER_PERSON else None}
            for name, value in kept["signals"].items()
        }
    return kept


def _suggesting(finding: Mapping[str, Any], practices: Sequence[Practice]) -> dict[str, Any]:
    link = LINKS.get(finding["metric"])
    practice = None if link is None else suggested(link, finding["toward_closeness"], practices)
    return {**finding, "practice": None if practice is None else practice.id}


def _people(
    name: str, people: Mapping[str, float] | None, labels: Mapping[str, str]
) -> dict[str, float]:
    """Each person's value of signal `name`, by label; none but the rhythm (`PER_PERSON`), even
    from a document kept before the others were dropped."""
    if name not in PER_PERSON:
        return {}
    return {labels[role]: number for role, number in (people or {}).items()}


def load(document: Mapping[str, Any], labels: Mapping[str, str], first: str) -> Report:
    """The report again, each role shown by `labels[role]`, the `first` role first."""
    people = (labels[first], labels[next(r for r in ROLES if r != first)])
    metrics = {metric.name: metric for metric in METRICS}
    trends = tuple(_trend(item, metrics) for item in document["trends"])
    return Report(
        summary=_summary(document["summary"], labels),
        people=people,
        me=people[0],
        title=None,
        language=_language(document["language"]),
        conversations=document["conversations"],
        hours={labels[role]: tuple(counts) for role, counts in document["hours"].items()},
        signals=tuple(
            SignalValue(
                metric=metrics[name],
                available=value["available"],
                reason=value["reason"],
                couple=value["couple"],
                people=_people(name, value["people"], labels),
            )
            for name, value in document["signals"].items()
        ),
        weekly=pl.DataFrame(document["weekly"], infer_schema_length=None).with_columns(
            pl.col("week").str.to_date()
        ),
        trends=trends,
        findings=findings(trends),
        warnings=_warnings(document.get("warning_kinds")),
        time_zone=document.get("time_zone"),  # absent from imports kept before it was stored
    )


def _kinds(warnings: Sequence[str]) -> list[dict[str, Any]]:
    """Each kind of warning once, in the order first met, with its `count`: the sum of the
    warnings' numbers (two files not read: 2), None where any of them has none."""
    counts: dict[Kind, int | None] = {}
    for warning in warnings:
        kind, number = kind_of(warning)
        if kind not in counts:
            counts[kind] = number
        else:
            before = counts[kind]
            counts[kind] = None if before is None or number is None else before + number
    return [{"kind": kind.value, "count": count} for kind, count in counts.items()]


def _warnings(kinds: Sequence[Mapping[str, Any]] | None) -> tuple[Caveat, ...]:
    """The kept kinds as caveats in nearer's own words (caveats.plain); none from an import kept
    before they were, and a kind this version does not know said in general words."""
    caveats = []
    for item in kinds or ():
        try:
            kind = Kind(item["kind"])
        except ValueError:
            kind = Kind.OTHER
        count = item.get("count")
        caveats.append(Caveat(kind, plain(kind, count), count))
    return tuple(caveats)


def _language(value: Mapping[str, Any]) -> LanguageCheck:
    """The language check as stored; `other_weeks` is absent from imports kept before it was."""
    weeks = tuple(date.fromisoformat(week) for week in value.get("other_weeks", ()))
    return LanguageCheck(
        value["english"], value["share"], value["words"], value["reason"], other_weeks=weeks
    )


def _summary(value: Mapping[str, Any], labels: Mapping[str, str]) -> Summary:
    return Summary(
        format=value["format"],
        messages=value["messages"],
        participants={labels[role]: count for role, count in value["participants"].items()},
        first=_when(value["first"]),
        last=_when(value["last"]),
        media=value["media"],
        system=value["system"],
    )


def _trend(value: Mapping[str, Any], metrics: Mapping[str, Any]) -> Trend:
    baseline = value["baseline"]
    return Trend(
        metric=metrics[value["metric"]],
        status=value["status"],
        baseline=None if baseline is None else Baseline(**baseline),
        recent_mean=value["recent_mean"],
        z=value["z"],
        recent=tuple(
            WeekPoint(date.fromisoformat(p["week"]), p["value"], p["z"], p["unusual"])
            for p in value["recent"]
        ),
    )


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
