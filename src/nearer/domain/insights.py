"""Check-in insights: a person's recent days against their own baseline, never a norm.

"Unusual for you" means the mean of the recent days lies more than `UNUSUAL_SD` standard
deviations from the mean of the baseline days before them. With fewer than `MIN_BASELINE` baseline
days there is no comparison at all: a new couple gets their own trend, not a guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import mean, pstdev

RECENT_DAYS = 7
BASELINE_DAYS = 56
MIN_BASELINE = 10
UNUSUAL_SD = 1.0
#: A spread below this is treated as this, so a very steady baseline does not flag tiny changes.
MIN_SPREAD = 0.35


@dataclass(frozen=True)
class Trend:
    recent: float | None  # mean of the last RECENT_DAYS
    baseline: float | None  # mean of the BASELINE_DAYS before them
    direction: str  # "higher", "lower" or "usual"; "usual" also when there is no baseline
    unusual: bool


def trend(values: Sequence[tuple[date, float]], today: date) -> Trend:
    """Compare the last week's values with the eight weeks before it."""
    recent_from = today - timedelta(days=RECENT_DAYS - 1)
    baseline_from = recent_from - timedelta(days=BASELINE_DAYS)
    recent = [v for d, v in values if recent_from <= d <= today]
    baseline = [v for d, v in values if baseline_from <= d < recent_from]
    recent_mean = mean(recent) if recent else None
    if recent_mean is None or len(baseline) < MIN_BASELINE:
        return Trend(recent_mean, mean(baseline) if baseline else None, "usual", False)
    centre, spread = mean(baseline), max(pstdev(baseline), MIN_SPREAD)
    distance = (recent_mean - centre) / spread
    unusual = abs(distance) > UNUSUAL_SD
    direction = "usual" if not unusual else ("higher" if distance > 0 else "lower")
    return Trend(round(recent_mean, 2), round(centre, 2), direction, unusual)
