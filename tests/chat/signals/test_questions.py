from __future__ import annotations

from tests.chat.conftest import ALEX, SAM, measure


def test_questions_are_counted_per_100_messages() -> None:
    found = measure([(0, SAM, "How was your day?"), (1, ALEX, "Good"), (2, ALEX, "And yours?"),
                     (3, SAM, "fine")])  # fmt: skip
    assert found[SAM]["questions"] == 1 and found[SAM]["questions_per_100"] == 50.0
    assert found[None]["questions"] == 2
