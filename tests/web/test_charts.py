"""The couple space's server-drawn charts: what they draw for a form not measured, for days
without a check-in, and week by week."""

from __future__ import annotations

import re
from datetime import date, timedelta

from nearer.web import charts

AXES = ["Emotional", "Intellectual", "Experiential", "Spiritual", "Physical"]


def test_a_complete_series_is_one_polygon() -> None:
    svg = charts.radar(AXES, [charts.Series("You", [50, 60, 70, 80, 90], "#000")])
    assert len(re.findall(r'<polygon points="[^"]+" fill="#000"', svg)) == 1


def test_a_form_not_measured_is_never_drawn_as_a_score_of_0() -> None:
    svg = charts.radar(AXES, [charts.Series("You", [50, None, 50, 50, 0], "#000")])
    assert 'fill="#000" fill-opacity' not in svg  # no polygon to put the missing form in
    dots = re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="5" fill="#000"/>', svg)
    assert len(dots) == 4  # the measured ones, the real 0 among them, at the centre
    assert "no score" in svg


FIRST = date(2026, 3, 2)


def drawn(values: list[float | None], kind: str) -> list[list[tuple[float, float]]]:
    """The lines ("days" or "weeks") of a weekly line chart of `values` on 1 to 5, a dot as a
    line of one point, as (x, y) in the chart's own units."""
    days = [FIRST + timedelta(days=n) for n in range(len(values))]
    svg = charts.line(days, [charts.Series("Mood", values, "#000", weekly=True)], 1, 5)
    found = []
    for shape, attributes in re.findall(rf'<(polyline|circle) class="{kind}" ([^>]+)>', svg):
        named = dict(re.findall(r'(\w+)="([^"]+)"', attributes))
        if shape == "circle":
            found.append([(float(named["cx"]), float(named["cy"]))])
        else:
            pairs = (point.split(",") for point in named["points"].split())
            found.append([(float(x), float(y)) for x, y in pairs])
    return found


def test_each_seven_days_average_is_drawn_counted_back_from_the_last_day() -> None:
    frame = charts.Frame(FIRST, 16, 1, 5)
    values: list[float | None] = [5, 5, 1, 1, 1, 1, 1, 1, 1, 3, 3, 3, 3, None, 3, 3, 4]
    (weeks,) = drawn(values, "weeks")
    middles = [
        (frame.x(FIRST + timedelta(days=a)) + frame.x(FIRST + timedelta(days=b))) / 2
        for a, b in ((0, 2), (3, 9), (10, 16))
    ]
    assert [x for x, _ in weeks] == [round(x, 1) for x in middles]
    # Days 0-2 (the part left over at the start), 3-9, 10-16: the gap is left out of the mean.
    assert [y for _, y in weeks] == [round(frame.y(v), 1) for v in (11 / 3, 9 / 7, 19 / 6)]


def test_a_week_without_a_check_in_breaks_the_weekly_line_and_a_lone_day_is_a_dot() -> None:
    values: list[float | None] = [2, None, 4, 4, 4, 4, 4, *[None] * 7, 3, 3, 3, 3, 3, 3, 3]
    assert [len(line) for line in drawn(values, "weeks")] == [1, 1]  # two dots, no line across
    assert [len(line) for line in drawn(values, "days")] == [1, 5, 7]  # the lone first day a dot
