"""What a weekly metric is: its name, unit, whether it rests on English word lists, which way
tends to mean closeness, and whether trends follow it. Each signal family declares its own."""

from __future__ import annotations

from dataclasses import dataclass

#: Units, as shown in reports.
UNITS = (
    "count",
    "per day",
    "per 100 messages",
    "per 100 words",
    "%",
    "minutes",
    "ratio",
    "0-1",
)


@dataclass(frozen=True)
class Metric:
    """One column of the weekly table.

    `lexicon`: computed from English word lists, so null (unavailable) for other languages.
    `count`: a plain count, 0 in a period without events (other metrics are null there).
    `scopes`: "person", "couple" or both; the other scope's rows hold null.
    `closer`: "higher" or "lower" when research ties that direction to closeness; None when it
    does not (a change is then described, not valued).
    `trend`: followed against the couple's own baseline (couple rows only).
    `min_spread`: the smallest week-to-week spread trends assume, in the metric's unit, so a
    metric that was flat in the baseline does not make every small change look unusual.
    `share_of`: for a person's share of a count (that count's name): 0, not null, in a period
    where the other person has some and this person none.
    """

    name: str
    label: str
    unit: str
    lexicon: bool = True
    count: bool = False
    scopes: tuple[str, ...] = ("person", "couple")
    closer: str | None = None
    trend: bool = False
    min_spread: float = 1.0
    share_of: str | None = None
