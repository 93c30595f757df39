from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from nearer.domain.insights import MIN_BASELINE, RECENT_DAYS, trend

TODAY = date(2026, 11, 26)


def days_ago(first: int, last: int, value: float) -> list[tuple[date, float]]:
    """One value a day from `first` days ago to `last` days ago."""
    return [(TODAY - timedelta(days=n), value) for n in range(last, first + 1)]


def test_a_week_far_from_eight_steady_weeks_is_unusual_and_says_which_way() -> None:
    found = trend(days_ago(40, RECENT_DAYS, 4.0) + days_ago(RECENT_DAYS - 1, 0, 6.0), TODAY)
    assert found.unusual and found.direction == "higher"
    assert (found.recent, found.baseline) == (6.0, 4.0)


def test_a_week_like_the_weeks_before_is_as_usual() -> None:
    found = trend(days_ago(40, 0, 4.0), TODAY)
    assert found.compared and not found.unusual and found.direction == "usual"


def test_too_few_earlier_days_give_no_usual_at_all() -> None:
    earlier = days_ago(RECENT_DAYS + MIN_BASELINE - 2, RECENT_DAYS, 1.0)  # one day short
    found = trend(earlier + days_ago(RECENT_DAYS - 1, 0, 7.0), TODAY)
    assert found.baseline is None and not found.compared and not found.unusual
    assert found.recent == 7.0


def test_a_week_without_values_is_not_called_usual() -> None:
    found = trend(days_ago(30, RECENT_DAYS, 4.0), TODAY)
    assert found.recent is None and found.baseline == 4.0
    assert not found.compared and not found.unusual


@pytest.mark.parametrize("recent_days", [1, 2, 7])
def test_an_ordinary_week_is_rarely_called_unusual_however_few_its_check_ins(
    recent_days: int,
) -> None:
    rng = random.Random(recent_days)
    today = date(2026, 3, 1)
    flagged = 0
    for _ in range(1000):  # daily values of one steady person: N(5, 1), rounded, 1 to 7
        days = [today - timedelta(days=n) for n in range(63) if n >= 7 or n < recent_days]
        values = [(day, float(min(7, max(1, round(rng.gauss(5, 1)))))) for day in days]
        flagged += trend(values, today).unusual
    assert flagged <= 30  # about 1 in 100, not the 4 in 10 of a single day against 1 SD


def test_one_far_from_usual_day_is_still_unusual() -> None:
    today = date(2026, 3, 1)
    usual = [(today - timedelta(days=n), 5.0 + (n % 3 - 1) * 0.5) for n in range(7, 63)]
    assert trend([*usual, (today, 1.0)], today).direction == "lower"
