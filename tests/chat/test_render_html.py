from __future__ import annotations

import itertools
import re
from dataclasses import replace

from nearer.chat.pipeline import analyze_parsed
from nearer.chat.render_html import render_html, render_sections
from nearer.chat.report import Report
from nearer.content.loader import default_content
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
    assert any(f"Sign it speaks to: {label}" in page for label in labels)
    # Most signs are of distance: "Going well" over "Sign of intimacy: Emotional distance"
    # read as if distance were intimacy.
    assert "Sign of intimacy" not in page
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


def test_weeks_in_another_language_are_named_as_left_out(content: Content) -> None:
    english = [("Sam", "I think we should go to the lake this weekend, if you are free"),
               ("Alex", "Yes! I would love that. Can we leave early in the morning?")]  # fmt: skip
    spanish = [("Sam", "Hola, ¿me llamas a las ocho? No puedo, estoy en el trabajo"),
               ("Alex", "Vale, no pasa nada. ¿Me avisas cuando salgas del trabajo?")]  # fmt: skip
    rows = daily(30 * 7, english) + daily(14, spanish * 2, first_day=30 * 7)
    page = render_html(analyze_parsed(make_chat(rows)), content)
    assert (
        "Part of your chat (2 weeks, from the week of 30 September 2024 to the week of 7 " in page
    )
    assert "looks like another language" in page


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


def make_quiet_recent_report() -> Report:
    """Two messages a day for 14 weeks, then one exchange every fifth day for 8 weeks: the
    recent weeks average well under one message a day."""
    lines = (("Sam", "Good morning, I hope you slept well"), ("Alex", "Morning love, I did"))
    quiet = [row for day in range(98, 154, 5) for row in daily(1, lines, first_day=day)]
    return analyze_parsed(make_chat(daily(98, lines) + quiet))


def test_a_small_rate_keeps_a_decimal_instead_of_reading_as_zero(content: Content) -> None:
    page = render_html(make_quiet_recent_report(), content)
    assert re.search(r"the last 8 weeks 0\.\d a day", page)
    assert not re.search(r"(?<![\d.])0 a day", page)


def heading_levels(html: str) -> list[int]:
    return [int(level) for level in re.findall(r"<h([1-6])\b", html)]


def test_headings_never_skip_a_level(demo_report: Report, content: Content) -> None:
    page = heading_levels(render_html(demo_report, content))
    sections = heading_levels(render_sections(demo_report, content))
    assert page[0] == 1 and sections[0] == 2  # the web page around the sections has its h1
    for levels in (page, sections):
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels


def test_findings_are_headed_one_level_below_their_group(
    demo_report: Report, content: Content
) -> None:
    changes = render_html(demo_report, content).split("<h2>What has changed lately</h2>")[1]
    groups = changes.split("<h2>")[0].split("<h3>")[1:]
    assert len(groups) >= 2
    for group in groups:
        assert "<h4>" in group.split("</h3>")[1]


def test_every_table_has_a_caption_and_headers_for_its_columns_and_rows(
    demo_report: Report, content: Content
) -> None:
    page = render_html(demo_report, content)
    tables = re.findall(r"<table\b[^>]*>(.*?)</table>", page, re.DOTALL)
    assert len(tables) >= 2
    for table in tables:
        assert re.match(r"<caption\b[^>]*>[^<]+", table), table[:200]
        rows = re.findall(r"<tr>(.*?)</tr>", table)
        assert rows[0].startswith('<th scope="col"') and "<td" not in rows[0]
        assert all(row.startswith('<th scope="row"') for row in rows[1:]), table[:200]
        assert not re.search(r"<th[^>]*>\s*</th>", table)


def test_the_chart_key_names_what_is_drawn_not_only_its_colours(
    demo_report: Report, content: Content
) -> None:
    page = render_html(demo_report, content)
    assert "tinted area" not in page and "shaded band" not in page
    assert "dashed lines" in page and "line marked “last 8 weeks”" in page
    charts = len(demo_report.findings)
    assert len(re.findall(r">last 8 weeks( →)?</text>", page)) == charts > 0


def test_every_chart_has_its_values_as_text(demo_report: Report, content: Content) -> None:
    page = render_html(demo_report, content)
    charts = re.findall(r"<svg\b[^>]*>", page)
    assert len(charts) == len(demo_report.findings) + 2  # and the two rhythm charts
    for tag in charts:
        described = re.search(r'aria-describedby="([^"]+)"', tag)
        assert described and f'id="{described[1]}"' in page, tag
    assert page.count('<details class="data">') == len(charts)
    weeks = demo_report.weekly["week"].n_unique()
    per_day = page.split('id="chart-per-day"')[1].split("</details>")[0]
    assert per_day.count('<th scope="row">') == weeks
    hours = page.split('id="chart-hours"')[1].split("</details>")[0]
    assert hours.count('<th scope="row">') == 24


def test_the_hours_chart_says_in_words_when_you_write(content: Content) -> None:
    rows = daily(10, (("Sam", "Good morning, I hope you slept well"), ("Alex", "I did")))
    page = render_html(analyze_parsed(make_chat(rows)), content)
    assert "Busiest hour: 9:00 to 10:00, with 20 messages" in page
    assert "On average about 2.0 a day" in page


def test_a_change_with_no_direction_is_not_filed_as_a_concern(content: Content) -> None:
    lines = (("Sam", "Good morning, I hope you slept well"), ("Alex", "Morning love, I did"))
    busier = daily(56, lines * 4, first_day=98)  # eight messages a day instead of two
    page = render_html(analyze_parsed(make_chat(daily(98, lines) + busier)), content)
    assert "<h3>Worth some care</h3>" not in page
    other = page.split("<h3>Also different from usual</h3>")[1].split("<h3>")[0]
    assert "writing to each other more than usual" in other
    assert "Related sign: " in other and "Sign it speaks to" not in other
    assert "If it fits" not in other and "Something to try" not in other  # it asks for nothing


def test_a_group_chats_headline_counts_the_two_people_alone(content: Content) -> None:
    lines = (("Sam", "Good morning, I hope you slept well"), ("Alex", "Morning love, I did"))
    cat = [(-60.0 * 24 * 10 + minute, "Cat", "hello both of you") for minute in range(5)]
    chat = make_chat(cat + daily(14, lines))
    page = render_html(analyze_parsed(chat, pair=("Sam", "Alex")), content)
    assert "28 messages from 4 March 2024 to 17 March 2024" in page


def test_a_week_in_another_language_is_named_as_such_not_as_too_few_messages(
    content: Content,
) -> None:
    thanks = (
        ("Sam", "Thank you for the flowers, I love them so much"),
        ("Alex", "You are welcome my love, I saw them and thought of you"),
    )
    spanish = (
        ("Sam", "Gracias por las flores, me encantan mucho de verdad"),
        ("Alex", "De nada mi amor, las vi y pense en ti todo el dia"),
    )
    plain = (("Sam", "The flowers are on the table, the blue ones from the market"),
             ("Alex", "I saw them on the way in, the kitchen looks different now"))  # fmt: skip
    # Thanks every day but for two weeks in Spanish, then none for the last 8 weeks: a change
    # whose chart lists every week, the Spanish ones included.
    rows = daily(70, thanks) + daily(14, spanish * 3, 70) + daily(14, thanks, 84)
    rows += daily(56, plain, 98)
    page = render_html(analyze_parsed(make_chat(rows)), content)
    assert "in another language" in page
    assert ">too few messages<" not in page


def _number(shown: str) -> float | None:
    found = re.match(r"([\d,]+(?:\.\d+)?)", shown)
    return float(found.group(1).replace(",", "")) if found else None


def test_a_week_marked_outside_the_usual_range_is_shown_outside_it(
    demo_report: Report, content: Content
) -> None:
    page = render_html(demo_report, content)
    tables = re.findall(r"<caption>([^<]*usual range: ([^<]*))</caption>(.*?)</table>", page)
    assert tables
    for caption, edges, body in tables:
        low, high = (_number(edge) for edge in edges.split(" to "))
        assert low is not None and high is not None
        if "%" in caption:
            assert high <= 100, caption  # a share is never above 100 %
        for shown in re.findall(r'<td class="n">([^<]*)</td><td>[^<]*outside[^<]*</td>', body):
            number = _number(shown)
            assert number is None or not low <= number <= high, (caption, shown)


def test_a_week_the_chat_covers_only_in_part_says_how_many_days() -> None:
    lines = (("Sam", "Good morning, I hope you slept well"), ("Alex", "Morning love, I did"))
    report = analyze_parsed(make_chat(daily(100, lines)))  # Monday 4 March + 100 days
    page = render_html(report, default_content())
    assert "10 Jun 2024 (2 days)" in page and "4 Mar 2024 (" not in page


def test_the_ratio_at_a_glance_says_what_it_counts_and_that_it_is_no_trust_score(
    demo_report: Report, content: Content
) -> None:
    page = render_html(demo_report, content)
    glance = page.split("<h2>The whole chat at a glance</h2>")[1].split("<h2>")[0]
    assert "how many warm messages came for each hard one" in glance
    assert "not how much you trust each other" in glance


def make_one_conversation_page(first: str = "Sam", second: str = "Alex") -> str:
    """Two messages a few minutes apart on Monday 4 March 2024: one day, one conversation."""
    rows = exchange(0, (first, "Good morning, I hope you slept well and have a lovely day"),
                    (second, "Thank you, you too! I will call you at lunch if I can"))  # fmt: skip
    return render_html(analyze_parsed(make_chat(rows)), default_content())


def test_a_chat_of_one_conversation_says_conversation_not_conversations() -> None:
    page = make_one_conversation_page()
    assert "1 conversation (a new one starts" in page and "1 conversations" not in page


def test_a_chat_of_one_day_says_on_that_day_not_from_it_to_itself() -> None:
    page = make_one_conversation_page()
    assert "2 messages on 4 March 2024 (WhatsApp export" in page
    assert "to 4 March 2024" not in page


def test_a_right_to_left_name_is_isolated_from_the_sentence_around_it() -> None:
    page = make_one_conversation_page("سارة", "אלכס")
    heading = re.search(
        r"<h1>How <bdi>(.+?)</bdi> and <bdi>(.+?)</bdi> have been talking</h1>", page
    )
    assert heading and {heading[1], heading[2]} == {"سارة", "אלכס"}
    for name in ("سارة", "אלכס"):
        assert f'<th scope="col" class="n"><bdi>{name}</bdi></th>' in page  # each of you
        assert f"\u2068{name}\u2069" in page.split("</title>")[0]  # <title> holds no tags


def test_an_isolated_name_is_still_escaped() -> None:
    page = make_one_conversation_page(EVIL, "Alex")
    assert "<bdi>&lt;script&gt;alert(1)&lt;/script&gt;</bdi>" in page and EVIL not in page


def test_warnings_that_change_the_figures_are_shown_near_the_top_escaped(
    demo_report: Report, content: Content
) -> None:
    warned = replace(demo_report, warnings=("3 messages name no sender; <b>left out</b>",))
    html = render_html(warned, content)
    note = html.index("About the export.")
    assert note < html.index("Please read this first.")
    assert "<li>3 messages name no sender; &lt;b&gt;left out&lt;/b&gt;</li>" in html


def test_a_report_without_warnings_has_no_export_note(
    demo_report: Report, content: Content
) -> None:
    assert "About the export." not in render_html(replace(demo_report, warnings=()), content)
