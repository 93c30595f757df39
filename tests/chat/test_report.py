from __future__ import annotations

from nearer.chat.pipeline import analyze_parsed
from nearer.chat.report import Report
from tests.chat.conftest import ALEX, SAM, exchange, make_chat


def test_the_report_holds_whole_chat_signals_for_each_person_and_the_couple(
    demo_report: Report,
) -> None:
    thanks = demo_report.signal("gratitude")
    assert set(thanks.people) == set(demo_report.people)
    assert thanks.couple == sum(v or 0 for v in thanks.people.values())
    assert thanks.available and thanks.reason is None


def test_an_unavailable_signal_says_why() -> None:
    rows = exchange(0, (SAM, "Danke für das schöne Frühstück heute Morgen, mein Schatz"),
                    (ALEX, "Gern geschehen, ich freue mich schon auf heute Abend mit dir"),
                    (SAM, "Wollen wir später noch zusammen spazieren gehen?"))  # fmt: skip
    report = analyze_parsed(make_chat(rows))
    thanks = report.signal("gratitude")
    assert not thanks.available and thanks.couple is None
    assert thanks.reason == report.language.reason
    assert report.signal("messages").couple == 3.0


def test_the_report_keeps_no_message_text(demo_report: Report) -> None:
    assert not any(isinstance(v, str) and "Thank you" in v for v in vars(demo_report).values())
    assert "text" not in demo_report.weekly.columns
