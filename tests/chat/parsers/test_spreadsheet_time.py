"""Spreadsheet and Unix times for the plain CSV reader: read, or None, never an exception."""

from __future__ import annotations

from datetime import datetime

from hypothesis import given
from hypothesis import strategies as st

from nearer.chat.parsers.spreadsheet_time import date_order, is_local, local_time, unix_time

TIME_TEXT = st.text(alphabet="0123456789./-:, TAPMapm", max_size=30)


@given(TIME_TEXT, st.sampled_from(["dmy", "mdy", "ymd"]))
def test_any_text_is_a_time_or_none_in_every_order(text: str, order: str) -> None:
    assert local_time(text, order) is None or is_local(text)
    assert unix_time(text) is None or isinstance(unix_time(text), datetime)


@given(st.lists(TIME_TEXT, max_size=20))
def test_the_vote_over_any_values_decides_an_order(values: list[str]) -> None:
    assert date_order(values).order in ("dmy", "mdy", "ymd")


def test_twelve_hour_times_and_impossible_ones() -> None:
    assert local_time("3/12/2024 12:05 AM", "mdy") == datetime.fromisoformat("2024-03-12 00:05")
    assert local_time("3/12/2024 12:05 PM", "mdy") == datetime.fromisoformat("2024-03-12 12:05")
    assert local_time("3/12/2024 13:05 PM", "mdy") is None
    assert local_time("31/02/2024 10:00", "dmy") is None
