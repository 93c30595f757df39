"""Check-in insights: a person's recent days against their own baseline, never a norm.

"Unusual for you" means the mean of the recent days lies more than `UNUSUAL_SD` standard
deviations from the mean of the baseline days before them, and further still when the week holds
few check-ins: at least `SURE_Z` standard errors (the spread over the square root of their
number), so an ordinary week is called unusual about once in a hundred whether it holds one
check-in or seven (one day's mood varies far more than a week's mean). With fewer than
`MIN_BASELINE` baseline days there is no comparison at all: a new couple gets their own trend,
not a guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from math import sqrt
from statistics import mean, pstdev

RECENT_DAYS = 7
BASELINE_DAYS = 56
MIN_BASELINE = 10
UNUSUAL_SD = 1.0
#: How many standard errors of the recent mean an unusual week lies from the baseline at least.
SURE_Z = 2.6
#: A spread below this is treated as this, so a very steady baseline does not flag tiny changes.
MIN_SPREAD = 0.35


@dataclass(frozen=True)
class Trend:
    recent: float | None  # mean of the last RECENT_DAYS; None: no value in them
    baseline: float | None  # mean of the BASELINE_DAYS before them; None: fewer than MIN_BASELINE
    direction: str  # "higher", "lower" or "usual"; "usual" also when there is nothing to compare
    unusual: bool
    baseline_days: int = 0  # how many values the baseline holds (a usual needs MIN_BASELINE)

    @property
    def compared(self) -> bool:
        """Whether the recent days were set against a usual at all: both sides have values."""
        return self.recent is not None and self.baseline is not None


def trend(values: Sequence[tuple[date, float]], today: date) -> Trend:
    """Compare the last week's values with the eight weeks before it."""
    recent_from = today - timedelta(days=RECENT_DAYS - 1)
    baseline_from = recent_from - timedelta(days=BASELINE_DAYS)
    recent = [v for d, v in values if recent_from <= d <= today]
    baseline = [v for d, v in values if baseline_from <= d < recent_from]
    shown = round(mean(recent), 2) if recent else None
    if len(baseline) < MIN_BASELINE:  # a usual of a day or two would be a guess
        return Trend(shown, None, "usual", False, len(baseline))
    centre, spread = mean(baseline), max(pstdev(baseline), MIN_SPREAD)
    if not recent:
        return Trend(None, round(centre, 2), "usual", False, len(baseline))
    distance = (mean(recent) - centre) / spread
    unusual = abs(distance) > max(UNUSUAL_SD, SURE_Z / sqrt(len(recent)))
    direction = "usual" if not unusual else ("higher" if distance > 0 else "lower")
    return Trend(shown, round(centre, 2), direction, unusual, len(baseline))
