from __future__ import annotations

from tests.chat.conftest import ALEX, SAM, measure


def test_logistics_and_personal_talk_are_shares_of_written_messages() -> None:
    found = measure([(0, SAM, "Can you pick up milk at 6pm?"), (1, ALEX, "I love you"),
                     (2, ALEX, "", "media"), (3, SAM, "ok")])  # fmt: skip
    assert found[None]["logistics_share"] == 100 / 3
    assert found[None]["personal_share"] == 100 / 3
    assert found[SAM]["logistics_messages"] == 1 and found[ALEX]["personal_messages"] == 1


def test_a_personal_message_about_an_errand_is_personal_not_logistics() -> None:
    found = measure([(0, SAM, "Thank you for doing the groceries"), (1, ALEX, "ok")])
    assert found[SAM]["personal_messages"] == 1 and found[SAM]["logistics_messages"] == 0


def test_messages_without_words_are_neither_personal_nor_logistics() -> None:
    found = measure([(0, SAM, "I will be home by six"), (1, ALEX, "❤️"), (2, SAM, "❤️❤️"),
                     (3, ALEX, "😘"), (4, SAM, "10:30"), (5, ALEX, "🥰")])  # fmt: skip
    assert found[SAM]["personal_messages"] == 0 and found[SAM]["logistics_messages"] == 1
    assert found[ALEX]["personal_messages"] == 0 and found[ALEX]["personal_share"] is None
    assert found[None]["personal_share"] == 0 and found[None]["logistics_share"] == 100


def test_personal_and_logistics_shares_add_up_to_at_most_100_percent() -> None:
    found = measure([(0, SAM, "Can you pick up milk"), (1, ALEX, "love you ❤️"), (2, SAM, "❤️"),
                     (3, SAM, "at 6pm"), (4, ALEX, "😘"), (5, ALEX, "ok")])  # fmt: skip
    for row in found.values():
        personal, logistics = row["personal_share"], row["logistics_share"]
        assert isinstance(personal, float) and isinstance(logistics, float)
        assert personal + logistics <= 100
    assert found[SAM]["logistics_share"] == 100 and found[ALEX]["personal_share"] == 50
