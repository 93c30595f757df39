"""The couple space's server-drawn charts: what they draw for a form not measured."""

from __future__ import annotations

import re

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
