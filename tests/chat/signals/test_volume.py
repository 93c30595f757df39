from __future__ import annotations

from tests.chat.conftest import ALEX, SAM, measure


def test_messages_words_and_media_per_person_and_couple() -> None:
    found = measure([(0, SAM, "one two three"), (1, ALEX, "four"), (2, ALEX, "", "media")])
    assert (found[SAM]["messages"], found[SAM]["words"], found[SAM]["media"]) == (1, 3, 0)
    assert (found[ALEX]["messages"], found[ALEX]["words"], found[ALEX]["media"]) == (2, 1, 1)
    assert (found[None]["messages"], found[None]["words"], found[None]["media"]) == (3, 4, 1)


def test_shares_are_of_the_couples_total_and_only_on_person_rows() -> None:
    found = measure([(0, SAM, "a b c"), (1, ALEX, "d"), (2, ALEX, "e f g h")])
    assert round(found[SAM]["message_share"], 1) == 33.3  # type: ignore[arg-type]
    assert found[ALEX]["word_share"] == 62.5
    assert found[None]["message_share"] is None
