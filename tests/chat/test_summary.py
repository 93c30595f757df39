from __future__ import annotations

from datetime import datetime

import polars as pl

from nearer.chat.records import ParsedChat
from nearer.chat.render_json import summary as summary_json
from nearer.chat.summary import summarize
from tests.chat.conftest import ALEX, SAM, make_chat, make_table


def test_summary_counts_what_people_sent_excluding_system_lines() -> None:
    chat = make_chat(
        [
            (0, None, "Messages and calls are end-to-end encrypted."),
            (1, SAM, "hi"),
            (2, ALEX, "", "media"),
            (3, ALEX, "fixed typo", "edited"),
            (4, SAM, "", "deleted"),
            (5, None, "Your security code with Alex changed."),
            (6, SAM, "", "call"),
            (7, ALEX, "❤️", "reaction"),
        ]
    )
    summary = summarize(chat)
    assert summary.messages == 4
    assert summary.participants == {SAM: 2, ALEX: 2}
    assert summary.media == 1
    assert summary.system == 2


def test_an_edited_message_counts_once() -> None:
    summary = summarize(make_chat([(0, SAM, "hello", "edited"), (1, ALEX, "hi")]))
    assert summary.messages == 2
    assert summary.participants == {ALEX: 1, SAM: 1}


def test_summary_json_has_the_documented_keys_and_local_iso_times() -> None:
    document = summary_json(summarize(make_chat([(0, SAM, "hi"), (90, ALEX, "hey")])))
    assert document == {
        "format": "whatsapp",
        "messages": 2,
        "participants": {ALEX: 1, SAM: 1},
        "first": "2024-03-04T09:00:00",
        "last": "2024-03-04T10:30:00",
        "media": 0,
        "system": 0,
    }


def test_first_and_last_follow_the_instants_in_an_hour_the_clocks_repeat() -> None:
    table = make_table([(0, SAM, "before the change"), (20, ALEX, "after it")])
    utc = [datetime.fromisoformat(t) for t in ("2024-10-27T00:50", "2024-10-27T01:10")]
    instants = table.with_columns(pl.Series("timestamp", utc))  # 02:50 CEST, then 02:10 CET
    chat = ParsedChat("telegram", instants, tz_hint="utc")
    summary = summarize(chat, "Europe/Berlin")
    assert summary.first == datetime.fromisoformat("2024-10-27T02:50")
    assert summary.last == datetime.fromisoformat("2024-10-27T02:10")


def test_a_system_line_without_time_is_counted_but_sets_neither_first_nor_last() -> None:
    table = make_table([(0, SAM, "hi"), (5, None, ""), (10, ALEX, "hey")])
    untimed = table.with_columns(  # as Telegram's unsupported messages come
        pl.when(pl.col("author").is_null()).then(None).otherwise("timestamp").alias("timestamp")
    )
    summary = summarize(ParsedChat("telegram", untimed, tz_hint="utc"), "Europe/Berlin")
    assert (summary.messages, summary.system) == (2, 1)
    assert summary.first == datetime.fromisoformat("2024-03-04T10:00")
    assert summary.last == datetime.fromisoformat("2024-03-04T10:10")
