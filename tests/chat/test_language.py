from __future__ import annotations

from nearer.chat.language import MIN_SHARE, check
from tests.chat.conftest import ALEX, SAM, make_messages

ENGLISH = [
    (0, SAM, "I think we should go to the lake this weekend, if you are free"),
    (2, ALEX, "Yes! I would love that. Can we leave early in the morning?"),
    (4, SAM, "Sure, I will pack the food and you can drive"),
]
GERMAN = [
    (0, SAM, "Ich glaube, wir sollten dieses Wochenende zum See fahren, wenn du Zeit hast"),
    (2, ALEX, "Ja! Das fände ich schön. Können wir früh am Morgen losfahren?"),
    (4, SAM, "Klar, ich packe das Essen ein und du fährst"),
]


def test_an_english_chat_is_english() -> None:
    found = check(make_messages(ENGLISH))
    assert found.english and found.reason is None
    assert found.share >= MIN_SHARE


def test_a_german_chat_is_not_english_and_says_why() -> None:
    found = check(make_messages(GERMAN))
    assert not found.english
    assert found.reason is not None and "English" in found.reason


def test_too_little_text_is_not_called_english() -> None:
    found = check(make_messages([(0, SAM, "ok"), (1, ALEX, "yes")]))
    assert not found.english
    assert found.reason is not None and "too little" in found.reason
