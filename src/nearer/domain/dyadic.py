"""Dyadic comparison: two partners' answers side by side, never one ranked above the other.

Per scale it shows both scores and the gap between them. Per item it finds *strengths* (both
answered high), *growth areas* (both answered low) and *talk-about-it* items (answers far apart),
all on keyed answers, so "high" always means more closeness.
"""

from __future__ import annotations

from dataclasses import dataclass

from nearer.domain.model import Answers, Instrument, Item, Scale
from nearer.domain.scoring import keyed, scale_score

#: Both keyed answers at or above this share of the range make a strength (6 and 7 of 1–7).
STRENGTH_FROM = 5 / 6
#: Both keyed answers at or below this share of the range make a growth area (1 to 3 of 1–7).
GROWTH_UP_TO = 1 / 3
#: Answers at least this share of the range apart are worth talking about (3+ points on 1–7).
TALK_GAP = 1 / 2


@dataclass(frozen=True)
class ScaleComparison:
    scale: Scale
    first: float | None
    second: float | None

    @property
    def gap(self) -> float | None:
        """How far apart the two scores are (0–100), without saying who is higher."""
        if self.first is None or self.second is None:
            return None
        return round(abs(self.first - self.second), 1)


@dataclass(frozen=True)
class ItemComparison:
    item: Item
    first: int  # keyed answers
    second: int


@dataclass(frozen=True)
class DyadicReport:
    instrument: Instrument
    scales: tuple[ScaleComparison, ...]
    strengths: tuple[ItemComparison, ...]
    growth_areas: tuple[ItemComparison, ...]
    talk_about: tuple[ItemComparison, ...]


def compare(instrument: Instrument, first: Answers, second: Answers) -> DyadicReport:
    """Compare two partners' answers to one instrument."""
    scales = tuple(
        ScaleComparison(
            scale,
            scale_score(instrument, scale.id, first),
            scale_score(instrument, scale.id, second),
        )
        for scale in instrument.scales
    )
    pairs = _answered_by_both(instrument, first, second)
    span = instrument.response.span
    lowest = {p.item.id: _position(instrument, min(p.first, p.second)) for p in pairs}
    highest = {p.item.id: _position(instrument, max(p.first, p.second)) for p in pairs}
    strengths = [p for p in pairs if lowest[p.item.id] >= STRENGTH_FROM]
    growth = [p for p in pairs if highest[p.item.id] <= GROWTH_UP_TO]
    talk = [p for p in pairs if abs(p.first - p.second) >= TALK_GAP * span]
    return DyadicReport(
        instrument=instrument,
        scales=scales,
        strengths=tuple(sorted(strengths, key=lambda p: -(p.first + p.second))),
        growth_areas=tuple(sorted(growth, key=lambda p: p.first + p.second)),
        talk_about=tuple(sorted(talk, key=lambda p: -abs(p.first - p.second))),
    )


def _position(instrument: Instrument, value: int) -> float:
    """Where a keyed answer sits in the response range, 0 (lowest) to 1 (highest)."""
    return (value - instrument.response.min) / instrument.response.span


def _answered_by_both(
    instrument: Instrument, first: Answers, second: Answers
) -> list[ItemComparison]:
    response = instrument.response
    return [
        ItemComparison(
            item,
            keyed(item, first[item.id], response),
            keyed(item, second[item.id], response),
        )
        for item in instrument.items
        if item.id in first and item.id in second
    ]
