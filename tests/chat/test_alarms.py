"""Words of threat, fear or control in a chat ask for the private safety check again."""

from __future__ import annotations

import pytest

from nearer.chat.alarms import alarming
from tests.chat.conftest import ALEX, SAM, make_table

ALARMING = [
    "If you go out tonight I'll make you pay",
    "give me your password. now.",
    "You’re not allowed to see them any more",
    "I'm scared of you when you drink",
    "please stop hurting me",
    "you pushed me yesterday",
    "I will take the kids and you'll never see them",
    "if you leave me I’ll tell everyone",
    "Te voy a matar si vuelves a hacerlo",
    "Dame tu contraseña ahora",
    "Tenho medo de você",
    "Je t’interdis de sortir",
    "Du hast mich geschlagen",
    "Ho paura di te",
    "Ik maak je af",
]
ORDINARY = [
    "I'm scared of spiders, come and get it",
    "you killed it at the gig!!",
    "where are you? dinner's ready",
    "I'll find your keys, don't worry",
    "you're allowed to have the last slice",
    "my phone died, can you call mum",
    "I'd kill for a coffee right now",
    "Me das la sal?",
    "Tengo miedo de las arañas",
    "J'ai peur du noir",
    "Ich habe Angst vor der Prüfung",
    "Ik ben bang voor spinnen",
    "Ik ben bang voor je examen, succes!",
]


@pytest.mark.parametrize("text", ALARMING)
def test_words_of_threat_fear_or_control_are_found(text: str) -> None:
    assert alarming(make_table([(0, SAM, "hi"), (1, ALEX, text)]))


def test_everyday_words_that_look_alike_are_not() -> None:
    rows = [(float(i), SAM if i % 2 else ALEX, text) for i, text in enumerate(ORDINARY)]
    assert not alarming(make_table(rows))


def test_only_the_chosen_two_and_only_what_people_sent_are_read() -> None:
    table = make_table(
        [(0, SAM, "hi"), (1, "Kim", "I'll hurt you"), (2, None, "I'm scared of you")]
    )
    assert not alarming(table, (SAM, ALEX))
    assert alarming(table)  # Kim is in the chat: without a chosen pair, everyone is read
