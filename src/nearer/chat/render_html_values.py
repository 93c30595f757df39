"""How the HTML report writes a number: short and plain, and never a non-zero value as "0".

A couple reading "the last 8 weeks 0 a day" would take it for silence when it was a message
every few days, so small values keep a decimal: one decimal under 10, none from 10 ("0.4 a day",
"16 a day"), and a non-zero value too small for one decimal reads "under 0.1".
"""

from __future__ import annotations

from nearer.chat.metrics import Metric

NONE = "none"
MISSING = "–"

#: What follows the figure for each unit; any other unit ("per 100 messages") follows a space.
SUFFIXES = {"count": "", "per day": " a day", "minutes": " min", "%": "%", "ratio": " : 1"}

#: Units in which an average of exactly 0 means nothing happened, written "none".
COUNTED = ("count", "per 100 messages", "per 100 words")


def figure(number: float) -> str:
    """A count, rate, share or ratio (so ≥ 0) with one decimal under 10 and none from 10
    ("0.4", "2.0", "16", "1,250"); 0 is "0" and any other value under 0.05 "under 0.1"."""
    if number == 0:
        return "0"
    if number < 0.05:
        return "under 0.1"
    if round(number, 1) < 10:
        return f"{number:.1f}"
    return f"{number:,.0f}"


def value(metric: Metric, number: float | None) -> str:
    """A value in the metric's unit ("0.4 a day", "12 min", "7.5%", "3.1 per 100 messages",
    "1.2 : 1", "0.84"); a whole count stays whole ("3"); None (nothing measured) is "–"."""
    if number is None:
        return MISSING
    unit = metric.unit
    if unit == "count" and float(number).is_integer():
        return f"{number:,.0f}"
    if unit == "0-1":
        return "under 0.01" if 0 < number < 0.005 else f"{number:.2f}"
    return figure(number) + SUFFIXES.get(unit, f" {unit}")


def span(metric: Metric, low: float, high: float) -> str:
    """A range with the unit written once ("0 to 4.0 a day", "12 to 30 min")."""
    first, suffix = value(metric, low), SUFFIXES.get(metric.unit, f" {metric.unit}")
    return f"{first.removesuffix(suffix) if suffix else first} to {value(metric, high)}"


def average(metric: Metric, number: float | None) -> str:
    """A weekly average: a count as "1.5 a week", other units as `value` writes them; a count or
    rate of exactly 0 (not one event in those weeks) is "none"."""
    if number == 0 and metric.unit in COUNTED:
        return NONE
    if metric.unit == "count" and number is not None:
        return f"{figure(number)} a week"
    return value(metric, number)
