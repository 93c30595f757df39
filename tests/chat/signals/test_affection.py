from __future__ import annotations

from tests.chat.conftest import ALEX, SAM, measure


def test_affection_in_words_and_hearts_is_counted() -> None:
    found = measure([(0, SAM, "love you"), (1, ALEX, "❤️"), (2, ALEX, "see you at 6")])
    assert found[SAM]["affection"] == 1
    assert found[ALEX]["affection"] == 1 and found[ALEX]["affection_per_100"] == 50.0
