"""Charts drawn on the server as inline SVG: no script, no library, described for screen readers."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from django.utils.safestring import SafeString, mark_safe

GRID, SOFT = "#e4e0ea", "#6b6877"


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]  # 0-100 per radar axis, or one value per day; None: no value
    colour: str
    dashed: bool = False
    #: On a line chart, also each seven days' average, counted back from the last day, drawn
    #: thick over the days drawn thin: a daily line over months is mostly noise.
    weekly: bool = False

    @property
    def dash(self) -> str:
        return ' stroke-dasharray="5 4"' if self.dashed else ""


@dataclass(frozen=True)
class Radar:
    axes: int
    size: int

    @property
    def centre(self) -> float:
        return self.size / 2

    def point(self, axis: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * axis / self.axes
        reach = (self.size / 2 - 45) * value / 100
        return self.centre + reach * math.cos(angle), self.centre + reach * math.sin(angle)

    def polygon(self, values: Sequence[float]) -> str:
        return " ".join(
            f"{x:.1f},{y:.1f}" for x, y in (self.point(i, v) for i, v in enumerate(values))
        )


def radar(axes: Sequence[str], series: Sequence[Series], size: int = 360) -> SafeString:
    """A radar chart of 0–100 values, one polygon per series."""
    shape, margin = Radar(len(axes), size), 135  # margin: room for the axis labels
    width = size + 2 * margin
    parts = [
        f'<svg viewBox="{-margin} 0 {width} {size}" role="img" width="100%" '
        f'style="max-width:{width}px;display:block;margin:0 auto" '
        f'aria-label="{_describe(axes, series)}">'
    ]
    for ring in (25, 50, 75, 100):
        parts.append(
            f'<polygon points="{shape.polygon([ring] * len(axes))}" fill="none" stroke="{GRID}"/>'
        )
    for i, name in enumerate(axes):
        parts.append(_axis(shape, i, name))
    parts += [_series(shape, s) for s in series]
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _series(shape: Radar, series: Series) -> str:
    """A series' polygon; with a form not measured, only dots at the forms that are: a polygon
    would have to put the missing one somewhere, and its centre reads as a score of 0."""
    measured = [value for value in series.values if value is not None]
    if len(measured) == len(series.values):
        return (
            f'<polygon points="{shape.polygon(measured)}" fill="{series.colour}" '
            f'fill-opacity="0.15" stroke="{series.colour}" stroke-width="2"{series.dash}/>'
        )
    dots = (shape.point(i, v) for i, v in enumerate(series.values) if v is not None)
    return "".join(
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{series.colour}"/>' for x, y in dots
    )


def _axis(shape: Radar, i: int, name: str) -> str:
    x, y = shape.point(i, 100)
    lx, ly = shape.point(i, 114)
    centre = shape.centre
    anchor = "middle" if abs(lx - centre) < 10 else ("start" if lx > centre else "end")
    return (
        f'<line x1="{centre}" y1="{centre}" x2="{x:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
        f'<text x="{lx:.1f}" y="{ly:.1f}" font-size="15" text-anchor="{anchor}" '
        f'dominant-baseline="middle">{escape(name)}</text>'
    )


@dataclass(frozen=True)
class Frame:
    first: date
    span: int  # days
    low: float
    high: float
    width: int = 320
    height: int = 130
    pad: int = 22

    def x(self, day: date) -> float:
        return self.pad + (self.width - 2 * self.pad) * (day - self.first).days / self.span

    def y(self, value: float) -> float:
        share = (value - self.low) / (self.high - self.low)
        return self.height - self.pad - (self.height - 2 * self.pad) * share


def line(days: Sequence[date], series: Sequence[Series], low: float, high: float) -> SafeString:
    """A small line chart over days, with gaps where a value is missing."""
    if not days:
        return mark_safe('<p class="hint">No check-ins yet.</p>')
    frame = Frame(days[0], max((days[-1] - days[0]).days, 1), low, high)
    parts = [
        f'<svg viewBox="0 0 {frame.width} {frame.height}" role="img" width="100%" '
        f'aria-label="{_describe([], series)} over time'
        f'{", day by day and week by week" if any(s.weekly for s in series) else ""}">'
    ]
    for v in (low, high):
        parts.append(
            f'<text x="2" y="{frame.y(v) + 4:.1f}" font-size="11" fill="{SOFT}">{v:g}</text>'
            f'<line x1="{frame.pad}" x2="{frame.width - frame.pad}" y1="{frame.y(v):.1f}" '
            f'y2="{frame.y(v):.1f}" stroke="{GRID}"/>'
        )
    for s in series:
        parts += _days(frame, days, s)
        if s.weekly:
            parts += _weeks(frame, days, s)
    bottom = frame.height - 6
    parts.append(
        f'<text x="{frame.pad}" y="{bottom}" font-size="11" fill="{SOFT}">{days[0]:%d %b}</text>'
    )
    parts.append(
        f'<text x="{frame.width - frame.pad}" y="{bottom}" font-size="11" text-anchor="end" '
        f'fill="{SOFT}">{days[-1]:%d %b}</text></svg>'
    )
    return mark_safe("".join(parts))


def _days(frame: Frame, days: Sequence[date], series: Series) -> list[str]:
    """The series day by day, its line broken over days without a value; a day alone between
    two such gaps a dot, which a line of one point would not show."""
    width, faint = (1.2, ' stroke-opacity="0.55"') if series.weekly else (2.0, "")
    points = [
        None if value is None else (frame.x(day), frame.y(value))
        for day, value in zip(days, series.values, strict=True)
    ]
    return _joined(points, series, "days", width, faint)


def _weeks(frame: Frame, days: Sequence[date], series: Series) -> list[str]:
    """Each seven days' average, counted back from the last day (the last point is the last
    seven days, the week the dashboard compares with the usual), at the middle of its days;
    a week without a value breaks the line."""
    points: list[tuple[float, float] | None] = []
    for end in range(len(days), 0, -7):
        start = max(end - 7, 0)
        found = [value for value in series.values[start:end] if value is not None]
        middle = (frame.x(days[start]) + frame.x(days[end - 1])) / 2
        points.append((middle, frame.y(sum(found) / len(found))) if found else None)
    return _joined(points[::-1], series, "weeks", 3.0, "")


def _joined(
    points: Sequence[tuple[float, float] | None],
    series: Series,
    kind: str,
    width: float,
    faint: str,
) -> list[str]:
    """`points` joined into lines where they follow one another, a dot where one stands alone."""
    runs: list[list[tuple[float, float]]] = [[]]
    for point in points:
        if point is None:
            runs.append([])
        else:
            runs[-1].append(point)
    drawn = []
    for run in filter(None, runs):
        if len(run) == 1:
            (x, y), radius = run[0], width + 0.6
            drawn.append(
                f'<circle class="{kind}" cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" '
                f'fill="{series.colour}"/>'
            )
        else:
            joined = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
            drawn.append(
                f'<polyline class="{kind}" points="{joined}" fill="none" stroke="{series.colour}" '
                f'stroke-width="{width:g}"{faint}{series.dash}/>'
            )
    return drawn


def _describe(axes: Sequence[str], series: Sequence[Series]) -> str:
    """Text for screen readers: every value the picture shows."""
    if not axes:
        return escape(", ".join(s.name for s in series), quote=True)
    described = "; ".join(
        f"{s.name}: "
        + ", ".join(
            f"{a} {'no score' if v is None else round(v)}"
            for a, v in zip(axes, s.values, strict=False)
        )
        for s in series
    )
    return escape(described, quote=True)


def overlapping_circles(step: int, steps: int = 7) -> SafeString:
    """Two circles, "me" and "my partner", from apart (1) to almost fully overlapping (7)."""
    radius, width = 16, 72
    apart = 2 * radius + 4  # centres at step 1: just apart
    distance = apart * (1 - (step - 1) / (steps - 1) * 0.9)
    left = width / 2 - distance / 2
    # Told apart by line as well as colour: you a solid outline, your partner a dashed one.
    circles = "".join(
        f'<circle cx="{x:.1f}" cy="20" r="{radius}" fill="{colour}" fill-opacity=".25" '
        f'stroke="{colour}" stroke-width="1.5"{dash}/>'
        for x, colour, dash in (
            (left, "#3f7cbf", ""),
            (left + distance, "#c0568f", ' stroke-dasharray="4 3"'),
        )
    )
    return mark_safe(
        f'<svg viewBox="0 0 {width} 40" width="60" height="34" aria-hidden="true">{circles}</svg>'
    )
