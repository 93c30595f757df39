from __future__ import annotations

from nearer.chat.caveats import Kind, kind_of
from nearer.chat.misdated import redated
from nearer.chat.pipeline import analyze_parsed
from tests.chat.conftest import ALEX, SAM, at, keyword_detect, make_chat

DAY = 24 * 60
A_YEAR = 365 * DAY


def test_one_line_a_year_ahead_is_read_at_its_neighbours_time_and_said() -> None:
    rows = [
        (0, SAM, "a"),
        (10, ALEX, "b"),
        (20 + A_YEAR, SAM, "phone clock ahead"),
        (30, ALEX, "c"),
    ]
    chat = redated(make_chat(rows))
    assert chat.messages["timestamp"].to_list() == [at(0), at(10), at(30), at(30)]
    assert chat.warnings == (
        "1 message written as 2025-03-04 09:20, over a day outside the time of the messages "
        "around it, was read at their time",
    )
    assert [kind_of(w) for w in chat.warnings] == [(Kind.MISDATED, 1)]


def test_the_reply_times_a_misdated_line_starts_or_answers_are_left_out() -> None:
    rows = [
        (0, SAM, "hello there"),
        (10, ALEX, "hi back"),
        (15 + A_YEAR, SAM, "wrong clock"),
        (20, ALEX, "ok then"),
        (30, SAM, "bye now"),
    ]
    report = analyze_parsed(make_chat(rows), detector=keyword_detect)
    signals = {value.metric.name: value for value in report.signals}
    assert signals["replies"].people == {SAM: 1, ALEX: 1}  # not a 0-minute reply to the line
    assert signals["median_reply_minutes"].people == {SAM: 10.0, ALEX: 10.0}


def test_a_line_at_the_unix_epoch_between_two_of_today_is_read_at_theirs() -> None:
    epoch = -(at(0) - at(0).replace(year=1970, month=1, day=1, hour=0, minute=0))
    rows = [(0, SAM, "a"), (epoch.total_seconds() / 60, ALEX, "placeholder"), (5, SAM, "c")]
    assert redated(make_chat(rows)).messages["timestamp"].to_list() == [at(0), at(0), at(5)]


def test_lines_out_of_order_by_less_than_a_day_stay_as_written() -> None:
    rows = [(0, SAM, "a"), (600, ALEX, "sent offline, hours late"), (30, SAM, "c")]
    chat = make_chat(rows)
    assert redated(chat) is chat


def test_a_jump_that_lasts_is_read_as_written() -> None:
    rows = [(0, SAM, "a"), (A_YEAR, ALEX, "b"), (A_YEAR + 1, SAM, "c"), (A_YEAR + 2, ALEX, "d")]
    chat = make_chat(rows)
    assert redated(chat) is chat


def test_two_misdated_lines_are_read_at_their_neighbours_and_the_one_between_stays() -> None:
    rows = [(0, SAM, "a"), (A_YEAR, ALEX, "b"), (2, SAM, "c"), (A_YEAR, ALEX, "d"), (4, SAM, "e")]
    chat = redated(make_chat(rows))
    assert chat.messages["timestamp"].to_list() == [at(0), at(2), at(2), at(4), at(4)]
    assert chat.warnings[-1].startswith("2 messages dated over a day outside")


def test_the_report_spans_the_chat_not_the_misdated_line() -> None:
    rows = [(n * DAY, SAM if n % 2 else ALEX, "hello there") for n in range(30)]
    rows.insert(15, (A_YEAR, SAM, "misdated"))
    report = analyze_parsed(make_chat(rows), detector=keyword_detect)
    assert report.summary.last == at(29 * DAY)
    assert report.weekly["week"].n_unique() == 5


def test_a_first_line_at_the_unix_epoch_takes_the_time_of_the_next() -> None:
    epoch = (at(0).replace(year=1970, month=1, day=1, hour=0, minute=0) - at(0)).total_seconds()
    rows = [(epoch / 60, SAM, "placeholder"), (0, ALEX, "a"), (5, SAM, "b")]
    chat = redated(make_chat(rows))
    assert chat.messages["timestamp"].to_list() == [at(0), at(0), at(5)]
    assert chat.warnings[-1].startswith("1 message written as 1970-01-01 00:00")


def test_a_reaction_made_days_after_its_message_is_no_misdated_line() -> None:
    """Telegram writes a reaction after the message it answers, dated when it was made."""
    rows = [
        (0, SAM, "a"),
        (10, ALEX, "b"),
        (5 * DAY, SAM, "❤️", "reaction"),
        (20, SAM, "c"),
        (30, ALEX, "d"),
    ]
    chat = make_chat(rows)
    assert redated(chat) is chat


def test_a_misdated_message_beside_a_reaction_is_still_read_at_its_neighbours_time() -> None:
    rows = [
        (0, SAM, "a"),
        (1, ALEX, "👍", "reaction"),
        (10 + A_YEAR, ALEX, "phone clock ahead"),
        (2, SAM, "❤️", "reaction"),
        (30, SAM, "c"),
    ]
    chat = redated(make_chat(rows))
    assert chat.messages["timestamp"].to_list() == [at(0), at(1), at(30), at(2), at(30)]
    assert [kind_of(w) for w in chat.warnings] == [(Kind.MISDATED, 1)]
