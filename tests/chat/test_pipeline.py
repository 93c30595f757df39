from __future__ import annotations

from datetime import datetime
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nearer.chat.caveats import Kind, kind_of
from nearer.chat.pair import AlikeError
from nearer.chat.pipeline import ChatChoiceError, analyze, analyze_parsed
from nearer.chat.records import ChatFile
from tests.chat.conftest import ALEX, SAM, daily, exchange, keyword_detect, make_chat

ROWS = exchange(0, (SAM, "Thank you for the flowers, they made my whole day brighter"),
                (ALEX, "I'm so glad you liked them, I thought of you when I saw them"),
                (SAM, "Can we have dinner together tonight, just the two of us?"))  # fmt: skip


def test_analyze_composes_every_stage_into_a_report() -> None:
    report = analyze_parsed(make_chat(ROWS))
    assert report.people == (SAM, ALEX)
    assert report.summary.messages == 3
    assert report.conversations == 1
    assert report.weekly.height == 3
    assert report.signal("gratitude").couple == 1.0
    assert all(trend.status == "baseline_too_short" for trend in report.trends)


def test_me_goes_first() -> None:
    assert analyze_parsed(make_chat(ROWS), me=ALEX).people == (ALEX, SAM)


def test_me_is_reported_as_the_chat_writes_it() -> None:
    report = analyze_parsed(make_chat(ROWS), me=f"  {ALEX.lower()} ")
    assert report.me == ALEX and report.people == (ALEX, SAM)


def test_a_group_chat_without_a_pair_raises_the_choice_error() -> None:
    group = make_chat([*ROWS, (10, "Robin", "hello both")])
    with pytest.raises(ChatChoiceError) as caught:
        analyze_parsed(group)
    assert set(caught.value.participants) == {SAM, ALEX, "Robin"}


def test_a_group_chat_with_a_pair_analyses_only_the_pair() -> None:
    group = make_chat([*ROWS, (10, "Robin", "hello both")])
    report = analyze_parsed(group, pair=(SAM, ALEX))
    assert report.summary.participants["Robin"] == 1  # the export's summary keeps everyone
    assert report.signal("messages").couple == 3.0


def meta_thread(folder: str) -> list[ChatFile]:
    path = Path(__file__).parent / "fixtures" / "meta" / folder / "message_1.json"
    return [ChatFile("message_1.json", path.read_bytes())]


def test_a_couple_an_export_writes_under_one_name_is_refused_naming_the_file_and_name() -> None:
    with pytest.raises(AlikeError) as caught:
        analyze(meta_thread("alike_couple"))
    assert str(caught.value) == (
        '"Alex" is 2 people in this chat (message_1.json lists "Alex" twice among the '
        "participants), but the export names them alike on every message, so whose a message "
        "is cannot be told; analysed, one's messages would count as the other's"
    )


def test_a_pair_with_a_name_of_two_people_is_refused_and_two_others_are_analysed() -> None:
    group = meta_thread("alike_group")
    with pytest.raises(AlikeError):
        analyze(group, pair=("Sam", "alex"))
    report = analyze(group, pair=("Sam", "Robin"))
    assert report.signal("messages").people == {"Sam": 6.0, "Robin": 6.0}
    assert report.warnings == (
        '"Alex" is 2 people in this chat (message_1.json lists "Alex" twice among the '
        "participants); the chat's own figures count them as one",
    )
    assert [kind_of(w) for w in report.warnings] == [(Kind.NAMESAKES, 1)]


def test_progress_hears_every_stage_up_to_done() -> None:
    heard: list[tuple[str, float]] = []
    analyze_parsed(make_chat(ROWS), progress=lambda stage, part: heard.append((stage, part)))
    fractions = [part for _, part in heard]
    assert fractions == sorted(fractions) and heard[-1] == ("done", 1.0)


def test_analyze_reads_export_bytes() -> None:
    data = (
        b"timestamp,sender,text\n"
        b"2024-03-04 09:00,Sam,Good morning! I hope your day is lovely\n"
        b"2024-03-04 09:05,Alex,Thank you! You too, see you tonight\n"
    )
    report = analyze([ChatFile("chat.csv", data)])
    assert report.summary.format == "csv" and report.summary.messages == 2


WORDS = ["I", "you", "we", "love", "sorry", "never", "always", "why?", "ok", "milk", "6pm", "❤️",
         "whatever", "thanks", "feel", "sad", "let's", "pause", "😂", "the", "a", "\n"]  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(-300, 20_000),  # minutes; negative steps are clocks jumping back
            st.sampled_from([SAM, ALEX, None]),
            st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join),
            st.sampled_from(["text", "text", "media", "deleted", "edited", "system"]),
        ),
        min_size=2,
        max_size=60,
    )
)
def test_any_two_person_chat_gives_a_report_and_no_negative_reply_time(
    rows: list[tuple[int, str | None, str, str]],
) -> None:
    fixed = [
        (m, author if kind != "system" else None, text, kind) for m, author, text, kind in rows
    ]
    fixed += [(0, SAM, "hi", "text"), (1, ALEX, "hey", "text")]
    report = analyze_parsed(make_chat(fixed), detector=keyword_detect)
    assert set(report.people) == {SAM, ALEX}
    replies = report.weekly["median_reply_minutes"].drop_nulls()
    assert (replies >= 0).all()
    sent = [row for row in fixed if row[1] is not None and row[3] != "system"]
    assert report.summary.messages == len(sent)


def test_an_export_of_instants_measures_real_time_across_the_clock_change() -> None:
    data = (
        b"timestamp,sender,text\n"
        b"2024-03-31T00:45:00+01:00,Sam,are you still awake\n"
        b"2024-03-31T04:15:00+02:00,Alex,just woke up now\n"
    )  # two and a half hours apart, three and a half on the Berlin clock
    report = analyze([ChatFile("chat.csv", data)], zone="Europe/Berlin")
    assert report.conversations == 1
    assert report.signal("median_reply_minutes").couple == 150.0
    assert report.summary.first == datetime(2024, 3, 31, 0, 45)  # noqa: DTZ001 - wall clock


def test_weeks_in_another_language_are_left_out_of_the_word_list_signals() -> None:
    english = [(SAM, "Thanks so much for dinner, I love you"), (ALEX, "thanks, you are sweet"),
               (SAM, "I think we should go to the lake this weekend, if you are free"),
               (ALEX, "Yes! I would love that. Can we leave early in the morning?")]  # fmt: skip
    spanish = [(SAM, "Hola, ¿me llamas a las ocho? No puedo, estoy en el trabajo"),
               (ALEX, "Vale, no pasa nada. ¿Me avisas cuando salgas del trabajo?"),
               (SAM, "Sí, te aviso. No me esperes para cenar, voy a llegar tarde"),
               (ALEX, "Bueno, me voy a duchar. Te quiero mucho, nos vemos en la casa")]  # fmt: skip
    rows = daily(30 * 7, english) + daily(8 * 7, spanish, first_day=30 * 7)
    report = analyze_parsed(make_chat(rows), detector=keyword_detect)
    assert report.language.english and len(report.language.other_weeks) == 8
    couple = report.weekly.filter(pl.col("scope") == "couple")
    assert couple["gratitude_per_100"].null_count() == 8  # not 0 thanks: another language
    assert couple["messages"].min() == 28  # what needs no word list keeps every week
    trend = next(t for t in report.trends if t.metric.name == "gratitude_per_100")
    assert trend.status == "no_recent_data"  # not "fewer thanks than usual"
    thanks = next(s for s in report.signals if s.metric.name == "gratitude_per_100")
    assert thanks.couple == 50.0  # over the English weeks only, where half the messages thank


def test_messages_that_name_no_sender_are_counted_in_a_warning() -> None:
    rows = [(0, SAM, "hi there"), (1, None, "who wrote me?", "text"), (2, ALEX, "hello you")]
    report = analyze_parsed(make_chat(rows), detector=keyword_detect)
    assert report.summary.messages == 2
    assert report.warnings == ("1 message names no sender; left out of every count",)
    assert [kind_of(w) for w in report.warnings] == [(Kind.NO_SENDER, 1)]


@pytest.mark.parametrize("tail", ["x", "lol", "ok"])
def test_a_feeling_closed_with_a_bare_formula_is_still_met_with_understanding(tail: str) -> None:
    feeling = [(SAM, "i'm so anxious about the scan tomorrow"), (SAM, "i'm scared")]
    reply = [(ALEX, "i know exactly how that feels, i've been there"), (SAM, "thank you")]
    plain = analyze_parsed(make_chat(exchange(0, *feeling, *reply)))
    closed = analyze_parsed(make_chat(exchange(0, *feeling, (SAM, tail), *reply)))
    met = plain.signal("met_understanding").couple
    assert met == 1.0
    assert closed.signal("met_understanding").couple == met


@pytest.mark.parametrize("question", ["do you ever feel like that too?",
                                      "do you always forget to eat when you're stressed? i worry "
                                      "about you", "do you ever treat yourself?"])  # fmt: skip
def test_a_caring_question_after_a_feeling_is_asking_more_and_no_criticism(question: str) -> None:
    feeling = [(SAM, "i'm so anxious about the scan tomorrow"), (SAM, "i'm scared")]
    report = analyze_parsed(make_chat(daily(4, [*feeling, (ALEX, question), (SAM, "maybe")])))
    assert report.signal("met_asking_more").people[SAM] == 4.0
    assert report.signal("criticism").people[ALEX] == 0.0
