"""Scoring: from answers to 0–100 scale scores, and provisional bands.

Every instrument scores the same way. An answer is keyed (reverse items flipped), the keyed answers
of a scale are averaged, and the mean is mapped onto 0–100. A scale with fewer than
`MIN_ANSWERED_SHARE` of its items answered has no score (`None`): nearer never makes one up.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

from nearer.domain.model import Answers, Bands, Content, Instrument, Item, ResponseRange

MIN_ANSWERED_SHARE = 0.8

Scores = dict[str, float | None]


class Band(Enum):
    """Where a score falls among the provisional project norms. Not a clinical cutoff."""

    LOW = "low"
    MODERATE = "moderate"
    STRONG = "strong"


def keyed(item: Item, value: int, response: ResponseRange) -> int:
    """The answer with the item's direction applied: higher always means more of the scale."""
    return response.min + response.max - value if item.reverse else value


#: Decimals a score keeps: far below anything shown, enough to drop floating-point noise, so
#: that a score of exactly 70 (or a cause's 60) meets its threshold instead of 69.99999999999999.
EXACT = 6


def exact(value: float) -> float:
    """`value` without floating-point noise (EXACT decimals)."""
    return round(value, EXACT)


def to_percent(mean: float, response: ResponseRange) -> float:
    """Map a mean answer in [min, max] onto 0–100, rounded to a whole number only where it is
    shown (as_shown) or to one decimal where reported (reported), never twice (40.476 would show
    as 41 through 40.5)."""
    return exact((mean - response.min) / response.span * 100)


def scale_score(instrument: Instrument, scale_id: str, answers: Answers) -> float | None:
    """The 0–100 score of one scale, or None when under 80 % of its items are answered."""
    items = instrument.items_of(scale_id)
    values = [
        keyed(item, answers[item.id], instrument.response) for item in items if item.id in answers
    ]
    if not items or len(values) < MIN_ANSWERED_SHARE * len(items):
        return None
    return to_percent(sum(values) / len(values), instrument.response)


def score_instrument(instrument: Instrument, answers: Answers) -> Scores:
    """Every scale of the instrument, in the instrument's order, scored or None."""
    return {scale.id: scale_score(instrument, scale.id, answers) for scale in instrument.scales}


def answered_instruments(content: Content, answers: Answers) -> list[Instrument]:
    """The instruments with at least one answered item, in content order."""
    return [
        instrument
        for instrument in content.instruments.values()
        if any(item.id in answers for item in instrument.items)
    ]


def score_answers(content: Content, answers: Answers) -> dict[str, Scores]:
    """Scores for each instrument the answers touch: {instrument id: {scale id: score}}."""
    return {
        instrument.id: score_instrument(instrument, answers)
        for instrument in answered_instruments(content, answers)
    }


def band(score: float | None, bands: Bands | None) -> Band | None:
    """The provisional band of a score; None when there is no score or the scale has no bands."""
    if score is None or bands is None:
        return None
    if score >= bands.strong:
        return Band.STRONG
    return Band.MODERATE if score >= bands.moderate else Band.LOW


def reported(score: float | None) -> float | None:
    """A score as JSON and CSV give it: one decimal (from the unrounded score)."""
    return None if score is None else round(score, 1)


def as_shown(score: float) -> int:
    """A score as nearer shows it, a whole number: its decimal spelling rounded half up (62.5
    shows as 63, as people round, never to the even 62). A gap shown between two scores is taken
    between the numbers shown, so it always adds up."""
    return int(Decimal(str(score)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
