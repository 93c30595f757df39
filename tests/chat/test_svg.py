from __future__ import annotations

import re

from nearer.chat.svg import bar_chart, line_chart

#: The page, the usual-range band and the recent tint (render_html.STYLE).
BACKGROUNDS = ("#ffffff", "#fffaf5", "#f3e1d6", "#fbeee6")


def contrast(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_a_line_breaks_where_a_week_has_no_value() -> None:
    chart = line_chart([1.0, 2.0, None, 3.0, 4.0], label="x")
    assert chart.count("<polyline") == 2


def test_a_lone_value_is_a_dot() -> None:
    assert 'class="dot"' in line_chart([None, 2.0, None], label="x")


def test_labels_are_escaped() -> None:
    chart = line_chart([1.0], label="<b>", first="<i>", recent_from=0, recent_label="<u>")
    assert "<b>" not in chart and "<i>" not in chart and "<u>" not in chart
    assert "&lt;b&gt;" in chart and "&lt;u&gt;" in chart


def test_bands_recent_weeks_and_marks_are_drawn() -> None:
    chart = line_chart([1.0, 5.0, 1.0], label="x", band=(0.0, 2.0), recent_from=1,
                       marked=[False, True, False])  # fmt: skip
    assert (
        'class="band"' in chart and 'class="recent"' in chart and chart.count('class="mark"') == 1
    )


def test_the_usual_range_and_the_recent_weeks_show_without_colour() -> None:
    chart = line_chart([1.0, 5.0, 1.0, 2.0], label="x", band=(0.5, 2.0), recent_from=2,
                       recent_label="last 8 weeks")  # fmt: skip
    edges = re.findall(r'<line class="edge"[^>]*>', chart)
    start = re.findall(r'<line class="start"[^>]*>', chart)
    assert len(edges) == 2 and all("stroke-dasharray" in edge for edge in edges)
    assert len(start) == 1 and "stroke-dasharray" not in start[0]
    assert ">last 8 weeks</text>" in chart
    # drawn over the fills, so the band cannot hide them
    assert chart.index('class="band"') < chart.index('class="edge"')
    assert chart.index('class="band"') < chart.index('class="start"')
    for line in edges + start:
        (stroke,) = re.findall(r'stroke="(#[0-9a-f]{6})"', line)
        assert all(contrast(stroke, ground) >= 3 for ground in BACKGROUNDS), stroke


def test_a_narrow_recent_stretch_is_labelled_from_the_left() -> None:
    chart = line_chart([1.0] * 40, label="x", recent_from=38, recent_label="last 8 weeks")
    assert 'text-anchor="end">last 8 weeks →</text>' in chart


def test_a_chart_points_to_its_text_alternative() -> None:
    assert 'aria-describedby="about-x"' in line_chart([1.0], label="x", described_by="about-x")
    assert 'aria-describedby="hours"' in bar_chart([1.0], label="h", described_by="hours")
    assert "aria-describedby" not in line_chart([1.0], label="x")


def test_bars_one_per_value() -> None:
    assert bar_chart([0, 1, 2], label="hours").count('class="column"') == 3
