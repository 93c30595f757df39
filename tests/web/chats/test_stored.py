"""The stored form of a report: aggregates only, the two people as roles, and back again."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from nearer.chat import demo
from nearer.chat.caveats import Caveat, Kind, kind_of, plain
from nearer.chat.findings import LINKS
from nearer.chat.pipeline import analyze
from nearer.chat.records import ChatFile
from nearer.chat.render_html import render_sections
from nearer.chat.render_json import render_json
from nearer.content.loader import default_content
from nearer.web.chats import stored
from tests.web.chats.conftest import DEMO_CANARIES


def demo_report():  # type: ignore[no-untyped-def]
    files = [ChatFile("WhatsApp Chat with Alex.txt", demo.generate(date(2024, 1, 1)))]
    return analyze(files, me="Sam", pair=("Sam", "Alex"))


def test_kept_report_holds_no_names_or_words_of_the_chat() -> None:
    text = json.dumps(stored.keep(demo_report()))
    for canary in DEMO_CANARIES:
        assert canary not in text, canary


def test_kept_report_keeps_only_the_couples_weekly_rows() -> None:
    kept = stored.keep(demo_report())
    assert {row["scope"] for row in kept["weekly"]} == {"couple"}
    assert kept["people"] == ["uploader", "partner"] and kept["title"] is None


def test_loaded_report_renders_the_same_findings_with_the_viewers_labels() -> None:
    report = demo_report()
    labels = {"uploader": "Bob", "partner": "You"}
    loaded = stored.load(stored.keep(report), labels, first="partner")
    assert loaded.people == ("You", "Bob")
    assert [f.trend.metric.name for f in loaded.findings] == [
        f.trend.metric.name for f in report.findings
    ]
    assert loaded.findings, "the demo chat has changes worth showing"
    html = render_sections(loaded, default_content())
    assert "Sign it speaks to" in html and ">You<" in html and "Sam" not in html


def kept_before_the_word_list_signs_were_dropped(report):  # type: ignore[no-untyped-def]
    """A document as `keep` wrote it before: each person's own value of every signal."""
    document = stored.keep(report)
    every = json.loads(render_json(report, default_content().practices))["signals"]
    role = dict(zip(report.people, stored.ROLES, strict=True))
    for name, value in every.items():
        if value["people"] is not None:
            people = {role[who]: number for who, number in value["people"].items()}
            document["signals"][name]["people"] = people
    return document


def test_a_document_kept_before_is_exported_as_one_kept_now() -> None:
    report = demo_report()
    old = kept_before_the_word_list_signs_were_dropped(report)
    assert old != stored.keep(report)  # the old document does hold the partner's signs
    assert stored.as_kept_now(old) == stored.keep(report)


def test_a_document_kept_naming_any_linked_practice_is_exported_with_the_pages_choice() -> None:
    report = demo_report()
    old = stored.keep(report)
    for finding in old["findings"]:  # as kept before: the link's practice, however deep
        finding["practice"] = LINKS[finding["metric"]].practice
    assert stored.as_kept_now(old) == stored.keep(report)


def test_kept_warnings_are_their_kinds_and_counts_never_their_words() -> None:
    warnings = (
        Caveat(Kind.UNREAD_FILE, "Alex notes.md is not read", 1),
        Caveat(Kind.AMBIGUOUS_DATES, "WhatsApp Chat with Alex.txt: the date order is uncertain"),
        Caveat(Kind.UNREAD_FILE, "Alex 2.md is not read", 1),
    )
    kept = stored.keep(replace(demo_report(), warnings=warnings))
    assert kept["warnings"] == [] and "Alex" not in json.dumps(kept)
    assert kept["warning_kinds"] == [
        {"kind": "unread_file", "count": 2},
        {"kind": "ambiguous_dates", "count": None},
    ]


def test_loaded_warnings_are_in_nearers_own_words() -> None:
    document = stored.keep(demo_report())
    document["warning_kinds"] = [
        {"kind": "no_sender", "count": 3},
        {"kind": "a_kind_of_a_later_version", "count": None},
    ]
    loaded = stored.load(document, {"uploader": "You", "partner": "Bob"}, first="uploader")
    assert loaded.warnings == (plain(Kind.NO_SENDER, 3), plain(Kind.OTHER))
    assert [kind_of(w) for w in loaded.warnings] == [(Kind.NO_SENDER, 3), (Kind.OTHER, None)]


def test_a_document_kept_before_warning_kinds_loads_without_warnings() -> None:
    document = stored.keep(demo_report())
    del document["warning_kinds"]
    loaded = stored.load(document, {"uploader": "You", "partner": "Bob"}, first="uploader")
    assert loaded.warnings == ()
    assert "warning_kinds" not in stored.as_kept_now(document)  # not known: not made up
