from __future__ import annotations

import pytest

from nearer.content.wording import speaks_of_danger, speaks_of_touch


@pytest.mark.parametrize(
    "text",
    [
        "Not where either partner is afraid of the other.",
        "Not as a way to keep a partner you fear in a good mood.",
        "Where stress has ever led to frightening behaviour at home, get help first.",
        "Not if you have ever felt frightened or scared at home.",
        "Not for an argument that involved threats, shoving or any other harm.",
        "Not where one of you has threatened or intimidated the other.",
        "Not where raising a complaint has ever led to punishment.",
        "Not after hitting, slapping, kicking or choking, or any violence.",
        "Not where there has been abuse or control over money or friends.",
        "Not where an argument has ever turned physical.",
        "Skip it if your privacy is not safe at home, or if you feel unsafe.",
        "Keep a phone within reach if you need to be reachable for safety.",
        "Not where one of you is in danger, or has been hurting the other.",
    ],
)
def test_danger_is_caught_in_its_many_words(text: str) -> None:
    assert speaks_of_danger(text)


@pytest.mark.parametrize(
    "text",
    [
        "Not a time to raise a complaint; if something hurt, set a separate time for it.",
        "Not a substitute for urgent help when you think of self-harm; call a crisis line.",
        "Not a replacement for help when you feel low or think of harming yourself.",
        "Not while either of you is flooded or the argument is still hot.",
        "Keep it small, and let the harmony of a shared ritual grow; a miss is no failure.",
    ],
)
def test_everyday_hurt_and_self_harm_are_not_danger_between_partners(text: str) -> None:
    assert not speaks_of_danger(text)


@pytest.mark.parametrize(
    "text",
    [
        "Which playful kinds of contact make you grin, like a nudge or a high five?",
        "Do you have a favourite way of holding hands?",
        "What kind of hug suits you best?",
        "When did a kiss or a cuddle last make your day?",
        "How much everyday touch feels right to you?",
        "What is it like for you to be held while you are upset?",
        "Has there been a moment when I touched you in a way that didn't feel right?",
        "On a sad day, what physical comfort would you want from me first?",
    ],
)
def test_touch_is_caught_in_its_many_words(text: str) -> None:
    assert speaks_of_touch(text)


@pytest.mark.parametrize(
    "text",
    [
        "Which belief you held firmly as a child makes you smile now?",
        "What feeling have you held back lately?",
        "What holds you back from suggesting things you'd like us to do together?",
        "What strong opinion do you hold about something delightfully unimportant?",
        "How did the adults around you handle big emotions?",
        "Which huge change are you proudest of getting through?",
    ],
)
def test_holding_a_view_is_not_touch(text: str) -> None:
    assert not speaks_of_touch(text)
