from __future__ import annotations

from datetime import date

import polars as pl

from nearer.chat.weekly import LEAD, METRICS, totals, weekly
from tests.chat.conftest import ALEX, SAM, make_marked, make_pair

DAY = 24 * 60
ROWS = [
    (0, SAM, "Monday morning, thank you for the coffee"),  # Mon 4 March
    (1, ALEX, "anytime"),
    (6 * DAY + 600, SAM, "Sunday night"),  # Sun 10 March, 19:00
    (15 * DAY, ALEX, "Two weeks later"),  # Tue 19 March
    (15 * DAY + 1, SAM, "hi"),
]


def make_weekly() -> pl.DataFrame:
    return weekly(make_marked(ROWS, english=True), make_pair(), english=True)


def test_weeks_are_iso_weeks_starting_monday_including_silent_ones() -> None:
    table = make_weekly()
    weeks = table["week"].unique(maintain_order=True).to_list()
    assert weeks == [date(2024, 3, 4), date(2024, 3, 11), date(2024, 3, 18)]
    assert table["iso_week"].unique(maintain_order=True).to_list() == [10, 11, 12]


def test_each_week_has_a_row_per_person_and_one_for_the_couple() -> None:
    first = make_weekly().filter(pl.col("week") == date(2024, 3, 4))
    assert first.select("scope", "person").rows() == [
        ("person", SAM),
        ("person", ALEX),
        ("couple", None),
    ]
    assert first["messages"].to_list() == [2, 1, 3]


def test_a_silent_week_has_zero_counts_and_no_rates() -> None:
    silent = make_weekly().filter(pl.col("week") == date(2024, 3, 11), pl.col("scope") == "couple")
    assert silent["messages"].item() == 0 and silent["gratitude"].item() == 0
    assert silent["gratitude_per_100"].item() is None
    assert silent["messages_per_day"].item() == 0.0


def test_a_person_silent_in_a_week_the_other_wrote_has_a_share_of_zero() -> None:
    rows = [(0, SAM, "hello"), (1, ALEX, "hi"), (7 * DAY, SAM, "anyone home?")]
    table = weekly(make_marked(rows, english=True), make_pair(), english=True)
    second = table.filter(pl.col("week") == date(2024, 3, 11), pl.col("scope") == "person")
    assert second.select("person", "message_share", "word_share").rows() == [
        (SAM, 100.0, 100.0),
        (ALEX, 0.0, 0.0),
    ]


def test_a_week_neither_wrote_in_has_no_shares() -> None:
    silent = make_weekly().filter(pl.col("week") == date(2024, 3, 11), pl.col("scope") == "person")
    assert silent["message_share"].to_list() == [None, None]


def test_partial_weeks_count_only_their_days_in_the_chat() -> None:
    days = make_weekly().filter(pl.col("scope") == "couple")["days"].to_list()
    assert days == [7, 7, 2]  # the last week runs Monday to Tuesday


def test_the_columns_are_the_lead_then_every_metric() -> None:
    assert make_weekly().columns == [*LEAD, *(m.name for m in METRICS)]


def test_totals_cover_the_whole_chat_in_three_rows() -> None:
    whole = totals(make_marked(ROWS, english=True), make_pair(), english=True)
    assert whole["person"].to_list() == [SAM, ALEX, None]
    assert whole["messages"].to_list() == [3, 2, 5]
    assert whole["days"].to_list() == [16, 16, 16]
    assert whole.filter(pl.col("scope") == "couple")["gratitude"].item() == 1


SUNDAY_NIGHT = 6 * DAY + 12 * 60 + 59  # Sun 10 March, 21:59
LANGUAGE_CHANGE = [
    (0, SAM, "I feel so sad about work"),  # Mon 4 March, English
    (2, ALEX, "what happened?"),
    (SUNDAY_NIGHT, SAM, "I feel so lonely tonight"),
    (SUNDAY_NIGHT + 133, ALEX, "are you ok? what is wrong?"),  # Mon 11 March, 00:12
    (8 * DAY, SAM, "Hola, ¿me llamas a las ocho?"),  # the week of 11 March: another language
    (8 * DAY + 2, ALEX, "Vale, te llamo"),
    (14 * DAY, SAM, "I feel worried about tomorrow"),  # Mon 18 March, English again
    (14 * DAY + 2, ALEX, "why, what is coming?"),
]


def test_whole_chat_counts_are_the_sum_of_the_weeks_across_a_change_of_language() -> None:
    marked = make_marked(LANGUAGE_CHANGE, english=True)
    other = [date(2024, 3, 11)]
    weeks = weekly(marked, make_pair(), english=True, other_weeks=other)
    whole = totals(marked, make_pair(), english=True, other_weeks=other)
    couple = weeks.filter(pl.col("scope") == "couple")
    assert couple["met_asking_more"].to_list() == [2, None, 1]  # Sunday's, met on Monday
    for metric in (m for m in METRICS if m.count):
        for scope in range(3):
            rows = weeks.filter(pl.col("person").eq_missing(whole["person"][scope]))
            added = rows[metric.name].sum() if rows[metric.name].count() else None
            assert whole[metric.name][scope] == added, (metric.name, scope)
