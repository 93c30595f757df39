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
