from __future__ import annotations

from tests.chat.conftest import ALEX, SAM, measure


def test_we_i_and_you_talk_per_100_words() -> None:
    found = measure([(0, SAM, "we could go, you and I"), (1, ALEX, "let's see what our plans are")])
    assert found[SAM]["we_per_100"] == 100 / 6  # "we" in 6 words
    assert found[SAM]["i_per_100"] == 100 / 6
    assert found[SAM]["you_per_100"] == 100 / 6
    assert found[None]["we_per_100"] == 25.0  # we, let's, our in 12 words


def test_pronouns_inside_conflict_are_reported_apart() -> None:
    rows = [(0, SAM, "you never listen, whatever"), (1, ALEX, "you always do this, ridiculous"),
            (2, SAM, "we need to stop")]  # fmt: skip
    found = measure(rows)
    assert found[None]["you_conflict_per_100"] and found[None]["you_conflict_per_100"] > 0
    assert found[None]["we_conflict_per_100"] == 100 / 13  # "we" in 13 words
