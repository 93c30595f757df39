"""Dates written in the calendar of the phone's language, turned into Gregorian dates.

A phone writes an export's dates in its language's calendar. WhatsApp's own years give the
calendar away, because no chat is older than WhatsApp (2009): a year from 1380 to 1420 is the
Persian solar Hijri calendar (1388 began in March 2009), a year from 1425 to 1500 is the Islamic
(lunar) Hijri calendar (1430 began in December 2008), a year from 2550 on is the Thai Buddhist
era (2552 is 2009), and a two-digit year above 50 is a Buddhist year without its century (Thai
phones write 64 for 2564, that is 2021). Other years are Gregorian, two-digit ones in 20yy.
iPhones whose language writes the era name in the date put it after the year (`2565 BE`,
`1405 AP`, `1446 AH`): the year alone already says which calendar it is. The Japanese calendar is
the exception: its years restart with each era, which the phone writes as a letter before the
year (`R4` is Reiwa 4, that is 2022), and `japanese_year` reads them.

Islamic dates are read by the arithmetic (tabular) calendar, with its civil epoch and the usual
30-year cycle of leap years. Phones may follow the Umm al-Qura calendar, which is set by the
moon: the two agree on most days and differ by a day, rarely two, around some months' starts.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

_BUDDHIST_OFFSET = 543
#: The Japanese eras a WhatsApp chat can fall in, by the letter phones write before the year,
#: each with the Gregorian year before its first: Heisei (H) from 1989, Reiwa (R) from 1 May 2019.
#: Heisei 21 is 2009, so no chat is older.
JAPANESE_ERAS = {"H": 1988, "R": 2018}
# 1 Farvardin 1400, the first day of the Persian year 1400.
_PERSIAN_ANCHOR_YEAR, _PERSIAN_ANCHOR = 1400, date(2021, 3, 21)
# Leap years of the solar Hijri calendar sit at these places of its 33-year cycle (the arithmetic
# rule, which agrees with the observed calendar for every year of the range read here).
_PERSIAN_LEAP = frozenset({1, 5, 9, 13, 17, 22, 26, 30})


def gregorian(year: int, month: int, day: int) -> date | None:
    """The Gregorian date of a header's year, month and day; None if there is no such day."""
    try:
        if 1380 <= year <= 1420:
            return _from_persian(year, month, day)
        if 1425 <= year <= 1500:
            return _from_islamic(year, month, day)
        if year < 100:
            year += 2000 if year <= 50 else 2500 - _BUDDHIST_OFFSET
        elif year >= 2550:
            year -= _BUDDHIST_OFFSET
        return date(year, month, day)
    except ValueError:
        return None


def japanese_year(era: str, year: int) -> int:
    """The Gregorian year of `year` of the Japanese era `era` ("R", 4 -> 2022).

    `era` is a key of `JAPANESE_ERAS`. The year is not checked against the era's end (a phone
    writes no H31 after April 2019), so any year gives a year.
    """
    return JAPANESE_ERAS[era] + year


def _from_persian(year: int, month: int, day: int) -> date:
    if not 1 <= month <= 12 or not 1 <= day <= _persian_month_days(year, month):
        raise ValueError(f"no day {day} in month {month} of the Persian year {year}")
    start = _PERSIAN_ANCHOR
    step = 1 if year >= _PERSIAN_ANCHOR_YEAR else -1
    for earlier in range(_PERSIAN_ANCHOR_YEAR, year, step):
        start += timedelta(days=step * _persian_year_days(earlier if step > 0 else earlier - 1))
    elapsed = (month - 1) * 31 if month <= 7 else 186 + (month - 7) * 30
    return start + timedelta(days=elapsed + day - 1)


# The day before 1 Muharram of year 1 (16 July 622, Julian), as a proleptic Gregorian ordinal.
_ISLAMIC_EPOCH = 227014


def _from_islamic(year: int, month: int, day: int) -> date:
    if not 1 <= month <= 12 or not 1 <= day <= _islamic_month_days(year, month):
        raise ValueError(f"no day {day} in month {month} of the Islamic year {year}")
    months = math.ceil(29.5 * (month - 1))  # 30 and 29 days in turn
    years = (year - 1) * 354 + (3 + 11 * year) // 30  # with the cycle's leap days before it
    return date.fromordinal(_ISLAMIC_EPOCH + years + months + day)


def _islamic_month_days(year: int, month: int) -> int:
    if month < 12:
        return 30 if month % 2 else 29
    return 30 if (14 + 11 * year) % 30 < 11 else 29


def _persian_year_days(year: int) -> int:
    return 366 if year % 33 in _PERSIAN_LEAP else 365


def _persian_month_days(year: int, month: int) -> int:
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if year % 33 in _PERSIAN_LEAP else 29
