"""The HTML report's charts, each with its data as text, and the tables that carry it.

A chart alone leaves out anyone who cannot see it, so each one has a sentence that sums it up,
tied to the chart by aria-describedby, and every value it draws in a table under a <details>
toggle. Tables have a caption and header cells for their columns and rows. Every piece of text
is escaped here, except the cells handed to `table`, which are HTML already.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date
from html import escape

import polars as pl

from nearer.chat import svg, wording
from nearer.chat.metrics import Metric
from nearer.chat.periods import COUPLE
from nearer.chat.render_html_values import NONE, average, span, value
from nearer.chat.report import Report
from nearer.chat.trends import ALWAYS_KEPT, MIN_WEEK_MESSAGES, RECENT_WEEKS, WEEK_Z, Trend, series
from nearer.chat.weekly import PER_DAY

RECENT = f"last {RECENT_WEEKS} weeks"
#: Parts of the day, as the hours chart's ticks mark them: (first hour, last hour + 1, name).
PARTS_OF_DAY = ((0, 6, "night"), (6, 12, "morning"), (12, 18, "afternoon"), (18, 24, "evening"))


def table(
    caption: str, head: Sequence[str], rows: Sequence[Sequence[str]], numbers: int | None = None
) -> str:
    """A table of HTML cells (already escaped): `head` names the columns, the first cell of each
    row names the row, and the `numbers` columns after it (None: all) are right-aligned."""
    last = len(head) - 1 if numbers is None else numbers
    align = [' class="n"' if 1 <= column <= last else "" for column in range(len(head))]
    heads = "".join(f'<th scope="col"{align[i]}>{cell}</th>' for i, cell in enumerate(head))
    body = "".join(
        f'<tr><th scope="row">{row[0]}</th>'
        + "".join(f"<td{align[i]}>{cell}</td>" for i, cell in enumerate(row) if i)
        + "</tr>"
        for row in rows
    )
    return f"<table><caption>{caption}</caption><tr>{heads}</tr>{body}</table>"


def trend_chart(trend: Trend, report: Report) -> str:
    """A trend's weeks against its usual range; the averages in a sentence; each week in a table."""
    metric, baseline = trend.metric, trend.baseline
    weeks, values = series(report.weekly, metric)
    band = None
    if baseline is not None:
        reach = WEEK_Z * baseline.spread
        band = (max(baseline.mean - reach, 0.0), min(baseline.mean + reach, _most(metric)))
    recent_from = len(values) - len(trend.recent)
    marked = [False] * recent_from + [point.unusual for point in trend.recent]
    ident = f"chart-{metric.name}"
    title = f"{_title(metric)}, week by week"
    chart = svg.line_chart(
        values, label=title, band=band, recent_from=recent_from, marked=marked,
        first=_short(weeks[0]) if weeks else "", last=_short(weeks[-1]) if weeks else "",
        recent_label=RECENT, described_by=ident,
    )  # fmt: skip
    usual = average(metric, baseline.mean if baseline else None)
    before = "Usually none" if usual == NONE else f"Usually about {usual}"
    summary = f"{before}; the {RECENT} {average(metric, trend.recent_mean)}."
    if band is not None:
        title += f"; your usual range: {span(metric, *_inward(metric, *band))}"
    missing, named = _missing(report, metric), _weeks_named(report)
    rows = [
        (named(week), _weekly(metric, v, missing(week)), _note(i >= recent_from, flag))
        for i, (week, v, flag) in enumerate(zip(weeks, values, marked, strict=False))
    ]
    return (
        chart + _described(ident, summary) + _data(title, ("Week of", metric.label, "Note"), rows)
    )


def daily_chart(report: Report) -> str:
    """Messages a day, week by week: the chart, its range in a sentence, every week in a table."""
    weeks, values = series(report.weekly, PER_DAY)
    ident = "chart-per-day"
    chart = svg.line_chart(
        values,
        label="Messages a day, week by week",
        first=_short(weeks[0]) if weeks else "",
        last=_short(weeks[-1]) if weeks else "",
        described_by=ident,
    )
    missing, named = _missing(report, PER_DAY), _weeks_named(report)
    rows = [
        (named(week), _weekly(PER_DAY, v, missing(week)))
        for week, v in zip(weeks, values, strict=True)
    ]
    head = ("Week of", "Messages a day")
    summary = _daily_summary([v for v in values if v is not None])
    return chart + _described(ident, summary) + _data("Messages a day, week by week", head, rows)


def _daily_summary(present: list[float]) -> str:
    if not present:
        return "No messages yet."
    mean = value(PER_DAY, sum(present) / len(present))
    low, high = value(PER_DAY, min(present)), value(PER_DAY, max(present))
    if low == high:
        return f"On average about {mean}, every week."
    return f"On average about {mean}; {low} in the quietest week and {high} in the busiest."


def hours_chart(report: Report) -> str:
    """Messages by hour of the day for both people together: the chart, the busiest hour and
    the share of each part of the day in a sentence, every hour in a table."""
    hours = [sum(counts[hour] for counts in report.hours.values()) for hour in range(24)]
    ident = "chart-hours"
    chart = svg.bar_chart(
        [float(count) for count in hours],
        label="Messages by hour of the day",
        ticks=[(0, "0h"), (6, "6h"), (12, "12h"), (18, "18h")],
        described_by=ident,
    )
    rows = [(_hour(hour), f"{count:,}") for hour, count in enumerate(hours)]
    head = ("Hour", "Messages")
    return chart + _described(ident, _hours_summary(hours)) + _data("Messages by hour", head, rows)


def _hours_summary(hours: list[int]) -> str:
    total = sum(hours)
    if not total:
        return "No messages yet."
    busiest = max(range(24), key=lambda hour: hours[hour])
    parts = ", ".join(
        f"{name} ({start}h to {end}h) {_share(sum(hours[start:end]), total)}"
        for start, end, name in PARTS_OF_DAY
    )
    busy = f"Busiest hour: {_hour(busiest)}, with {wording.counted(hours[busiest], 'message')}."
    return f"{busy} By part of the day: {parts}."


def _share(part: int, total: int) -> str:
    share = 100 * part / total
    if part and share < 1:
        return "under 1%"
    return f"{share:.0f}%"


def _title(metric: Metric) -> str:
    """The metric's name with its unit where the name does not already say it."""
    if metric.unit in ("count", "per day"):
        return metric.label
    unit = "0 to 1" if metric.unit == "0-1" else metric.unit
    return f"{metric.label} ({unit})"


def _most(metric: Metric) -> float:
    """The largest value `metric` can take: a share is at most 100 %, a 0-1 measure 1."""
    return {"%": 100.0, "0-1": 1.0}.get(metric.unit, math.inf)


def _inward(metric: Metric, low: float, high: float) -> tuple[float, float]:
    """The usual range as it is written: a week `WEEK_Z` spreads or more away is outside it, so
    each edge is written one step inside at the precision `value` shows ("0 to 0.9", never "0
    to 1" with a week of 1 marked outside); an edge set by what the metric can take (0, or
    100 %) is inside the range and stays."""

    def step(number: float) -> int:
        return 100 if metric.unit == "0-1" else 10 if round(number, 1) < 10 else 1

    up, down = step(low), step(high)
    shown_low = 0.0 if low <= 0 else (math.floor(round(low * up, 6)) + 1) / up
    at_most = high >= _most(metric)
    shown_high = high if at_most else (math.ceil(round(high * down, 6)) - 1) / down
    return shown_low, max(shown_high, shown_low)


def _weekly(metric: Metric, number: float | None, missing: str) -> str:
    return missing if number is None else value(metric, number)


def _missing(report: Report, metric: Metric) -> Callable[[date], str]:
    """Why a week has no value of `metric`: its language, too few messages to read it, or
    nothing it measures (a share of replies in a week without any, say)."""
    messages = _by_week(report, "messages")
    other = set(report.language.other_weeks) if metric.lexicon else set()

    def why(week: date) -> str:
        if week in other:
            return "in another language"
        if metric.name not in ALWAYS_KEPT and messages.get(week, 0) < MIN_WEEK_MESSAGES:
            return "too few messages"
        return "nothing to measure"

    return why


def _note(recent: bool, unusual: bool) -> str:
    if not recent:
        return ""
    return f"{RECENT}, outside your usual range" if unusual else RECENT


def _described(ident: str, summary: str) -> str:
    return f'<p class="soft" id="{ident}">{escape(summary)}</p>'


def _data(caption: str, head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """The values behind a chart as a table under a toggle: one number column, then notes."""
    cells = [[escape(cell) for cell in row] for row in rows]
    html = table(escape(caption), [escape(cell) for cell in head], cells, numbers=1)
    return f'<details class="data"><summary>The numbers</summary>{html}</details>'


def _by_week(report: Report, column: str) -> dict[date, int]:
    """The couple's `column` of the weekly table, by week."""
    couple = report.weekly.filter(pl.col("scope") == COUPLE)
    return dict(zip(couple["week"].to_list(), couple[column].to_list(), strict=True))


def _weeks_named(report: Report) -> Callable[[date], str]:
    """A week's name in the tables: its Monday, and how many of its days the chat covers when
    that is not all seven (the first and last weeks), for a short week reads as a whole one."""
    days = _by_week(report, "days")

    def name(week: date) -> str:
        covered = days.get(week, 7)
        if covered >= 7:
            return _week(week)
        return f"{_week(week)} ({wording.counted(covered, 'day')})"

    return name


def _week(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _hour(hour: int) -> str:
    return f"{hour}:00 to {hour + 1}:00"


def _short(day: date) -> str:
    return f"{day.day} {day:%b}"
