from __future__ import annotations

import json
import re
from pathlib import Path

from nearer.chat.render_json import render_json
from nearer.chat.report import Report
from nearer.content.loader import default_content
from nearer.domain.safety import allowed_practices

PRACTICES = default_content().practices
DOCS = Path(__file__).resolve().parents[2] / "docs" / "chat" / "json.md"


def test_the_json_has_summary_signals_weekly_and_trends(demo_report: Report) -> None:
    document = json.loads(render_json(demo_report, PRACTICES))
    assert set(document["summary"]) == {
        "format", "messages", "participants", "first", "last", "media", "system",
    }  # fmt: skip
    assert document["summary"]["messages"] == sum(document["summary"]["participants"].values())
    assert document["signals"]["gratitude"]["available"] is True
    assert len(document["weekly"]) % 3 == 0
    assert {trend["status"] for trend in document["trends"]} <= {
        "higher", "lower", "mixed", "usual", "baseline_too_short", "no_recent_data", "unavailable",
    }  # fmt: skip


def test_first_and_last_are_local_iso_times_without_offset(demo_report: Report) -> None:
    summary = json.loads(render_json(demo_report, PRACTICES))["summary"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", summary["first"])


def test_the_json_holds_no_message_text(demo_report: Report) -> None:
    assert "Miss you today" not in render_json(demo_report, PRACTICES)


def test_every_json_key_is_documented(demo_report: Report) -> None:
    document = json.loads(render_json(demo_report, PRACTICES))
    keys = set(document) | set(document["summary"]) | set(document["language"])
    keys |= set(document["signals"]["messages"]) | set(document["weekly"][0])
    trend = next(t for t in document["trends"] if t["baseline"])
    keys |= set(trend) | set(trend["baseline"]) | set(trend["recent"][0])
    keys |= set(document["findings"][0])
    text = DOCS.read_text(encoding="utf-8")
    missing = sorted(key for key in keys if f"`{key}`" not in text)
    assert not missing, missing


def test_couple_only_metrics_have_null_people_and_person_only_null_couple(
    demo_report: Report,
) -> None:
    signals = json.loads(render_json(demo_report, PRACTICES))["signals"]
    assert signals["lsm"]["people"] is None and signals["lsm"]["couple"] is not None
    assert signals["messages"]["people"] == {"Alex": 830.0, "Sam": 820.0}
    scoped = {v.metric.name: v.metric.scopes for v in demo_report.signals}
    assert all(
        (signals[name]["people"] is None) == ("person" not in scopes)
        for name, scopes in scoped.items()
    )


def test_counts_are_whole_numbers_in_signals_as_in_weekly_rows(demo_report: Report) -> None:
    document = json.loads(render_json(demo_report, PRACTICES))
    for name, value in document["signals"].items():
        if value["unit"] == "count" and value["couple"] is not None:
            assert type(value["couple"]) is int, name
            assert type(document["weekly"][-1][name]) is int, name


def test_a_findings_practice_is_chosen_from_the_practices_given(demo_report: Report) -> None:
    gentle = allowed_practices(PRACTICES, safe=False)
    findings = json.loads(render_json(demo_report, gentle))["findings"]
    named = {finding["practice"] for finding in findings}
    assert None in named and named - {None} <= {p.id for p in gentle}
    deeper = json.loads(render_json(demo_report, PRACTICES))["findings"]
    assert named != {finding["practice"] for finding in deeper}


def test_a_change_in_neither_direction_suggests_no_practice(demo_report: Report) -> None:
    findings = json.loads(render_json(demo_report, PRACTICES))["findings"]
    undirected = [f["practice"] for f in findings if f["toward_closeness"] is None]
    directed = [f["practice"] for f in findings if f["toward_closeness"] is not None]
    assert undirected and set(undirected) == {None} and all(directed)


def test_the_json_says_its_figures_are_approximate(demo_report: Report) -> None:
    reading = json.loads(render_json(demo_report, PRACTICES))["reading"]
    assert "approximate" in reading and "not a verdict" in reading
