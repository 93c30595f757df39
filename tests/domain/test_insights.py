from __future__ import annotations

from datetime import date, timedelta

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
