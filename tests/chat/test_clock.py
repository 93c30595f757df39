"""Exports of instants are shown on the couple's own clock; wall-clock exports as written."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import polars as pl
import pytest

from nearer.chat import clock
from nearer.chat.pipeline import analyze_parsed
from nearer.chat.records import ParsedChat
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
