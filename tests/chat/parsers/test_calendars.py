"""Header years in the phone's calendar become Gregorian dates."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from nearer.chat.parsers import whatsapp
from nearer.chat.parsers.calendars import gregorian, japanese_year
from nearer.chat.records import ChatFile


@pytest.mark.parametrize(
    ("persian", "expected"),
    [
        ((1388, 1, 1), date(2009, 3, 21)),
        ((1399, 12, 30), date(2021, 3, 20)),  # the last day of a leap year
        ((1400, 1, 1), date(2021, 3, 21)),
        ((1402, 10, 1), date(2023, 12, 22)),
        ((1403, 1, 1), date(2024, 3, 20)),
        ((1404, 1, 1), date(2025, 3, 21)),
    ],
)
def test_persian_solar_hijri_dates(persian: tuple[int, int, int], expected: date) -> None:
    assert gregorian(*persian) == expected


def test_days_the_persian_calendar_does_not_have_are_none() -> None:
    assert gregorian(1400, 12, 30) is None  # 1400 is no leap year
    assert gregorian(1400, 7, 31) is None  # the second half's months have 30 days
    assert gregorian(1400, 13, 1) is None


def test_thai_buddhist_years_with_and_without_the_century() -> None:
    assert gregorian(2564, 1, 29) == date(2021, 1, 29)
    assert gregorian(64, 1, 29) == date(2021, 1, 29)


@pytest.mark.parametrize(
    ("era", "year", "expected"),
    [("H", 21, 2009), ("H", 31, 2019), ("R", 1, 2019), ("R", 4, 2022), ("R", 7, 2025)],
)
def test_japanese_era_years_become_gregorian_years(era: str, year: int, expected: int) -> None:
    assert japanese_year(era, year) == expected


def test_gregorian_years_stay_and_two_digit_ones_are_this_century() -> None:
    assert gregorian(2021, 1, 29) == date(2021, 1, 29)
    assert gregorian(21, 1, 29) == date(2021, 1, 29)
    assert gregorian(2024, 2, 30) is None


@pytest.mark.parametrize(
    ("islamic", "expected"),
    [
        ((1445, 9, 1), date(2024, 3, 11)),  # 1 Ramadan 1445, as in Umm al-Qura
        ((1430, 1, 1), date(2008, 12, 29)),  # the year WhatsApp began in
        ((1442, 12, 30), date(2021, 8, 9)),  # the last day of a leap year
    ],
)
def test_islamic_hijri_dates(islamic: tuple[int, int, int], expected: date) -> None:
    assert gregorian(*islamic) == expected


def test_days_the_islamic_calendar_does_not_have_are_none() -> None:
    assert gregorian(1445, 2, 30) is None  # Safar has 29 days
    assert gregorian(1446, 12, 30) is None  # not a leap year
    assert gregorian(1445, 13, 1) is None


def test_a_whatsapp_export_in_arabic_with_hijri_years_is_dated_in_gregorian() -> None:
    date_part = "١٧\u200f/٧\u200f/١٤٤٥، "
    text = f"{date_part}١١:٣٣ م - أحمد: مرحبا\n{date_part}١١:٣٥ م - ليلى: أهلا\n"
    parsed = whatsapp.parse([ChatFile("chat.txt", text.encode())])
    assert parsed.messages["timestamp"][0] == datetime.fromisoformat("2024-01-28T23:33")
