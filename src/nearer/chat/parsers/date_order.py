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
    number of four digits or > 31 is a year; a first number > 12 is a two-digit year when only
    that reading keeps the dates running forward (`24-03-12`), else a number > 12 can only be a
    day; within one year the day goes down when the month turns; the day changes more often
    than the month. Only the first three decide for certain.
    """
    if not dates:
        return DateOrder("dmy", True, "no dates")
    if any(digits >= 3 or a > 31 for a, _, _, digits in dates):
        return DateOrder("ymd", False, "the year comes first")
    big_a = sum(a > 12 for a, _, _, _ in dates)
    big_b = sum(b > 12 for _, b, _, _ in dates)
    if big_a and not big_b and _runs_forward_only_year_first(dates):
        return DateOrder("ymd", False, "the dates run forward only with a two-digit year first")
    if big_a or big_b:
        both = bool(big_a and big_b)
        evidence = "both first numbers exceed 12 somewhere" if both else "a day > 12"
        return DateOrder("dmy" if big_a >= big_b else "mdy", both, evidence)
    return _vote_on_sequence(dates)


def _runs_forward_only_year_first(dates: Sequence[tuple[int, int, int, int]]) -> bool:
    """Whether the file's dates are all possible and never go back when read year first
    (`24-03-12` for 12 March 2024), while read day first they do go back: a chat runs forward
    in time, bar the odd edited line."""
    year_first = _steps_back(dates, "ymd")
    return year_first == 0 and (_steps_back(dates, "dmy") or 0) > 0


def _steps_back(dates: Sequence[tuple[int, int, int, int]], order: str) -> int | None:
    """How often a date comes before the one above it when read in `order`; None when one of
    them is no possible date."""
    days = []
    for a, b, c, _ in dates:
        found = gregorian(*in_order(a, b, c, order))
        if found is None:
            return None
        days.append(found)
    return sum(later < earlier for earlier, later in pairwise(days))


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
