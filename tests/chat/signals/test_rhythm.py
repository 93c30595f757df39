from __future__ import annotations

from tests.chat.conftest import ALEX, SAM, measure


def test_conversation_starters_are_counted_for_who_opened() -> None:
    found = measure([(0, SAM, "hi"), (1, ALEX, "hey"), (400, ALEX, "back"), (900, ALEX, "?")])
    assert found[SAM]["conversations_started"] == 1
    assert found[ALEX]["conversations_started"] == 2
    assert found[None]["conversations_started"] == 3


def test_median_reply_minutes_belong_to_the_person_replying() -> None:
    rows = [(0, SAM, "a"), (4, ALEX, "b"), (5, SAM, "c"), (15, ALEX, "d"), (16, SAM, "e")]
    found = measure(rows)
    assert found[ALEX]["median_reply_minutes"] == 7.0  # 4 and 10 minutes
    assert found[SAM]["median_reply_minutes"] == 1.0
    assert found[ALEX]["replies"] == 2 and found[None]["replies"] == 4
