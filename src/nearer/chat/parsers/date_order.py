"""The order of day, month and year in a file's dates, voted once over all of them.

`1/5/24` is 1 May or 5 January: the writer's locale decides, and an export does not say which.
WhatsApp headers (whatsapp_header.py) and a spreadsheet's times in a plain CSV
(spreadsheet_time.py) are read with one vote over every date of the file, in the manner of
Pustur/whatsapp-chat-parser (the code is nearer's own).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import NamedTuple

from nearer.chat.parsers.calendars import gregorian


def in_order(a: int, b: int, c: int, order: str) -> tuple[int, int, int]:
    """(year, month, day) of a date written as the numbers a, b, c in `order`."""
    return (a, b, c) if order == "ymd" else (c, b, a) if order == "dmy" else (c, a, b)


@dataclass(frozen=True)
class DateOrder:
    """The file's date order and how sure the vote is.

    `order` is "dmy", "mdy" or "ymd"; `ambiguous` is True when the dates do not settle it and
    `order` is the best guess; `evidence` says in words what decided.
    """

    order: str
    ambiguous: bool
    evidence: str


def vote_date_order(dates: Sequence[tuple[int, int, int, int]]) -> DateOrder:
    """Decide the date order from a file's dates: (a, b, c, digits of a) in file order.

    Consecutive repeats may be left out: they change nothing. The rules, in turn: a first
    number of four digits or > 31 is a year; a first number > 12 is a two-digit year when that
    reading runs forward better than day first (`24-03-12`, see `_year_first`), else a number
    > 12 can only be a day; within one year the day goes down when the month turns; the day
    changes more often than the month. Only the first three decide for certain.
    """
    if not dates:
        return DateOrder("dmy", True, "no dates")
    if any(digits >= 3 or a > 31 for a, _, _, digits in dates):
        return DateOrder("ymd", False, "the year comes first")
    big_a = sum(a > 12 for a, _, _, _ in dates)
    big_b = sum(b > 12 for _, b, _, _ in dates)
    if big_a and not big_b and (year_first := _year_first(dates)):
        return year_first
    if big_a or big_b:
        both = bool(big_a and big_b)
        evidence = "both first numbers exceed 12 somewhere" if both else "a day > 12"
        return DateOrder("dmy" if big_a >= big_b else "mdy", both, evidence)
    return _vote_on_sequence(dates)


def _year_first(dates: Sequence[tuple[int, int, int, int]]) -> DateOrder | None:
    """Year first with a two-digit year (`24-03-12` for 12 March 2024) when, so read, the dates
    are all possible and step back in time less often than read day first, or as often but
    over fewer days in all: a chat runs forward day by day, bar the odd line out of order.
    Unsure when neither reading steps back under half as often or travels under half as far."""
    year_first = _path(dates, "ymd")
    day_first = _path(dates, "dmy")
    if year_first is None or day_first is None or day_first <= year_first:
        return None  # an impossible day first is a header that is text (whatsapp_header.py)
    if year_first.steps_back == 0 < day_first.steps_back:
        return DateOrder("ymd", False, "the dates run forward only with a two-digit year first")
    sure = (
        day_first.steps_back > 2 * year_first.steps_back
        or day_first.days_travelled > 2 * year_first.days_travelled
    )
    return DateOrder("ymd", not sure, "the dates run forward most with a two-digit year first")


class _Path(NamedTuple):
    """The dates of a file read in one order: how often a date comes before the one above it,
    and how many days lie between each date and the next, added up."""

    steps_back: int
    days_travelled: int


def _path(dates: Sequence[tuple[int, int, int, int]], order: str) -> _Path | None:
    """The dates read in `order`; None when one of them is no possible date."""
    days = []
    for a, b, c, _ in dates:
        found = gregorian(*in_order(a, b, c, order))
        if found is None:
            return None
        days.append(found)
    steps = list(pairwise(days))
    return _Path(
        sum(later < earlier for earlier, later in steps),
        sum(abs((later - earlier).days) for earlier, later in steps),
    )


def _vote_on_sequence(dates: Sequence[tuple[int, int, int, int]]) -> DateOrder:
    turns_a = turns_b = moves_a = moves_b = 0
    for (a0, b0, c0, _), (a1, b1, c1, _) in pairwise(dates):
        moves_a, moves_b = moves_a + (a1 != a0), moves_b + (b1 != b0)
        if c1 == c0:  # within one year, the day falls back as the month moves on
            turns_a += a1 < a0 and b1 > b0
            turns_b += b1 < b0 and a1 > a0
    if turns_a != turns_b:
        order = "dmy" if turns_a > turns_b else "mdy"
        return DateOrder(order, bool(turns_a and turns_b), "the day went down as the month turned")
    if moves_a != moves_b:
        order = "dmy" if moves_a > moves_b else "mdy"
        return DateOrder(order, True, "guessed: the day changes more often than the month")
    same = all(a == b for a, b, _, _ in dates)
    return DateOrder("dmy", not same, "guessed: nothing in the dates tells day from month")
