"""The WhatsApp header grammar, the shape of a file's headers and the date-order vote."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from nearer.chat.parsers.date_order import vote_date_order
from nearer.chat.parsers.whatsapp_header import (
    HEADER,
    HEADER_RE,
    TIME_START,
    date_numbers,
    dominant_shape,
    make_date,
    shape,
    shape_pattern,
    time_seconds,
)

HEADERS = [
    "[3/4/25, 2:05:09\u202fPM] ",
    "3/4/25, 2:05\u202fPM - ",
    "28/3/2025, 9:29 p.\u00a0m. - ",
    "2023-12-20, 5:46 p.m. - ",
    "29.01.18, 23:33 - ",
    "13.6.2018 klo 21.25.15 - ",
    "13. 6. 2018. 21:25:15 ",
    "26-04-2022 12:11 - ",
    "30/08/25 18.00 - ",
    "٢٤\u200f/٤\u200f/٢٠٢٢، ٢:٠٧ م - ",
    "24/3/14, 13:59:59: ",
    "13.06.18 21.25.15: ",
    "[31/12/2022 11:40:26] ",
    "\u200e[1/29/18, 23:47:03] ",
    "[\ufeff29.01.18, 12:26:03] ",
    "[29.01.18, 11:33:03 abends] ",
    "2021/1/29 下午11:46 - ",
    "[2021/1/29 午後11:46:03] ",
    "2021. 1. 29. 오후 11:46 - ",
    "29/1/21, 11:46 μ.μ. - ",
    "29/1/21 11:46 PTG - ",
    "[3/18/2565 BE, 14:56:01] ",
    "[6/11/1405 AP, 7:41:05\u202fAM] ",
    "[3/21/1448 AH, 7:05:09 PM] ",
    "[3/18/R4, 14:56:01] ",
    "[R6/03/12 21:05:11] ",
    "12.03.24 г., 21:15 - ",  # Bulgarian: the year's "г." (година) after the date
    "[12.03.24 г., 21:15:02] ",
]


def dates(*triples: tuple[int, int, int]) -> list[tuple[int, int, int, int]]:
    return [(a, b, c, len(str(a))) for a, b, c in triples]


@pytest.mark.parametrize("header", HEADERS)
def test_every_known_header_form_matches_in_python_and_in_polars(header: str) -> None:
    found = HEADER_RE.match(header + "Ana: hi")
    assert found is not None and found.group() == header
    rest = pl.Series([header + "Ana: hi"]).str.replace(HEADER, "")
    assert rest.to_list() == ["Ana: hi"]


@pytest.mark.parametrize(
    "line", ["Agenda for 12/03", "12:30 works", "1/2/2024 was great", "[1/2/3] x", ""]
)
def test_ordinary_text_is_no_header(line: str) -> None:
    assert HEADER_RE.match(line) is None


def test_shape_ignores_digits_marks_and_the_spelling_of_the_day_period() -> None:
    assert shape("\u200e[1/29/18, 11:46:03 PM] ") == shape("[12/3/2018, 1:02:00\u202fam] ")
    assert shape("[1/29/18, 11:46:03 PM] ") == "[//, :: P] "
    assert shape("29.01.18, 23:33 - ") != shape("2016-04-29 10:30:00 ")


def test_japanese_eras_share_a_shape_so_a_chat_crossing_them_is_one_file() -> None:
    assert shape("[4/30/H31, 23:59:00] ") == shape("[5/1/R1, 00:00:05] ") == "[//E, ::] "
    assert shape("[4/30/H31, 23:59:00] ") != shape("[4/30/31, 23:59:00] ")
    date_shape = shape_pattern("[4/30/H31, ")
    assert pl.Series(["[5/1/R1, ", "[5/1/1, "]).str.contains(date_shape).to_list() == [True, False]


def test_a_japanese_era_year_is_read_as_its_gregorian_year() -> None:
    assert date_numbers("[3/18/R4, ") == (3, 18, 2022, 1)
    assert make_date("[4/30/H31, ", "mdy") == date(2019, 4, 30)


def test_a_japanese_era_year_written_first_is_read_year_first() -> None:
    assert date_numbers("[R6/03/12 ") == (2024, 3, 12, 4)
    assert vote_date_order([date_numbers("[R6/03/12 "), date_numbers("[R6/03/13 ")]).order == "ymd"
    assert make_date("[H31/04/30 ", "ymd") == date(2019, 4, 30)
    assert shape("[H31/04/30 23:59:00] ") == shape("[R1/05/01 00:00:05] ") == "[E// ::] "


def test_shape_pattern_accepts_headers_of_the_same_shape_only() -> None:
    date_part = shape_pattern("29.01.18, ")
    same = pl.Series(["1.2.2024, ", "\ufeff31.12.19, "]).str.contains(date_part)
    other = pl.Series(["1/2/2024, ", "1.2.2024 klo "]).str.contains(date_part)
    assert same.to_list() == [True, True] and other.to_list() == [False, False]


def test_the_most_common_shape_wins_and_ties_go_to_the_first() -> None:
    dates_ = pl.Series(["29/04/2016, ", "2016-04-29 ", "30/04/2016, ", None])
    times = pl.Series(["09:00 - ", "10:30:00 ", "09:01 - ", None])
    assert dominant_shape(dates_, times) == ("29/04/2016, ", "09:00 - ")
    assert dominant_shape(dates_[1:2], times[1:2]) == ("2016-04-29 ", "10:30:00 ")
    assert (
        dominant_shape(pl.Series([None], dtype=pl.String), pl.Series([None], dtype=pl.String))
        is None
    )


def test_a_four_digit_first_number_is_the_year() -> None:
    order = vote_date_order(dates((2023, 12, 20), (2023, 12, 21)))
    assert (order.order, order.ambiguous) == ("ymd", False)


def test_a_first_number_above_twelve_makes_it_the_day() -> None:
    order = vote_date_order(dates((1, 2, 24), (13, 2, 24)))
    assert (order.order, order.ambiguous) == ("dmy", False)


def test_a_two_digit_year_first_is_found_by_the_dates_running_forward() -> None:
    # 30 and 31 January, then 1 February 2020, written `20-01-30` (whatstk's %y-%m-%d).
    order = vote_date_order(dates((20, 1, 30), (20, 1, 31), (20, 2, 1)))
    assert (order.order, order.ambiguous) == ("ymd", False)
    # Read day first the same text would jump from 2031 back to 2001.
    assert make_date("20-02-01, ", "ymd") == date(2020, 2, 1)


def test_a_two_digit_year_first_wins_with_fewer_steps_back_than_day_first() -> None:
    # Twelve days of March 2024 written `24-03-13`, one line out of order among them.
    days = [(24, 3, day) for day in range(13, 25)]
    days.insert(6, (24, 3, 14))
    order = vote_date_order(dates(*days))
    assert (order.order, order.ambiguous) == ("ymd", False)
    # Dates all over the years either way: year first is no more than a guess, said to be one.
    close = vote_date_order(dates((28, 9, 13), (31, 1, 16), (20, 12, 26), (25, 7, 22)))
    assert (close.order, close.ambiguous) == ("ymd", True)


def test_a_day_first_file_with_a_line_out_of_order_stays_day_first() -> None:
    days = [(day, 3, 24) for day in range(13, 25)]
    days.insert(6, (14, 3, 24))
    order = vote_date_order(dates(*days))
    assert (order.order, order.ambiguous) == ("dmy", False)


def test_days_above_twelve_within_one_month_stay_day_first() -> None:
    order = vote_date_order(dates((20, 1, 24), (21, 1, 24), (22, 1, 24)))
    assert (order.order, order.ambiguous) == ("dmy", False)
    turn = vote_date_order(dates((30, 1, 24), (31, 1, 24), (1, 2, 24)))
    assert turn.order == "dmy"


def test_a_second_number_above_twelve_makes_the_month_first() -> None:
    order = vote_date_order(dates((1, 2, 24), (2, 13, 24)))
    assert (order.order, order.ambiguous) == ("mdy", False)


def test_the_day_going_down_as_the_month_turns_decides() -> None:
    # 9 Jan, 2 Feb read day-first; read month-first it would run backwards from Sep to Feb.
    order = vote_date_order(dates((9, 1, 24), (2, 2, 24)))
    assert (order.order, order.ambiguous) == ("dmy", False)
    assert vote_date_order(dates((1, 9, 24), (2, 2, 24))).order == "mdy"


def test_a_new_year_is_no_evidence_for_either_order() -> None:
    order = vote_date_order(dates((12, 11, 23), (1, 2, 24)))
    assert order.ambiguous


def test_change_frequency_is_only_a_guess() -> None:
    order = vote_date_order(dates((1, 5, 24), (1, 6, 24), (1, 9, 24)))
    assert (order.order, order.ambiguous) == ("mdy", True)


def test_dates_that_read_the_same_either_way_are_not_ambiguous() -> None:
    order = vote_date_order(dates((1, 1, 24), (2, 2, 24)))
    assert not order.ambiguous


def test_nothing_to_go_on_is_ambiguous_with_day_first_as_the_guess() -> None:
    assert (vote_date_order([]).order, vote_date_order([]).ambiguous) == ("dmy", True)
    order = vote_date_order(dates((3, 4, 25)))
    assert (order.order, order.ambiguous) == ("dmy", True)


def test_date_numbers_read_any_script() -> None:
    assert date_numbers("٢٤\u200f/٤\u200f/٢٠٢٢، ") == (24, 4, 2022, 2)
    assert date_numbers("[\ufeff29.01.18, ") == (29, 1, 18, 2)


def test_make_date_in_each_order_and_impossible_days() -> None:
    assert make_date("29.01.18, ", "dmy") == date(2018, 1, 29)
    assert make_date("1/29/18, ", "mdy") == date(2018, 1, 29)
    assert make_date("2018/01/29, ", "ymd") == date(2018, 1, 29)
    assert make_date("31/02/24, ", "dmy") is None
    assert make_date("1/13/24, ", "dmy") is None


def seconds(times: list[str], twelve_hour: bool) -> dict[str, int | None]:
    table = time_seconds(pl.Series(times), twelve_hour)
    return dict(zip(table["time"].to_list(), table["seconds"].to_list(), strict=True))


def test_time_seconds_with_a_twelve_hour_clock() -> None:
    read = seconds(
        ["12:00 AM - ", "12:30 PM - ", "9:29 p.\u00a0m. - ", "23:59 PM - ", "00:04 AM - "],
        twelve_hour=True,
    )
    assert read == {
        "12:00 AM - ": 0,
        "12:30 PM - ": 12 * 3600 + 1800,
        "9:29 p.\u00a0m. - ": 21 * 3600 + 29 * 60,
        "23:59 PM - ": 23 * 3600 + 59 * 60,  # hand-edited: the hour wins
        "00:04 AM - ": 4 * 60,
    }


def test_time_seconds_with_seconds_dots_and_arabic_digits() -> None:
    assert seconds(["21.25.15 - "], twelve_hour=False) == {"21.25.15 - ": 77115}
    assert seconds(["٢:٠٧ م - "], twelve_hour=True) == {"٢:٠٧ م - ": 14 * 3600 + 7 * 60}


def test_time_seconds_with_day_periods_before_or_after_the_time() -> None:
    read = seconds(
        ["下午11:46 - ", "오전 12:05 - ", "中午12:30 - ", "11:46 μ.μ. - ", "9:05 π.μ. - "],
        twelve_hour=True,
    )
    assert read == {
        "下午11:46 - ": 23 * 3600 + 46 * 60,
        "오전 12:05 - ": 5 * 60,
        "中午12:30 - ": 12 * 3600 + 30 * 60,
        "11:46 μ.μ. - ": 23 * 3600 + 46 * 60,
        "9:05 π.μ. - ": 9 * 3600 + 5 * 60,
    }


def test_a_day_period_before_the_time_belongs_to_the_time_part() -> None:
    header = "2021. 1. 29. 오후 11:46 - "
    at = pl.Series([header]).str.find(TIME_START).item()
    assert header.encode()[at:].decode() == "오후 11:46 - "
    assert shape(header) == shape("2021. 1. 30. 오전 9:05 - ")


def test_impossible_times_read_as_none() -> None:
    assert seconds(["25:00 - ", "10:61 - "], twelve_hour=False) == {
        "25:00 - ": None,
        "10:61 - ": None,
    }
