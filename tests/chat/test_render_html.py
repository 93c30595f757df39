from __future__ import annotations

import re

from nearer.chat.pipeline import analyze_parsed
from nearer.chat.render_html import render_html
from nearer.chat.report import Report
from nearer.domain.model import Content
from tests.chat.conftest import daily, exchange, make_chat

EVIL = "<script>alert(1)</script>"


def test_the_page_loads_nothing_from_outside(demo_report: Report, content: Content) -> None:
    page = render_html(demo_report, content)
    assert "http://" not in page and "https://" not in page
    assert "<script" not in page.lower()
    assert not re.search(r"<link\b", page, re.IGNORECASE)
    assert not re.search(r"\bsrc=", page, re.IGNORECASE)
    assert "@import" not in page and "url(" not in page


def test_every_report_ends_with_the_same_support_lines(
    demo_report: Report, content: Content
) -> None:
    # Shown whatever the chat holds, so the lines reveal nothing about it to whoever opens it.
    page = render_html(demo_report, content)
    quiet = render_html(
        analyze_parsed(make_chat(exchange(0, ("Sam", "Hi"), ("Alex", "Hey")))), content
    )
    support = page.split("<h2>If you are ever afraid</h2>")[1]
    assert support == quiet.split("<h2>If you are ever afraid</h2>")[1]
    assert "Find A Helpline" in support and "findahelpline.com" in support


def test_chat_text_is_escaped(content: Content) -> None:
    rows = exchange(
        0,
        (EVIL, "Thank you for the lovely dinner, I really enjoyed it with you"),
        ("Alex", "Anytime, you know I love cooking for you and spending time together"),
    )
    page = render_html(analyze_parsed(make_chat(rows, title=EVIL)), content)
    assert EVIL not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_findings_name_their_sign_and_a_gentle_practice(
    demo_report: Report, content: Content
) -> None:
    page = render_html(demo_report, content)
    labels = {item.label for item in content.instruments["signs"].items}
    assert any(f"Sign of intimacy: {label}" in page for label in labels)
    assert "Something to try:" in page
    for practice in content.practices:
        if practice.needs_vulnerability:
            assert practice.title not in page, practice.id


def test_the_page_says_it_is_approximate_and_not_a_verdict(
    demo_report: Report, content: Content
) -> None:
    page = render_html(demo_report, content)
    assert "approximate" in page and "not a verdict" in page
    assert "your own earlier weeks" in page


def test_the_page_is_readable_on_a_phone(demo_report: Report, content: Content) -> None:
    page = render_html(demo_report, content)
    assert '<meta name="viewport" content="width=device-width' in page
    assert "<svg" in page


def test_a_short_chat_says_there_is_nothing_to_compare_yet(content: Content) -> None:
    rows = exchange(0, ("Sam", "Good morning, I hope you slept well and have a lovely day"),
                    ("Alex", "Thank you, you too! I will call you at lunch if I can"))  # fmt: skip
    page = render_html(analyze_parsed(make_chat(rows)), content)
    assert "nothing to compare yet" in page


def test_a_non_english_chat_says_what_is_left_out(content: Content) -> None:
    rows = exchange(
        0,
        ("Sam", "Guten Morgen, ich hoffe du hast gut geschlafen und hast einen schönen Tag"),
        ("Alex", "Danke, du auch! Ich rufe dich in der Mittagspause an, wenn ich kann"),
    )
    page = render_html(analyze_parsed(make_chat(rows)), content)
    assert "Some signals are left out" in page and "not available" in page


def test_weeks_without_a_counted_event_read_as_none_not_as_zero_point_zero(
    demo_report: Report, content: Content
) -> None:
    page = render_html(demo_report, content)
    assert "0.0 a week" not in page and "0.0 per 100" not in page
    assert re.search(r"Usually none; the last 8 weeks \d+\.\d a week", page)
    assert re.search(r"Usually none; the last 8 weeks \d+\.\d per 100 messages", page)


def test_a_one_week_chat_says_week_not_weeks(content: Content) -> None:
    rows = exchange(0, ("Sam", "Good morning, I hope you slept well and have a lovely day"),
                    ("Alex", "Thank you, you too! I will call you at lunch if I can"))  # fmt: skip
    page = render_html(analyze_parsed(make_chat(rows)), content)
    assert "Your chat covers 1 week." in page and "1 weeks" not in page


def test_signals_that_could_not_be_compared_are_named_not_called_usual(content: Content) -> None:
    # Eight messages a week for 20 weeks: too few for any rate or share, so only messages a day
    # has earlier weeks to compare with.
    lines = (("Sam", "Thank you for the flowers, I love them"), ("Alex", "I love you so much"))
    rows = [row for week in range(20) for row in daily(4, lines, first_day=week * 7)]
    page = render_html(analyze_parsed(make_chat(rows)), content)
    assert "Nothing in the last 8 weeks stands out from what is usual for you." not in page
    assert "Most signals could not be compared with your earlier weeks yet" in page
    assert re.search(r"<strong>Not compared yet</strong>[^<]*Personal talk", page)
