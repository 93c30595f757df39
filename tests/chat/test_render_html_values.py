from __future__ import annotations

import pytest

from nearer.chat.metrics import Metric
from nearer.chat.render_html_values import average, figure, span, value

PER_DAY = Metric("messages_per_day", "Messages a day", "per day")
COUNT = Metric("conflict_episodes", "Tense stretches", "count")
PER_100 = Metric("gratitude_per_100", "Thanks", "per 100 messages")


@pytest.mark.parametrize(
    ("number", "shown"),
    [(0, "0"), (0.01, "under 0.1"), (0.3571, "0.4"), (2, "2.0"), (9.96, "10"), (63.9, "64"),
     (1250, "1,250")],
)  # fmt: skip
def test_small_figures_keep_one_decimal_and_large_ones_none(number: float, shown: str) -> None:
    assert figure(number) == shown


@pytest.mark.parametrize(
    ("metric", "number", "shown"),
    [(PER_DAY, 0.3571, "0.4 a day"), (PER_DAY, 16.2, "16 a day"),
     (Metric("m", "M", "minutes"), 0.4, "0.4 min"), (Metric("s", "S", "%"), 0.3, "0.3%"),
     (Metric("s", "S", "%"), 62.4, "62%"), (Metric("r", "R", "ratio"), 0.02, "under 0.1 : 1"),
     (Metric("l", "L", "0-1"), 0.003, "under 0.01"), (Metric("l", "L", "0-1"), 0.6, "0.60"),
     (PER_100, 0.04, "under 0.1 per 100 messages"), (COUNT, 3.0, "3"), (COUNT, None, "–")],
)  # fmt: skip
def test_no_non_zero_value_reads_as_zero(metric: Metric, number: float | None, shown: str) -> None:
    assert value(metric, number) == shown


def test_weekly_averages_are_none_only_when_nothing_happened() -> None:
    assert average(COUNT, 0.0) == "none" and average(PER_100, 0.0) == "none"
    assert average(COUNT, 0.02) == "under 0.1 a week"
    assert average(COUNT, 1.44) == "1.4 a week"
    assert average(PER_DAY, 0.0) == "0 a day"


def test_a_range_names_its_unit_once() -> None:
    assert span(PER_DAY, 0.0, 4.0) == "0 to 4.0 a day"
    assert span(PER_100, 1.0, 12.0) == "1.0 to 12 per 100 messages"
