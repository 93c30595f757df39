from __future__ import annotations

from tests.chat.conftest import ALEX, SAM, exchange, measure


def test_an_i_statement_about_a_feeling_with_a_request_is_a_soft_start_up() -> None:
    soft = "I feel a bit lonely lately. Could we have a quiet evening this week?"
    found = measure(exchange(0, (SAM, soft), (ALEX, "yes, let's")))
    assert found[SAM]["soft_startups"] == 1


def test_a_complaint_with_criticism_is_not_soft() -> None:
    harsh = "I feel ignored, could you for once not be on your phone? You never listen"
    assert measure(exchange(0, (SAM, harsh), (ALEX, "ok")))[SAM]["soft_startups"] == 0


def test_owning_a_part_and_apologies_count_as_taking_responsibility() -> None:
    found = measure(exchange(0, (SAM, "You're right, my fault"), (ALEX, "I'm sorry too")))
    assert found[SAM]["responsibility"] == 1 and found[ALEX]["responsibility"] == 1


def test_asking_for_a_pause_is_self_soothing() -> None:
    found = measure(exchange(0, (SAM, "I'm getting overwhelmed, I need a break"), (ALEX, "ok")))
    assert found[SAM]["self_soothing"] == 1


def test_repairs_are_mending_messages_inside_a_conflict_episode() -> None:
    rows = exchange(0, (SAM, "You never help, ridiculous"), (ALEX, "You always nag"),
                    (SAM, "haha ok, fair point"), (ALEX, "sorry, love you"))  # fmt: skip
    found = measure(rows)
    assert found[SAM]["repairs"] == 1 and found[ALEX]["repairs"] == 1
    assert found[None]["repaired_episodes"] == 1 and found[None]["repair_share"] == 100.0


def test_an_apology_outside_conflict_is_no_repair() -> None:
    found = measure(exchange(0, (SAM, "sorry I'm late"), (ALEX, "no worries")))
    assert found[None]["repairs"] == 0 and found[None]["repair_share"] is None
