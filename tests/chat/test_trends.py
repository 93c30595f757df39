from __future__ import annotations

import statistics
from datetime import date, timedelta

import polars as pl
import pytest

from nearer.chat.metrics import Metric
from nearer.chat.trends import MIN_BASELINE_WEEKS, RECENT_WEEKS, compare, series, trends

METRIC = Metric("gratitude_per_100", "Thanks", "per 100 messages", trend=True, min_spread=1.0)
START = date(2024, 1, 1)


def weeks(count: int) -> list[date]:
    return [START + timedelta(weeks=i) for i in range(count)]


def test_nothing_is_compared_when_the_baseline_is_too_short() -> None:
    values = [10.0] * (MIN_BASELINE_WEEKS - 1) + [30.0] * RECENT_WEEKS
    trend = compare(METRIC, weeks(len(values)), values)
    assert trend.status == "baseline_too_short"
    assert not trend.unusual and trend.z is None and trend.baseline is None


def test_recent_weeks_far_above_the_baseline_are_unusual_for_you() -> None:
    values = [10.0, 12.0, 11.0, 9.0, 10.0, 12.0, 11.0, 9.0] + [20.0] * RECENT_WEEKS
    trend = compare(METRIC, weeks(len(values)), values)
    assert trend.status == "higher" and trend.unusual
    assert trend.baseline is not None and trend.baseline.weeks == 8
    assert trend.unusual_weeks == RECENT_WEEKS


def test_weeks_within_the_usual_spread_are_usual() -> None:
    values = [10.0, 12.0, 11.0, 9.0, 10.0, 12.0, 11.0, 9.0] + [11.0, 10.0] * 4
    assert compare(METRIC, weeks(len(values)), values).status == "usual"


def test_a_dip_and_a_rebound_are_mixed_not_unusual() -> None:
    values = [10.0, 11.0] * 4 + [2.0, 2.0, 2.0, 10.0, 10.0, 19.0, 19.0, 19.0]
    trend = compare(METRIC, weeks(len(values)), values)
    assert trend.status == "mixed" and not trend.unusual


def test_a_flat_baseline_uses_the_minimum_spread() -> None:
    values = [0.0] * 8 + [0.5] * RECENT_WEEKS
    trend = compare(METRIC, weeks(len(values)), values)
    assert trend.baseline is not None and trend.baseline.spread == 1.0
    assert trend.status == "usual"  # half a thank-you per 100 messages is no news


def test_the_spread_is_the_sample_standard_deviation_of_the_baseline() -> None:
    baseline = [0.0, 4.0] * 3  # population deviation 2, sample deviation (n - 1) sqrt(4.8)
    values = baseline + [2.0] * RECENT_WEEKS
    trend = compare(METRIC, weeks(len(values)), values)
    assert trend.baseline is not None
    assert trend.baseline.spread == statistics.stdev(baseline) == pytest.approx(4.8**0.5)


def test_three_unusual_weeks_on_one_side_are_unusual_even_with_a_modest_mean() -> None:
    values = [6.0, 14.0] * 4 + [30.0, 30.0, 30.0, 8.0, 8.0, 8.0, 8.0, 8.0]
    trend = compare(METRIC, weeks(len(values)), values)
    assert abs(trend.z or 0) < 1.5 and trend.status == "higher"
    assert trend.unusual_weeks == 3


def test_back_to_usual_when_the_two_latest_weeks_are_in_range() -> None:
    values = [10.0, 11.0] * 4 + [30.0] * 6 + [10.0, 11.0]
    trend = compare(METRIC, weeks(len(values)), values)
    assert trend.unusual and trend.back_to_usual


def test_weeks_still_far_from_the_baseline_are_not_back_to_usual() -> None:
    values = [2.0] * 6 + [3 / 7] * 6 + [1 / 7] * 2  # lower on the mean; no week beyond 2
    trend = compare(METRIC, weeks(len(values)), values)
    assert trend.status == "lower" and trend.unusual_weeks == 0
    assert not trend.back_to_usual  # the last two weeks are the furthest from usual of all


def test_weeks_with_too_few_messages_have_no_value() -> None:
    table = pl.DataFrame(
        {"week": weeks(2), "scope": ["couple"] * 2, "person": [None, None],
         "messages": [50, 3], "gratitude_per_100": [10.0, 33.3]}
    )  # fmt: skip
    assert series(table, METRIC)[1] == [10.0, None]


def test_a_metric_without_earlier_values_has_no_baseline() -> None:
    assert compare(METRIC, weeks(10), [None] * 10).status == "baseline_too_short"


def test_lexicon_metrics_of_a_chat_that_is_not_english_are_unavailable() -> None:
    table = pl.DataFrame({"week": weeks(1), "scope": ["couple"], "person": [None],
                          "messages": [50], "gratitude_per_100": [None]})  # fmt: skip
    assert [t.status for t in trends(table, [METRIC], english=False)] == ["unavailable"]
