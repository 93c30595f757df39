from __future__ import annotations

import re
from datetime import date

import pytest

from nearer.chat import demo, parsers
from nearer.chat.pipeline import analyze
from nearer.chat.report import Report
from tests.chat.conftest import demo_file

START = date(2024, 1, 8)
HEADER = re.compile(r"^\d\d/\d\d/\d{4}, \d\d:\d\d - ")


def lines() -> list[str]:
    return demo.generate(START).decode("utf-8").splitlines()


def test_the_same_seed_and_start_give_the_same_bytes() -> None:
    assert demo.generate(START) == demo.generate(START)
    assert demo.generate(START, seed=8) != demo.generate(START)


def test_it_is_a_whatsapp_android_export_over_about_four_months() -> None:
    text = lines()
    assert HEADER.match(text[0]) and "end-to-end encrypted" in text[0]
    stamps = [line[:10] for line in text if HEADER.match(line)]
    assert stamps[-1] == "06/05/2024"  # 120 days from 8 January
    assert demo.file_name() == "WhatsApp Chat with Alex.txt"


def test_it_has_the_variety_of_a_real_chat() -> None:
    text = "\n".join(lines())
    assert "<Media omitted>" in text
    assert "This message was deleted" in text
    assert "<This message was edited>" in text
    assert "👩\u200d❤️\u200d👨" in text  # a ZWJ emoji sequence
    assert any(not HEADER.match(line) for line in lines())  # multi-line messages
    assert "Your security code with Alex changed" in text


def test_times_never_run_backwards() -> None:
    moments = [moment for moment, _, _ in demo.messages(START)]
    assert moments == sorted(moments)


def test_its_phases_show_in_the_report(demo_report: Report) -> None:
    status = {trend.metric.name: trend.status for trend in demo_report.trends}
    assert status["logistics_share"] == "higher"
    assert status["conflict_episodes"] == "higher"
    assert status["toward_share"] == "lower"
    assert status["gratitude_per_100"] == "higher"  # the recovery
    assert demo_report.language.english


def test_the_whatsapp_parser_reads_it() -> None:
    if "whatsapp" not in {parser.NAME for parser in parsers.REGISTRY}:
        pytest.skip("the WhatsApp parser is not written yet")
    report = analyze([demo_file(START)])
    assert report.summary.format == "whatsapp"
    assert report.summary.system == 2
    assert set(report.people) == {"Sam", "Alex"}
