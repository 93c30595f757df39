"""Exports of instants are shown on the couple's own clock; wall-clock exports as written."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import polars as pl
import pytest

from nearer.chat import clock
from nearer.chat.pipeline import analyze, analyze_parsed
from nearer.chat.records import EARLIEST, LATEST, ChatFile, ChatParseError, ParsedChat
from tests.chat.conftest import ALEX, SAM, exchange, make_chat

LINES = ((SAM, "Good morning, thank you for the coffee"), (ALEX, "Anytime, see you tonight"))


def naive(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute)  # noqa: DTZ001 - chat times are naive


def instants() -> ParsedChat:
    """Sam and Alex at 09:00 UTC on Monday 4 March 2024, as an export of instants."""
    return replace(make_chat(exchange(0, *LINES)), tz_hint="utc")


def test_instants_are_shown_as_wall_clock_time_in_the_zone_asked() -> None:
    local, zone = clock.localised(instants(), "Europe/Berlin")
    assert zone == "Europe/Berlin" and local.tz_hint == "local"
    assert local.messages["timestamp"][0] == naive(2024, 3, 4, 10, 0)


def test_a_wall_clock_export_is_kept_as_written() -> None:
    chat = make_chat(exchange(0, *LINES))
    assert clock.localised(chat, "Asia/Tokyo") == (chat, None)


def test_the_summary_hours_and_report_follow_the_zone() -> None:
    report = analyze_parsed(instants(), zone="America/New_York")
    assert report.time_zone == "America/New_York"
    assert report.summary.first == naive(2024, 3, 4, 4, 0)
    assert report.hours[SAM][4] == 1 and report.hours[SAM][9] == 0
    assert analyze_parsed(make_chat(exchange(0, *LINES)), zone="Asia/Tokyo").time_zone is None


def test_the_hour_the_clocks_go_back_keeps_the_messages_in_order() -> None:
    chat = instants()
    autumn = [naive(2024, 10, 27, 0, 30), naive(2024, 10, 27, 1, 10)]  # UTC
    moved = chat.messages.head(2).with_columns(pl.Series("timestamp", autumn, pl.Datetime("us")))
    local, _ = clock.localised(replace(chat, messages=moved), "Europe/Berlin")
    assert local.messages["timestamp"].to_list() == [
        naive(2024, 10, 27, 2, 30),
        naive(2024, 10, 27, 2, 10),
    ]
    assert local.messages["index"].to_list() == [0, 1]


def test_an_unknown_zone_is_refused_by_name() -> None:
    assert clock.check_zone("Europe/Berlin") == "Europe/Berlin"
    with pytest.raises(clock.UnknownTimeZone, match="'Mars/Olympus'"):
        clock.check_zone("Mars/Olympus")


@pytest.mark.parametrize("alias", ["localtime", "Factory", "posix/Europe/Berlin", "right/UTC"])
def test_the_systems_zone_aliases_that_cannot_convert_a_time_are_refused(alias: str) -> None:
    with pytest.raises(clock.UnknownTimeZone, match=f"'{alias}'"):
        clock.check_zone(alias)


def turns_at(*moments: datetime) -> ParsedChat:
    """Sam and Alex taking turns at these UTC instants, as an export of instants."""
    lines = [(SAM, "are you awake?"), (ALEX, "yes, I cannot sleep")] * len(moments)
    chat = make_chat(exchange(0, *lines[: len(moments)]))
    stamps = pl.Series("timestamp", moments, pl.Datetime("us"))
    return replace(chat, messages=chat.messages.with_columns(stamps), tz_hint="utc")


def test_timed_keeps_the_instants_beside_the_wall_clock() -> None:
    messages = instants().messages
    timed = clock.timed(messages, "Europe/Berlin")
    assert timed["elapsed"].to_list() == messages["timestamp"].to_list()
    assert timed["timestamp"][0] == naive(2024, 3, 4, 10, 0)
    assert clock.timed(messages, None) is messages


def test_a_reply_across_the_spring_change_takes_its_real_minutes() -> None:
    # 01:50 and 03:05 on the Berlin clock: the clocks went forward at 02:00
    chat = turns_at(naive(2024, 3, 31, 0, 50), naive(2024, 3, 31, 1, 5))
    report = analyze_parsed(chat, zone="Europe/Berlin")
    assert report.signal("median_reply_minutes").couple == 15.0
    assert report.summary.last == naive(2024, 3, 31, 3, 5)


def test_real_silence_under_three_hours_across_the_change_keeps_one_conversation() -> None:
    # 00:45 and 04:15 on the Berlin clock, two and a half hours apart
    chat = turns_at(naive(2024, 3, 30, 23, 45), naive(2024, 3, 31, 2, 15))
    report = analyze_parsed(chat, zone="Europe/Berlin")
    assert report.conversations == 1
    assert report.signal("median_reply_minutes").couple == 150.0


def test_a_reply_across_the_autumn_change_takes_its_real_minutes() -> None:
    # 02:50 summer time, then 02:10 winter time: the clock ran back
    chat = turns_at(naive(2024, 10, 27, 0, 50), naive(2024, 10, 27, 1, 10))
    report = analyze_parsed(chat, zone="Europe/Berlin")
    assert report.signal("median_reply_minutes").couple == 20.0


def test_days_and_weeks_of_instants_stay_on_the_wall_clock() -> None:
    # Sunday 23:30 UTC is Monday 00:30 in Berlin
    chat = turns_at(naive(2024, 3, 3, 23, 30), naive(2024, 3, 3, 23, 35))
    report = analyze_parsed(chat, zone="Europe/Berlin")
    assert set(report.weekly["week"].to_list()) == {naive(2024, 3, 4, 0, 0).date()}


def test_a_wall_clock_export_is_measured_on_its_own_clock() -> None:
    # WhatsApp writes the phone's clock: the instants, and the hour skipped, are unknown
    chat = turns_at(naive(2024, 3, 31, 1, 50), naive(2024, 3, 31, 3, 5))
    report = analyze_parsed(replace(chat, tz_hint="local"), zone="Europe/Berlin")
    assert report.signal("median_reply_minutes").couple == 75.0


# The calendar's ends ------------------------------------------------------------------------

#: The zones furthest west and east of UTC (-12 and +14 hours).
FAR_ZONES = ("Etc/GMT+12", "Pacific/Kiritimati")


@pytest.mark.parametrize(
    ("stamp", "zone"),
    [
        ("0001-01-01T00:00:00Z", "America/New_York"),  # .NET's "no date", west of UTC
        ("9999-12-31T23:59:59Z", "Asia/Tokyo"),  # its "latest date", east of UTC
    ],
)
def test_a_placeholder_at_the_calendars_end_is_refused_when_read_not_overflowing(
    stamp: str, zone: str
) -> None:
    text = f"timestamp,sender,text\n2024-03-12T20:15:00Z,Ben,hi\n{stamp},Ana,placeholder\n"
    with pytest.raises(ChatParseError, match="is out of range") as error:
        analyze([ChatFile("chat.csv", text.encode())], zone=zone)
    assert (error.value.file, error.value.line) == ("chat.csv", 3)


@pytest.mark.parametrize("zone", FAR_ZONES)
def test_the_first_and_last_times_a_table_holds_convert_in_the_furthest_zones(zone: str) -> None:
    edges = turns_at(EARLIEST, LATEST - timedelta(microseconds=1))
    local, _ = clock.localised(edges, zone)
    first, last = local.messages["timestamp"].to_list()
    assert first.year in (1899, 1900) and last.year in (2099, 2100)  # a day either way at most
    assert [clock.wall_clock(t, zone) for t in edges.messages["timestamp"]] == [first, last]


def test_a_chat_spanning_the_whole_range_has_a_row_per_week_and_person() -> None:
    report = analyze_parsed(turns_at(EARLIEST, LATEST - timedelta(days=1)), zone="UTC")
    weeks = (LATEST - EARLIEST).days // 7 + 1  # 1 January 1900 was a Monday
    assert report.weekly.height == 3 * weeks
