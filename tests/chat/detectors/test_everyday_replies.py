"""Everyday couple messages the detectors once missed: validation, casual thanks, counter-blame
and name-calling, disclosures read as understanding when they answered nothing, questions
written without their "?", and love of things read as affection."""

from __future__ import annotations

import polars as pl
import pytest

from nearer.chat.detectors import detect

NERVOUS = "I'm feeling a bit nervous about the interview today"
BAD_DAY = "I had the worst day, my boss yelled at me in front of everyone"
LOGISTICS = "what time are we leaving tomorrow?"


def decided(name: str, texts: list[str], context: str | None = None) -> list[bool]:
    contexts = pl.Series([context] * len(texts), dtype=pl.String)
    return detect(pl.Series(texts), contexts)[f"{name}_yes"].to_list()


def score(name: str, text: str, context: str | None = None) -> float:
    return float(detect(pl.Series([text]), pl.Series([context], dtype=pl.String))[name][0])


VALIDATION = [
    "that makes sense",
    "Aw, that makes sense",
    "I hear you",
    "no wonder you're upset",
    "of course you're nervous, it's a big deal",
    "that's completely understandable",
    "I'd be dreading it too",
    "honestly anyone would feel that way",
    "I can see why that got to you",
    "that sounds exhausting babe",
    "you're allowed to be upset about it",
]


@pytest.mark.parametrize("context", [NERVOUS, BAD_DAY])
def test_validating_a_disclosure_is_understanding(context: str) -> None:
    assert all(decided("understanding", VALIDATION, context))


def test_validation_counts_more_after_a_disclosure_than_after_plans() -> None:
    assert score("understanding", "that makes sense", LOGISTICS) < score(
        "understanding", "that makes sense", BAD_DAY
    )
    assert not any(decided("understanding", ["ok", "at 7", "no idea tbh"], LOGISTICS))


def test_a_disclosure_that_answers_nothing_is_not_understanding() -> None:
    disclosures = [
        "I'm terrified I'll lose my job",
        "I had the worst day, my boss yelled at me",
        "my dad is in hospital again and I'm scared",
        "I feel like nobody listens to me at work",
    ]
    assert not any(decided("understanding", disclosures))


def test_understanding_scores_lower_when_the_message_answers_nothing() -> None:
    for text in ["same here, I went through that too", "that makes sense"]:
        assert score("understanding", text) < score("understanding", text, NERVOUS)


@pytest.mark.parametrize("context", ["ok", "okay", "k", "sure", "thanks!"])
def test_a_reply_to_a_bare_ok_has_nothing_to_understand(context: str) -> None:
    replies = ["me too", "yeah I get it", "same", "I understand", "I know what you mean"]
    assert not any(decided("understanding", replies, context))


def test_casual_and_heartfelt_thanks_are_gratitude() -> None:
    thanks = [
        "I really appreciate you",
        "I'm so grateful for you",
        "appreciate it babe",
        "I'm really grateful for your help with the move",
        "ty for dinner",
        "thx for the lift",
        "cheers for grabbing the milk",
        "cheers for picking up the kids",
        "much appreciated love",
    ]
    assert all(decided("gratitude", thanks))


def test_refusing_or_denying_thanks_is_not_gratitude() -> None:
    others = ["no thanks, I'm full", "I don't appreciate that tone", "cheers! 🍻 to the weekend"]
    assert not any(decided("gratitude", others))


def test_counter_blame_is_defensiveness() -> None:
    counter = [
        "you're the one who forgot, not me",
        "yeah well you started it",
        "it's not like you're perfect either",
        "how is that my fault?",
        "I'm not the one who was late",
        "well you never told me",
        "I wasn't the one shouting",
        "don't turn this around on me",
        "what did I do wrong now?",
    ]
    assert all(decided("defensiveness", counter))


def test_kind_words_that_borrow_counter_blame_phrasing_are_not_defensiveness() -> None:
    kind = [
        "you're the one who makes me happiest",
        "well you did amazing today!",
        "it's not like you to be late, everything ok?",
        "you can talk to me anytime",
    ]
    assert not any(decided("defensiveness", kind))


def test_name_calling_and_verdicts_on_the_partner_are_contempt() -> None:
    insults = [
        "you moron",
        "you're a moron",
        "you dumbass",
        "you're worthless",
        "you're disgusting",
        "you make me sick",
        "you're a waste of space",
        "you're an embarrassment",
        "what an idiot",
        "you're so dumb",
        "you absolute clown",
        "god you're insufferable",
    ]
    assert all(decided("contempt", insults))


def test_self_mockery_and_playful_name_calling_are_not_contempt() -> None:
    friendly = [
        "you goof 😂 love you",
        "I'm such an idiot, left my phone at home",
        "you're not useless, you're tired",
        "you're so thick-skinned, wish I was",
        "that film was a waste of time",
    ]
    assert not any(decided("contempt", friendly))


COMFORT = [
    "It's not your fault, he's the problem",
    "It wasn't your fault babe",
    "You never let me down",
    "You're not stupid at all",
    "You did nothing wrong",
    "You never have to apologise for that, it's ok",
    "That's not true, you look beautiful",
    "You're the best, you always take care of me",
]
GRUMBLING = [
    "This stupid app keeps crashing, I can't buy the train ticket",
    "Ugh I hate when the bus is late",
    "I hate this weather",
    "The printer is useless, always jammed",
]


def test_comfort_that_borrows_blames_words_is_neither_criticism_nor_defensiveness() -> None:
    assert decided("criticism", COMFORT, BAD_DAY) == [False] * len(COMFORT)
    assert decided("defensiveness", COMFORT, BAD_DAY) == [False] * len(COMFORT)


def test_grumbling_about_things_is_not_criticism_of_the_partner() -> None:
    assert decided("criticism", GRUMBLING) == [False] * len(GRUMBLING)


def test_criticism_aimed_at_the_partner_still_counts() -> None:
    aimed = ["You always leave your dirty dishes everywhere", "Why do you never listen to me",
             "It's your fault we missed the train", "You're so selfish"]  # fmt: skip
    assert decided("criticism", aimed) == [True] * len(aimed)


def test_condolence_is_not_an_apology_unless_it_owns_something() -> None:
    condolences = [
        "I'm so sorry about your grandma",
        "Sorry to hear that, love",
        "Oh I'm sorry, that sounds hard",
        "I'm sorry you had such a rough day",
    ]
    apologies = [
        "I'm sorry I snapped at you",
        "Sorry, that was my fault",
        "sorry about last night",
        "I'm sorry I was late, and sorry to hear about your day",
    ]
    assert decided("apology", condolences) == [False] * len(condolences)
    assert decided("apology", apologies) == [True] * len(apologies)


UNMARKED_QUESTIONS = [
    "what did you do today",
    "how are you feeling about it",
    "do you want to talk",
    "What did u get up to this afternoon 😊",
    "how r u feeling about it",
    "wanna talk",
    "you want to talk about it",
    "you ok",
    "is it raining there",
    "should we get pizza tonight",
    "hows your mum doing",
    "whats wrong",
    "any news from the doctor",
    "babe, are you home",
    "I'm home, where are you",
    "which one do you want",
]
NOT_QUESTIONS = [
    "I did laundry today",
    "what you said hurt me",
    "what a day",
    "did it!",
    "do the dishes when you get a sec",
    "you need to stop doing that",
    "all good",
    "have a good day",
    "which is fine.",
    "what's special about you is your laugh",
]


def test_a_question_without_its_mark_is_a_question() -> None:
    found = dict(zip(UNMARKED_QUESTIONS, decided("question", UNMARKED_QUESTIONS), strict=True))
    assert all(found.values()), [text for text, yes in found.items() if not yes]


def test_statements_orders_and_exclamations_are_not_questions() -> None:
    found = dict(zip(NOT_QUESTIONS, decided("question", NOT_QUESTIONS), strict=True))
    assert not any(found.values()), [text for text, yes in found.items() if yes]


@pytest.mark.parametrize("text", ["do you want to talk", "how r u feeling about it"])
def test_an_unmarked_question_about_a_disclosure_asks_more(text: str) -> None:
    assert decided("asking_more", [text], BAD_DAY) == [True]


LOVED_THINGS = [
    "YOU know I love the park",
    "I love the park, you know",
    "i really love this song",
    "LOVE that idea",
    "love the new sofa",
    "we love pizza night",
    "Ha, classic you. Love it",
]
LOVED_PARTNER = [
    "I love you",
    "LOVE YOU",
    "I love how you laugh at your own jokes",
    "I love spending time with you",
    "love it when you sing in the shower",
    "I'd love to see you tonight",
    "I love the park with you",
]


def test_loving_a_thing_is_not_affection_whatever_its_case() -> None:
    found = dict(zip(LOVED_THINGS, decided("affection", LOVED_THINGS), strict=True))
    assert not any(found.values()), [text for text, yes in found.items() if yes]


def test_love_that_reaches_the_partner_is_affection() -> None:
    found = dict(zip(LOVED_PARTNER, decided("affection", LOVED_PARTNER), strict=True))
    assert all(found.values()), [text for text, yes in found.items() if not yes]


def test_asking_without_a_question_still_asks_more() -> None:
    indirect = [
        "may I ask what happened with him",
        "I'm curious what she said after that",
        "can I ask what he said",
    ]
    assert all(decided("asking_more", indirect, BAD_DAY))


@pytest.mark.parametrize(
    ("advice", "question"),
    [
        ("have you tried melatonin?", "have you slept at all?"),
        ("how about a long walk after work?", "how long has it been going on?"),
    ],
)
def test_advice_put_as_a_question_asks_less_than_a_question_about_them(
    advice: str, question: str
) -> None:
    assert score("asking_more", advice, BAD_DAY) < score("asking_more", question, BAD_DAY)


# Affection, exclamations and news in a question's first words: a pet name or a laugh set apart
# by no comma, "how" or "how much" that exclaims, "you still" that tells.
TOLD_NOT_ASKED = [
    "Love how you laugh.",
    "love how you think",
    "How much I miss you!",
    "You still owe me a coffee.",
    "Haha how you did that was amazing.",
    "love where you took me last night",
    "babe how you manage it I'll never know",
    "Love how much you care",
    "How long it took us to get here!",
    "how many times I've thought of you today",
    "omg how much I missed you",
    "How far we've come!",
    "you still have my hoodie",
    "Baby you still make me smile",
    "you sure know how to make me laugh",
]
ASKED_IN_CHAT_SHAPES = [
    "you still coming",
    "u still coming tonight",
    "you still there",
    "how you feeling",
    "how you holding up",
    "babe, are you home",
    "babe are you home",
    "love, are you ok",
    "haha, how did that happen",
    "what time is dinner",
    "babe what time is dinner",
    "how long will you be",
    "how much was it",
    "how many people are coming",
    "how long you staying",
    "how much longer",
    "you sure about this",
]


def test_affection_and_exclamations_that_start_like_questions_are_not_questions() -> None:
    found = dict(zip(TOLD_NOT_ASKED, decided("question", TOLD_NOT_ASKED), strict=True))
    assert not any(found.values()), [text for text, yes in found.items() if yes]


def test_chat_shaped_questions_without_a_mark_stay_questions() -> None:
    found = dict(zip(ASKED_IN_CHAT_SHAPES, decided("question", ASKED_IN_CHAT_SHAPES), strict=True))
    assert all(found.values()), [text for text, yes in found.items() if not yes]


THANKED = ["thanks", "thank you", "Thank you!", "thanks so much"]
KIND_REPLIES = ["that's ok, I understand", "of course, I'm always here for you", "I know, me too"]


@pytest.mark.parametrize("thanks", THANKED)
@pytest.mark.parametrize("name", ["caring", "understanding"])
def test_a_reply_to_bare_thanks_answers_no_disclosure(name: str, thanks: str) -> None:
    for reply in KIND_REPLIES:
        assert score(name, reply, thanks) <= score(name, reply, "see you at six")
    assert decided("caring", ["that's ok, I understand"], thanks) == [False]


ASKED_TO_HEAR = ["tell me more", "Tell me more about it.", "tell me what happened",
                 "what happened then?", "what happened next", "and then what"]  # fmt: skip
NOT_ASKED_TO_HEAR = ["ugh, tell me about it", "let me tell you something", "keep going!",
                     "go on a walk, it helps"]  # fmt: skip


def test_asking_to_hear_more_after_a_disclosure_is_asking_more() -> None:
    found = dict(zip(ASKED_TO_HEAR, decided("asking_more", ASKED_TO_HEAR, BAD_DAY), strict=True))
    assert all(found.values()), [text for text, yes in found.items() if not yes]


def test_telling_and_agreeing_in_the_same_words_is_not_asking_more() -> None:
    found = decided("asking_more", NOT_ASKED_TO_HEAR, BAD_DAY)
    assert not any(found), [t for t, yes in zip(NOT_ASKED_TO_HEAR, found, strict=True) if yes]


FELT_THE_SAME = ["I know how frustrating it feels", "I've been where you are",
                 "I do understand why you're upset", "I feel exactly the same",
                 "I was in that same place last year"]  # fmt: skip


def test_saying_one_knows_the_feeling_after_a_disclosure_is_understanding() -> None:
    found = dict(zip(FELT_THE_SAME, decided("understanding", FELT_THE_SAME, NERVOUS), strict=True))
    assert all(found.values()), [text for text, yes in found.items() if not yes]


CURIOUS_ABOUT_HABITS = ["do you always get nervous before interviews?",
                        "why do you still feel guilty?", "are you always this nervous before them?",
                        "why do you have to go in tomorrow?"]  # fmt: skip


def test_a_curious_question_with_always_or_still_after_a_disclosure_is_asking_more() -> None:
    """Only an attack put as a question ("why do you never listen?") asks nothing of them."""
    found = decided("asking_more", CURIOUS_ABOUT_HABITS, NERVOUS)
    assert all(found), [t for t, yes in zip(CURIOUS_ABOUT_HABITS, found, strict=True) if not yes]
    assert decided("asking_more", ["why do you never listen?"], NERVOUS) == [False]


NOT_ASKING_ABOUT_IT = [
    "ok tell me what you want for dinner",
    "tell me how it went later, gotta run",
]


def test_asking_to_be_told_something_else_or_later_is_not_asking_more() -> None:
    found = decided("asking_more", NOT_ASKING_ABOUT_IT, BAD_DAY)
    assert not any(found), [t for t, yes in zip(NOT_ASKING_ABOUT_IT, found, strict=True) if yes]


NOT_UNDERSTANDING = ["I really understand nothing you say", "your keys were in the same spot",
                     "I feel like that's your own fault"]  # fmt: skip


def test_words_of_understanding_that_say_otherwise_are_not_understanding() -> None:
    found = decided("understanding", NOT_UNDERSTANDING, NERVOUS)
    assert not any(found), [t for t, yes in zip(NOT_UNDERSTANDING, found, strict=True) if yes]
