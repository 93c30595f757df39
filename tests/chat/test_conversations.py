from __future__ import annotations

from datetime import date

import polars as pl

from nearer.chat.conversations import ANNOTATIONS, annotate, following, hours, turns
from tests.chat.conftest import ALEX, SAM, at, make_messages


def test_a_silence_over_three_hours_starts_a_new_conversation() -> None:
    messages = make_messages([(0, SAM, "hi"), (180, ALEX, "hey"), (361, SAM, "you there?")])
    assert messages["conversation"].to_list() == [0, 0, 1]
    assert messages["new_conversation"].to_list() == [True, False, True]


def test_a_turn_is_one_persons_run_inside_a_conversation() -> None:
    messages = make_messages(
        [(0, SAM, "a"), (1, SAM, "b"), (2, ALEX, "c"), (500, ALEX, "d"), (501, SAM, "e")]
    )
    assert messages["turn"].to_list() == [0, 0, 1, 2, 3]
    assert messages["position"].to_list() == [0, 1, 2, 0, 1]


def test_reply_time_runs_from_the_first_message_of_the_turn() -> None:
    table = turns(make_messages([(0, SAM, "a"), (10, SAM, "b"), (12, ALEX, "c")]))
    assert table["reply_seconds"].to_list() == [None, 12 * 60.0]


def test_an_out_of_order_timestamp_never_gives_a_negative_reply_time() -> None:
    table = turns(make_messages([(10, SAM, "written later"), (5, ALEX, "clock went back")]))
    assert table["reply_seconds"].to_list() == [None, None]
    assert table["conversation"].to_list() == [0, 0]  # a jump back is not a new conversation


def test_reply_times_are_never_negative_however_the_clock_jumps() -> None:
    rows = [(m, SAM if i % 2 else ALEX, "x") for i, m in enumerate([0, 50, 20, 30, 10, 400, 390])]
    replies = turns(make_messages(rows))["reply_seconds"].drop_nulls()
    assert (replies >= 0).all()


def test_the_silence_after_a_line_that_jumped_back_runs_from_the_latest_time() -> None:
    rows = [(600, SAM, "a"), (660, ALEX, "b"), (450, SAM, "jumped back"), (665, ALEX, "c")]
    messages = make_messages(rows)
    assert messages["conversation"].to_list() == [0, 0, 0, 0]  # no silence over three hours


def test_a_reply_earlier_than_the_end_of_the_turn_it_answers_has_no_reply_time() -> None:
    rows = [(600, SAM, "a"), (630, SAM, "b"), (640, SAM, "c")]
    rows += [(615, ALEX, "a clock behind"), (616, ALEX, "still behind")]
    assert turns(make_messages(rows))["reply_seconds"].to_list() == [None, None]


A_YEAR = 365 * 24 * 60


def test_one_line_a_year_ahead_leaves_every_later_silence_a_silence() -> None:
    rows = [(0, SAM, "a"), (10, ALEX, "b"), (20 + A_YEAR, SAM, "phone clock ahead")]
    rows += [(30, ALEX, "c"), (600, SAM, "evening"), (605, ALEX, "d"), (1200, SAM, "night")]
    messages = make_messages(rows)
    assert messages["conversation"].to_list() == [0, 0, 0, 0, 1, 1, 2]
    replies = turns(messages)["reply_seconds"].to_list()
    assert replies == [None, 600.0, None, None, None, 300.0, None]  # its real time is unknown


def test_one_line_hours_behind_is_no_silence_before_the_next() -> None:
    rows = [(600, SAM, "a"), (605, ALEX, "b"), (200, SAM, "written earlier"), (610, ALEX, "c")]
    assert make_messages(rows)["conversation"].to_list() == [0, 0, 0, 0]


def test_context_is_the_other_persons_last_message_before_the_turn() -> None:
    messages = make_messages([(0, SAM, "how was it?"), (1, ALEX, "good"), (2, ALEX, "tiring")])
    assert messages["context"].to_list() == [None, "how was it?", "how was it?"]


def test_the_first_turn_of_a_conversation_answers_nothing() -> None:
    messages = make_messages([(0, SAM, "night"), (600, ALEX, "morning")])
    assert messages["context"].to_list() == [None, None]


def test_weeks_start_on_monday() -> None:
    messages = make_messages([(0, SAM, "monday"), (6 * 24 * 60 + 720, ALEX, "sunday night")])
    assert messages["week"].to_list() == [date(2024, 3, 4), date(2024, 3, 4)]
    assert messages["day"].to_list()[-1] == date(2024, 3, 10)


def test_a_turn_sums_its_messages_and_words_and_any_flag() -> None:
    messages = make_messages([(0, SAM, "one two"), (1, SAM, "three!"), (2, ALEX, "four five")])
    loud = messages.with_columns(pl.col("text").str.contains("!").alias("loud"))
    table = turns(loud, flags=("loud",), carry=("text",))
    assert table["messages"].to_list() == [2, 1]
    assert table["words"].to_list() == [3, 2]
    assert table["loud"].to_list() == [True, False]
    assert table["text"].to_list() == ["one two", "four five"]  # carried from the first message


def test_the_last_turn_and_unanswered_turns_are_marked() -> None:
    table = turns(make_messages([(0, SAM, "a"), (1, ALEX, "b"), (500, SAM, "c")]))
    assert table["next_in_conversation"].to_list() == [True, False, False]
    assert table["last"].to_list() == [False, False, True]
    assert table["opens"].to_list() == [True, False, True]


def test_following_reads_the_answering_turn() -> None:
    table = following(turns(make_messages([(0, SAM, "a"), (1, ALEX, "b")])), ("author",))
    assert table["next_author"].to_list() == [ALEX, None]


def test_hours_count_messages_per_hour_per_person() -> None:
    found = hours(
        make_messages([(0, SAM, "9am"), (60, SAM, "10am"), (61, ALEX, "10am")]), (SAM, ALEX)
    )
    assert found[SAM][9] == 1 and found[SAM][10] == 1 and found[ALEX][10] == 1
    assert sum(found[ALEX]) == 1 and len(found[SAM]) == 24


def test_annotate_keeps_every_row_in_order() -> None:
    messages = make_messages([(5, SAM, "b"), (0, ALEX, "a")])
    again = annotate(messages.drop(*ANNOTATIONS))
    assert again["text"].to_list() == ["b", "a"]
    assert again.columns == messages.columns


def test_a_turn_ends_at_its_last_message() -> None:
    table = turns(make_messages([(0, SAM, "a"), (10, SAM, "b"), (12, ALEX, "c")]))
    assert table["end"].to_list() == [at(10), at(12)]


def test_context_passes_over_a_bare_formula_that_closes_the_other_persons_turn() -> None:
    rows = [(0, SAM, "my dad is ill"), (1, SAM, "x"), (2, ALEX, "that must be hard"),
            (3, SAM, "ok"), (4, SAM, "lol"), (5, ALEX, "me too")]  # fmt: skip
    expected = [None, None, "my dad is ill", "that must be hard", "that must be hard", "ok"]
    assert make_messages(rows)["context"].to_list() == expected


def test_context_passes_over_a_photo_or_deleted_message_that_closes_the_turn() -> None:
    rows = [(0, SAM, "i'm scared"), (1, SAM, "", "media"), (2, ALEX, "i understand"),
            (3, ALEX, "", "deleted"), (4, ALEX, "x"), (5, SAM, "thank you")]  # fmt: skip
    expected = [None, None, "i'm scared", "i'm scared", "i'm scared", "i understand"]
    assert make_messages(rows)["context"].to_list() == expected
