from __future__ import annotations

import re

from nearer.chat.pipeline import analyze_parsed
from nearer.chat.render_html_charts import daily_chart, hours_chart, table, trend_chart
from nearer.chat.report import Report
from tests.chat.conftest import daily, exchange, make_chat


def test_a_table_names_its_columns_and_rows() -> None:
    html = table("Caption", ["Week of", "Value"], [["4 Mar 2024", "2"], ["11 Mar 2024", "3"]])
    assert html.startswith("<table><caption>Caption</caption>")
    assert '<tr><th scope="col">Week of</th><th scope="col" class="n">Value</th></tr>' in html
    assert html.count('<th scope="row">') == 2 and html.count('<td class="n">') == 2


def test_a_trend_chart_lists_every_week_and_marks_the_recent_ones(demo_report: Report) -> None:
    finding = demo_report.findings[0]
    html = trend_chart(finding.trend, demo_report)
    weeks = demo_report.weekly["week"].n_unique()
    assert html.count('<th scope="row">') == weeks
    assert html.count("<td>last 8 weeks") == len(finding.trend.recent)
    unusual = sum(point.unusual for point in finding.trend.recent)
    assert html.count("last 8 weeks, outside your usual range</td>") == unusual
    assert "your usual range: " in html
    assert re.search(r'<p class="soft" id="chart-[a-z_0-9]+">Usually', html)


def test_the_rhythm_charts_sum_themselves_up_in_words() -> None:
    lines = (("Sam", "Good morning, I hope you slept well"), ("Alex", "I did"))
    report = analyze_parsed(make_chat(daily(7, lines)))
    assert "On average about 2.0 a day, every week." in daily_chart(report)
    hours = hours_chart(report)
    assert "Busiest hour: 9:00 to 10:00, with 14 messages." in hours
    assert "morning (6h to 12h) 100%" in hours and "night (0h to 6h) 0%" in hours


def test_an_hour_with_one_message_says_message_not_messages() -> None:
    rows = exchange(0, ("Sam", "Good morning, I hope you slept well"), ("Alex", "I did"), gap=90)
    hours = hours_chart(analyze_parsed(make_chat(rows)))
    assert "Busiest hour: 9:00 to 10:00, with 1 message." in hours and "1 messages" not in hours
