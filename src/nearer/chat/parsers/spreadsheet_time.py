"""Times as spreadsheets and other tools write them, for the plain CSV reader.

A CSV saved again by a spreadsheet loses its ISO 8601 times: Excel writes the computer's local
form (`12.03.2024 21:15`, `3/12/2024 9:15 PM`, `12/03/2024 21:15:00`). Those are read here, with
the order of day and month voted over the whole file as for WhatsApp (date_order.py). Other
tools write Unix time, in seconds or milliseconds (`1710278100`, `1710278100000`): an instant.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime, time

from nearer.chat.parsers.calendars import gregorian
from nearer.chat.parsers.date_order import DateOrder, in_order, vote_date_order

_LOCAL = re.compile(
    r"(\d{1,4})[./-] ?(\d{1,2})[./-] ?(\d{1,4})\.?,?[ T]+"
    r"(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,]\d+)?)?"
    r"(?: ?([AaPp])\.? ?[Mm]\.?)?"
)
_UNIX = re.compile(r"(\d{9,10}|\d{12,13})(?:\.\d+)?")


def unix_time(value: str) -> datetime | None:
    """The naive UTC time of Unix seconds or milliseconds, or None if `value` is not one."""
    if not _UNIX.fullmatch(value):
        return None
    number = float(value)
    seconds = number / 1000 if len(value.partition(".")[0]) > 10 else number
    return datetime.fromtimestamp(seconds, UTC).replace(tzinfo=None)


def is_local(value: str) -> bool:
    """True when `value` has a spreadsheet's date-and-time form."""
    return _LOCAL.fullmatch(value) is not None


def date_order(values: Iterable[str]) -> DateOrder:
    """The file's order of day and month, voted over its local-form values in file order."""
    dates: list[tuple[int, int, int, int]] = []
    for value in values:
        found = _LOCAL.fullmatch(value)
        if found:
            a, b, c = found.group(1, 2, 3)
            numbers = (int(a), int(b), int(c), len(a))
            if not dates or dates[-1] != numbers:
                dates.append(numbers)
    return vote_date_order(dates)


def local_time(value: str, order: str) -> datetime | None:
    """The wall-clock time of a local-form `value` read in date `order`; None if impossible."""
    found = _LOCAL.fullmatch(value)
    if found is None:
        return None
    a, b, c, hour, minute, second = (int(part or 0) for part in found.group(1, 2, 3, 4, 5, 6))
    day_of = gregorian(*in_order(a, b, c, order))
    period = (found.group(7) or "").lower()
    if period and not 1 <= hour <= 12:
        return None
    hour = hour % 12 + (12 if period == "p" else 0) if period else hour
    if day_of is None or hour > 23 or minute > 59 or second > 59:
        return None
    return datetime.combine(day_of, time(hour, minute, second))
