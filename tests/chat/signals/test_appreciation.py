from __future__ import annotations

from tests.chat.conftest import ALEX, SAM, measure


def test_thanks_are_counted_for_who_said_them() -> None:
    found = measure([(0, SAM, "Thank you for dinner, it was lovely"), (1, ALEX, "anytime")])
    assert found[SAM]["gratitude"] == 1 and found[SAM]["gratitude_per_100"] == 100.0
    assert found[ALEX]["gratitude"] == 0
