"""Small inline SVG charts for the HTML report: no scripts, no external resources.

Charts scale to their container (viewBox, width 100%) so they read on a phone. Fills come from
the page's CSS classes. What a reader needs to tell apart is never told by fill colour alone
(WCAG 1.4.11): the usual range has dashed edges and the recent weeks a labelled start line, drawn
with SVG presentation attributes in a colour of at least 3:1 against the page, the band and the
recent tint, so they show whatever stylesheet the host page brings. Every label passes through
html.escape.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from html import escape

Scale = Callable[[float], float]

WIDTH, HEIGHT = 320, 120
LEFT, RIGHT, TOP, BOTTOM = 6, 6, 16, 20
#: Edges and the recent weeks' start line: 5.2:1 on white, 4.1:1 on the band, 4.5:1 on the tint.
EDGE = "#7a6a62"
#: Room a label needs to the right of the recent weeks' start line, in viewBox units.
LABEL_ROOM = 70


def line_chart(
    values: Sequence[float | None],
    *,
    label: str,
    band: tuple[float, float] | None = None,
    recent_from: int | None = None,
    marked: Sequence[bool] = (),
    first: str = "",
    last: str = "",
    recent_label: str = "recent weeks",
    described_by: str | None = None,
) -> str:
    """Weekly values as a line (gaps where None), with an optional shaded "usual range" band
    between dashed edges, the recent weeks tinted from index `recent_from` after a start line
    labelled `recent_label`, and large dots on `marked` weeks. `described_by`: the id of the
    element that carries the chart's data as text (aria-describedby)."""
    present = [v for v in values if v is not None]
    top = max([*present, *(band or ()), 0.0]) * 1.1 or 1.0
    bottom = min([*present, *(band or ()), 0.0])
    x, y = _x_scale(len(values)), _y_scale(bottom, top)
    parts, lines = [_open(label, described_by)], []
    if recent_from is not None and values:
        left = max(x(recent_from) - _step(len(values)) / 2, LEFT)
        parts.append(_rect("recent", left, TOP, WIDTH - RIGHT - left, _plot_height()))
        lines.append(_recent_start(left, recent_label))
    if band is not None:
        high, low = y(min(band[1], top)), y(max(band[0], bottom))
        parts.append(_rect("band", LEFT, high, WIDTH - LEFT - RIGHT, max(low - high, 1.0)))
        lines += [_edge(high), _edge(low)]
    parts += lines  # over both fills, so the band never hides where the recent weeks start
    parts += [_polyline(segment) for segment in _segments(values, x, y)]
    parts += [
        f'<circle class="mark" cx="{x(i):.1f}" cy="{y(v):.1f}" r="3.5"/>'
        for i, (v, flag) in enumerate(zip(values, marked, strict=False))
        if flag and v is not None
    ]
    parts.append(_axis(first, last))
    return "".join(parts) + "</svg>"


def bar_chart(
    values: Sequence[float],
    *,
    label: str,
    ticks: Sequence[tuple[int, str]] = (),
    described_by: str | None = None,
) -> str:
    """Bars for each value (e.g. 24 hours), tallest = full height, with labels under `ticks`;
    `described_by` as for line_chart."""
    count = max(len(values), 1)
    top = max([*values, 0.0]) or 1.0
    width = (WIDTH - LEFT - RIGHT) / count
    y = _y_scale(0.0, top)
    parts = [_open(label, described_by)]
    for i, v in enumerate(values):
        height = _plot_height() + TOP - y(v)
        parts.append(_rect("column", LEFT + i * width + 1, y(v), max(width - 2, 1.0), height))
    for i, text in ticks:
        parts.append(
            f'<text class="tick" x="{LEFT + (i + 0.5) * width:.1f}" y="{HEIGHT - 5}" '
            f'text-anchor="middle">{escape(text)}</text>'
        )
    return "".join(parts) + "</svg>"


def _open(label: str, described_by: str | None) -> str:
    described = f' aria-describedby="{escape(described_by)}"' if described_by else ""
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(label)}"{described}>'
        f"<title>{escape(label)}</title>"
    )


def _edge(y: float) -> str:
    """A dashed edge of the usual range across the plot."""
    return (
        f'<line class="edge" x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
        f'stroke="{EDGE}" stroke-width="1.2" stroke-dasharray="4 3"/>'
    )


def _recent_start(x: float, label: str) -> str:
    """A solid line where the recent weeks start, labelled above the plot: to its right when
    there is room, else to its left pointing right."""
    if WIDTH - RIGHT - x >= LABEL_ROOM:
        text = f'<text class="tick" x="{x + 3:.1f}" y="{TOP - 4}">{escape(label)}</text>'
    else:
        text = (
            f'<text class="tick" x="{x - 3:.1f}" y="{TOP - 4}" text-anchor="end">'
            f"{escape(label)} →</text>"
        )
    return (
        f'<line class="start" x1="{x:.1f}" y1="{TOP - 2}" x2="{x:.1f}" y2="{TOP + _plot_height()}" '
        f'stroke="{EDGE}" stroke-width="1.5"/>{text}'
    )


def _plot_height() -> float:
    return float(HEIGHT - TOP - BOTTOM)


def _step(count: int) -> float:
    return (WIDTH - LEFT - RIGHT) / max(count - 1, 1)


def _x_scale(count: int) -> Scale:
    step = _step(count)
    return lambda i: LEFT + i * step if count > 1 else WIDTH / 2


def _y_scale(bottom: float, top: float) -> Scale:
    span = (top - bottom) or 1.0
    return lambda v: TOP + (top - v) / span * _plot_height()


def _segments(
    values: Sequence[float | None], x: Scale, y: Scale
) -> Iterator[list[tuple[float, float]]]:
    segment: list[tuple[float, float]] = []
    for i, v in enumerate(values):
        if v is None:
            if segment:
                yield segment
            segment = []
        else:
            segment.append((x(i), y(v)))
    if segment:
        yield segment


def _polyline(points: list[tuple[float, float]]) -> str:
    if len(points) == 1:
        ((cx, cy),) = points
        return f'<circle class="dot" cx="{cx:.1f}" cy="{cy:.1f}" r="2"/>'
    coords = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
    return f'<polyline class="line" points="{coords}"/>'


def _rect(kind: str, x: float, y: float, width: float, height: float) -> str:
    return (
        f'<rect class="{kind}" x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}"/>'
    )


def _axis(first: str, last: str) -> str:
    return (
        f'<text class="tick" x="{LEFT}" y="{HEIGHT - 5}">{escape(first)}</text>'
        f'<text class="tick" x="{WIDTH - RIGHT}" y="{HEIGHT - 5}" text-anchor="end">'
        f"{escape(last)}</text>"
    )
