"""Dyadic comparison: two partners' answers side by side, never one ranked above the other.

Per scale it shows both scores and the gap between them. Per item it finds *strengths* (both
answers on the side of closeness), *growth areas* (both on the side of distance) and
*talk-about-it* items (answers far apart). Items are read toward closeness: reverse keys and a
scale's `distance` polarity are applied first, so a strength is always something good to share.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from nearer.domain.model import Answers, Instrument, Item, Scale
from nearer.domain.scoring import keyed, scale_score

# The thresholds and the answers' shares are exact fractions: in floats 1 - 4/6 is a hair above
# 1/3, which would keep an answer on the edge out of the growth areas.
#: Both answers at or above this share of the range, read toward closeness, make a strength
#: (6 and 7 of 1–7).
STRENGTH_FROM = Fraction(5, 6)
#: Both at or below this share make a growth area (1 to 3 of 1–7).
GROWTH_UP_TO = Fraction(1, 3)
#: Answers at least this share of the range apart are worth talking about (3+ points on 1–7).
TALK_GAP = Fraction(1, 2)


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
        return abs(self.first - self.second)


@dataclass(frozen=True)
class ItemComparison:
    item: Item
    first: int  # the answers as given
    second: int
    closeness: tuple[Fraction, Fraction]  # both answers read toward closeness, 0 (far) to 1 (close)


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
    pairs = [
        _pair(instrument, item, first[item.id], second[item.id])
        for item in instrument.items
        if item.id in first and item.id in second
    ]
    strengths = [p for p in pairs if min(p.closeness) >= STRENGTH_FROM]
    growth = [p for p in pairs if max(p.closeness) <= GROWTH_UP_TO]
    talk = [p for p in pairs if abs(p.first - p.second) >= TALK_GAP * instrument.response.span]
    return DyadicReport(
        instrument=instrument,
        scales=scales,
        strengths=tuple(sorted(strengths, key=lambda p: -sum(p.closeness))),
        growth_areas=tuple(sorted(growth, key=lambda p: sum(p.closeness))),
        talk_about=tuple(sorted(talk, key=lambda p: -abs(p.first - p.second))),
    )


def closeness(instrument: Instrument, item: Item, value: int) -> Fraction:
    """An answer read toward closeness, exactly: 0 is the far end, 1 the close end."""
    response = instrument.response
    share = Fraction(keyed(item, value, response) - response.min, response.span)
    return 1 - share if instrument.scale(item.scale).polarity == "distance" else share


def _pair(instrument: Instrument, item: Item, first: int, second: int) -> ItemComparison:
    both = (closeness(instrument, item, first), closeness(instrument, item, second))
    return ItemComparison(item, first, second, both)
