from __future__ import annotations

from tests.chat.conftest import ALEX, SAM, exchange, measure

HARSH = ((SAM, "You always forget the bins"), (ALEX, "that's not true"),
         (SAM, "whatever, you never listen"))  # fmt: skip


def test_criticism_contempt_and_defensiveness_are_counted_where_they_occur() -> None:
    found = measure(exchange(0, *HARSH, (ALEX, "ok")))
    assert found[SAM]["criticism"] == 2 and found[SAM]["contempt"] == 1
    assert found[ALEX]["defensiveness"] == 1
    assert found[SAM]["criticism_per_100"] == 100.0


def test_a_hostile_turn_left_unanswered_is_stonewalling_by_the_one_who_went_quiet() -> None:
    rows = [*exchange(0, *HARSH), (600, ALEX, "morning"), (601, SAM, "morning")]
    found = measure(rows)
    assert found[ALEX]["stonewalling"] == 1
    assert found[SAM]["stonewalling"] == 0


def test_an_answer_after_a_long_silence_is_stonewalling() -> None:
    rows = [*exchange(0, *HARSH), (4 + 90, ALEX, "fine"), (95, SAM, "ok")]
    assert measure(rows)[ALEX]["stonewalling"] == 1


def test_a_prompt_answer_is_not_stonewalling() -> None:
    assert measure(exchange(0, *HARSH, (ALEX, "sorry"), (SAM, "ok")))[None]["stonewalling"] == 0


def test_silence_after_asking_for_a_pause_is_not_stonewalling() -> None:
    lines = (*HARSH[:2], (SAM, "you never listen. I need a break, let's talk later"))
    rows = [*exchange(0, *lines), (600, ALEX, "morning"), (601, SAM, "hi")]
    assert measure(rows)[None]["stonewalling"] == 0


def test_silence_is_measured_from_the_end_of_the_hostile_turn() -> None:
    rows = [(0, SAM, "what time is the dentist?"), (100, SAM, HARSH[0][1]),
            (101, SAM, HARSH[2][1]), (105, ALEX, "sorry, driving"), (110, SAM, "ok")]  # fmt: skip
    assert measure(rows)[None]["stonewalling"] == 0


def test_an_hour_of_silence_after_a_turn_that_ends_hostile_is_stonewalling() -> None:
    rows = [(0, SAM, "what time is the dentist?"), (100, SAM, HARSH[0][1]),
            (101, SAM, HARSH[2][1]), (162, ALEX, "fine"), (163, SAM, "ok")]  # fmt: skip
    assert measure(rows)[ALEX]["stonewalling"] == 1
