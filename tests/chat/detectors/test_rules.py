"""Phrase rules: one 0/1 column per rule, matched without regard to case."""

from __future__ import annotations

import polars as pl
import pytest

from nearer.chat.detectors.rules import RULES, holds, rule_signals


def flags(text: str) -> dict[str, float]:
    return rule_signals(pl.Series([text])).row(0, named=True)


def test_every_rule_gives_a_column() -> None:
    assert rule_signals(pl.Series(["x"])).columns == [f"r:{name}" for name in RULES]


def test_always_and_never_aimed_at_you_is_flagged_in_any_case() -> None:
    assert flags("YOU NEVER listen")["r:always_never"] == 1.0
    assert flags("I never listen to podcasts")["r:always_never"] == 0.0


def test_always_in_a_yes_no_question_about_a_habit_blames_only_with_blame_words() -> None:
    assert flags("Do you always sing in the shower?")["r:always_never"] == 0.0
    assert flags("do you always leave your socks on the floor?")["r:always_never"] == 1.0
    assert flags("why do you always sing so loud?")["r:always_never"] == 1.0


def test_a_habit_question_opened_by_an_emoji_or_a_dash_still_asks() -> None:
    assert flags("😂 do you always sing in the shower?")["r:always_never"] == 0.0
    assert flags("- do you ever get bored?")["r:asks_habit"] == 1.0
    assert flags("😂 are you always this lazy?")["r:always_never"] == 1.0
    assert flags("😡 do you never learn?")["r:always_never"] == 1.0
    assert flags("- do you always have an excuse?")["r:always_never"] == 1.0
    assert flags("do you always keep a promise to yourself?")["r:always_never"] == 0.0


def test_a_habit_question_excuses_only_its_own_always_not_blame_elsewhere() -> None:
    assert flags("you never listen. do you always sing in the shower?")["r:always_never"] == 1.0
    assert flags("do you usually cook? you never call me")["r:always_never"] == 1.0


def test_habit_blame_words_end_at_a_word_boundary() -> None:
    assert flags("do you always wear yellow?")["r:habit_blame"] == 0.0
    assert flags("do u always have to yell")["r:habit_blame"] == 1.0


def test_thanks_with_tears_is_no_bare_formula_unless_it_laughs() -> None:
    assert flags("thank you 😭")["r:social_formula"] == 0.0
    assert flags("thank you 😭")["r:moved_thanks"] == 1.0
    assert flags("thank you lmao 😭")["r:social_formula"] == 1.0
    assert flags("thank you lmao 😭")["r:moved_thanks"] == 0.0


def test_an_emojis_invisible_variation_selector_keeps_a_formula_a_formula() -> None:
    assert flags("thank you \u2764\ufe0f")["r:social_formula"] == 1.0
    assert flags("thanks \u2764\ufe0f\u200d\U0001f525")["r:social_formula"] == 1.0


def test_tears_on_the_line_after_thanks_still_say_the_thanks_was_felt() -> None:
    assert flags("thank you\n😭")["r:moved_thanks"] == 1.0
    assert flags("thank you\n😭")["r:social_formula"] == 0.0


def test_mocking_thanks_with_tears_is_sarcasm_not_thanks_that_was_felt() -> None:
    assert flags("thanks a lot 😭")["r:moved_thanks"] == 0.0


def test_thanks_a_lot_mocks_only_ending_the_message_or_before_emoji_or_punctuation() -> None:
    assert flags("thanks a lot")["r:mocks"] == 1.0
    assert flags("thanks a lot!! you ruined it")["r:mocks"] == 1.0
    assert flags("thanks a lot for everything today 😭")["r:mocks"] == 0.0
    assert flags("thanks a lot for nothing")["r:mocks"] == 1.0
    assert flags("thanks a lot for ruining my birthday")["r:mocks"] == 1.0
    assert flags("thanks a lot for everything today 😭")["r:moved_thanks"] == 1.0


def test_the_text_style_selector_and_a_keycap_keep_a_formula_a_formula() -> None:
    assert flags("ok \u2764\ufe0e")["r:social_formula"] == 1.0
    assert flags("thanks 1\ufe0f\u20e3")["r:social_formula"] == 1.0


def test_a_question_without_its_mark_is_still_asked() -> None:
    assert flags("how did the talk with your mum go")["r:asks_without_mark"] == 1.0


def test_tag_questions_are_told_apart() -> None:
    assert flags("it's cold, right?")["r:tag_question"] == 1.0
    assert flags("are you cold?")["r:tag_question"] == 0.0


def test_curly_apostrophes_match_like_straight_ones() -> None:
    assert flags("It’s not my fault")["r:defends"] == 1.0


def test_null_text_flags_nothing() -> None:
    row = rule_signals(pl.Series([None], dtype=pl.String)).row(0)
    assert set(row) == {0.0}


def test_mock_praise_is_told_from_praise() -> None:
    assert flags("Oh great, another brilliant plan from you")["r:mocks"] == 1.0
    assert flags("wow you actually remembered for once")["r:mocks"] == 1.0
    assert flags("That's great, well done!")["r:mocks"] == 0.0


def test_whatever_is_scorn_only_as_a_brush_off() -> None:
    assert flags("ok whatever")["r:scorns"] == 1.0
    assert flags("Whatever. Do what you like")["r:scorns"] == 1.0
    assert flags("whatever you want for dinner babe")["r:scorns"] == 0.0


def test_delighted_disbelief_is_not_scorn() -> None:
    assert flags("Really?? You got it??")["r:scorns"] == 0.0
    assert flags("Seriously?! That's brilliant")["r:scorns"] == 0.0


def test_reflections_and_validation_are_understanding_phrases() -> None:
    assert flags("It sounds like you're completely worn out")["r:reflects"] == 1.0
    assert flags("That must have been so scary")["r:reflects"] == 1.0
    assert flags("The train was late")["r:reflects"] == 0.0


def test_counter_complaints_and_innocence_are_self_defence() -> None:
    assert flags("How was I supposed to know that?")["r:defends"] == 1.0
    assert flags("I'm doing my best here")["r:defends"] == 1.0
    assert flags("I did the shopping")["r:defends"] == 0.0


def test_validation_is_told_from_agreement_about_things() -> None:
    assert flags("no wonder you're exhausted")["r:validates"] == 1.0
    assert flags("I'd be fuming too")["r:validates"] == 1.0
    assert flags("of course you feel that way")["r:validates"] == 1.0
    assert flags("of course, see you at 7")["r:validates"] == 0.0


def test_thanks_for_help_is_told_from_admiring_a_quality_and_refusing() -> None:
    assert flags("cheers for sorting the car")["r:thanks"] == 1.0
    assert flags("I appreciate your help")["r:thanks"] == 1.0
    assert flags("I appreciate your honesty")["r:thanks"] == 0.0
    assert flags("no thanks")["r:unthankful"] == 1.0


def test_counter_blame_is_told_from_tenderness_and_concern() -> None:
    assert flags("you were the one who said we'd go")["r:counter_blames"] == 1.0
    assert flags("well you didn't ask")["r:counter_blames"] == 1.0
    assert flags("you're the one who makes me laugh")["r:counter_blames"] == 0.0
    assert flags("it's not like you to forget")["r:counter_blames"] == 0.0


def test_insults_need_a_target_and_a_whole_word() -> None:
    assert flags("you useless idiot")["r:insults"] == 1.0
    assert flags("ur so stupid")["r:insults"] == 1.0
    assert flags("I loved your joke")["r:insults"] == 0.0
    assert flags("did you joke about it")["r:insults"] == 0.0
    assert flags("you're so thick-skinned")["r:insults"] == 0.0
    assert flags("you're not stupid")["r:insults"] == 0.0


def test_the_same_experience_told_is_a_same_here_phrase() -> None:
    for text in [
        "I can relate, I had the same fear before my exams",
        "I used to get like that before big meetings",
        "in my experience the waiting is the worst part",
        "Personally, that happened to me last year",
    ]:
        assert flags(text)["r:same_here"] == 1.0, text
    assert flags("can you grab the milk for me")["r:same_here"] == 0.0


def test_advice_is_told_from_telling_ones_own_experience() -> None:
    for text in ["Try to get an early night", "you should just tell him", "I'd suggest a walk"]:
        assert flags(text)["r:advises"] == 1.0, text
    assert flags("I tried to get an early night")["r:advises"] == 0.0


def test_advice_put_as_a_question_is_a_suggestion() -> None:
    assert flags("have you tried melatonin?")["r:suggests"] == 1.0
    assert flags("maybe a bath would help?")["r:suggests"] == 1.0
    assert flags("have you slept at all?")["r:suggests"] == 0.0


def test_discourse_markers_put_as_questions_are_tag_questions() -> None:
    assert flags("it just gets to you, you know?")["r:tag_question"] == 1.0
    assert flags("guess what? I got it")["r:tag_question"] == 1.0
    assert flags("do you know where my keys are?")["r:tag_question"] == 0.0


def test_sarcasm_and_talking_down_markers_are_flagged() -> None:
    assert flags("Great news!")["r:exclaims"] == 1.0
    assert flags("the 'experts' say so")["r:scare_quotes"] == 1.0
    assert flags("Oh, so now it's a crisis")["r:retorts"] == 1.0
    assert flags("And then what? Oxygen?")["r:short_question"] == 1.0
    assert flags("Obviously you should read it first")["r:talks_down"] == 1.0
    assert flags("Really? That's the plan")["r:talks_down"] == 1.0


def test_an_apostrophe_or_a_long_question_is_no_sarcasm_marker() -> None:
    plain = flags("it's the kids' day off, what time do you want to leave for the station?")
    assert plain["r:scare_quotes"] == 0.0
    assert plain["r:short_question"] == 0.0
    assert plain["r:retorts"] == 0.0


def test_an_attack_on_character_put_as_a_question_is_flagged() -> None:
    for text in ("Why are you so selfish?", "What is wrong with you?", "why are you like this",
                 "what the hell's wrong with you", "why do you always do this?"):  # fmt: skip
        assert flags(text)["r:always_never"] == 1.0, text
    for text in ("why are you so quiet today?", "Why do you think that is?",
                 "why did you pick that one?", "what is wrong with the car?"):  # fmt: skip
        assert flags(text)["r:always_never"] == 0.0, text


def test_scorn_put_as_a_question_is_an_insult() -> None:
    assert flags("why are you such an idiot?")["r:insults"] == 1.0
    assert flags("why are you so stupid")["r:insults"] == 1.0
    assert flags("why are you so tired?")["r:insults"] == 0.0


def test_a_bare_social_formula_is_told_from_a_message_that_says_more() -> None:
    for text in ("thank you", "thanks!", "great, thanks", "hey everyone, thank you",
                 "Thanks so much babe x", "morning!", "ok cool, see you later"):  # fmt: skip
        assert flags(text)["r:social_formula"] == 1.0, text
    for text in ("thank you, I feel so much better", "thanks, I was so scared",
                 "I'm so grateful for you", "love you", "great news"):  # fmt: skip
        assert flags(text)["r:social_formula"] == 0.0, text


def test_holds_reads_lowercased_text_as_rule_signals_does_and_refuses_a_cased_rule() -> None:
    texts = ["thanks x", "thanks a lot", "thanks, i feel so much better", "thank you 😭",
             "haha thank you 😭", "thanks for nothing 😭", "hi", "", "no"]  # fmt: skip
    found = holds("social_formula", pl.Series(texts))
    expected = (rule_signals(pl.Series(texts))["r:social_formula"] == 1.0).to_list()
    assert (
        found.to_list() == expected == [True, True, False, False, True, False, True, False, False]
    )
    assert holds("social_formula", pl.Series([None, "ok"], dtype=pl.String)).to_list() == [
        None,
        True,
    ]
    assert holds("social_formula", pl.Series([], dtype=pl.String)).to_list() == []
    with pytest.raises(ValueError, match="case"):
        holds("shouts", pl.Series(["HEY"]))
