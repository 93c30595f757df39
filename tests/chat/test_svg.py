from __future__ import annotations

from nearer.chat.svg import bar_chart, line_chart


def test_a_line_breaks_where_a_week_has_no_value() -> None:
    chart = line_chart([1.0, 2.0, None, 3.0, 4.0], label="x")
    assert chart.count("<polyline") == 2


def test_a_lone_value_is_a_dot() -> None:
    assert 'class="dot"' in line_chart([None, 2.0, None], label="x")


def test_labels_are_escaped() -> None:
    chart = line_chart([1.0], label="<b>", first="<i>")
    assert "<b>" not in chart and "<i>" not in chart and "&lt;b&gt;" in chart


def test_bands_recent_weeks_and_marks_are_drawn() -> None:
    chart = line_chart([1.0, 5.0, 1.0], label="x", band=(0.0, 2.0), recent_from=1,
                       marked=[False, True, False])  # fmt: skip
    assert (
        'class="band"' in chart and 'class="recent"' in chart and chart.count('class="mark"') == 1
    )


def test_bars_one_per_value() -> None:
    assert bar_chart([0, 1, 2], label="hours").count('class="column"') == 3
