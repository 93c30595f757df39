"""The public detector API: one row per text, scores in 0-1, decisions at the thresholds."""

from __future__ import annotations

import polars as pl
import pytest

from nearer.chat.detectors import DETECTORS, THRESHOLDS, detect

REQUIRED = {
    "emotional_disclosure",
    "factual_disclosure",
    "gratitude",
    "caring",
    "understanding",
    "asking_more",
    "contempt",
    "criticism",
    "defensiveness",
    "affection",
    "apology",
    "positive",
    "negative",
    "question",
}


def yes(name: str, text: str, context: str | None = None) -> bool:
    contexts = None if context is None else pl.Series([context])
    return bool(detect(pl.Series([text]), contexts)[f"{name}_yes"][0])


def test_every_required_detector_is_offered_with_a_threshold() -> None:
    assert set(DETECTORS) >= REQUIRED
    assert set(THRESHOLDS) == set(DETECTORS)
    assert all(0.0 < THRESHOLDS[name] < 1.0 for name in DETECTORS)


def test_every_detector_has_a_float_score_and_a_boolean_decision() -> None:
    frame = detect(pl.Series(["hello there"]))
    assert frame.columns == [c for name in DETECTORS for c in (name, f"{name}_yes")]
    for name in DETECTORS:
        assert frame.schema[name] == pl.Float64
        assert frame.schema[f"{name}_yes"] == pl.Boolean


def test_thanking_is_gratitude() -> None:
    assert yes("gratitude", "thank you so much")
    assert not yes("gratitude", "see you at six")


def test_a_sad_disclosure_is_an_emotional_disclosure() -> None:
    assert yes("emotional_disclosure", "I feel so sad and lonely since my mum died")
    assert not yes("emotional_disclosure", "The train leaves at 8.")


@pytest.mark.parametrize("text", ["thank you", "thanks!", "great, thanks", "thanks so much",
                                  "hey everyone, thank you", "thanks babe ❤️"])  # fmt: skip
def test_thanks_alone_is_gratitude_not_a_feeling_shared(text: str) -> None:
    assert yes("gratitude", text)
    assert not yes("emotional_disclosure", text)


def test_thanks_with_a_feeling_of_ones_own_is_still_a_feeling_shared() -> None:
    assert yes("emotional_disclosure", "thank you, I feel so much better")


@pytest.mark.parametrize("text", ["thank you 😭", "thanks so much 🥺", "thanks 😢",
                                  "😭😭 thank you", "thank you\n😭"])  # fmt: skip
def test_thanks_with_tears_is_gratitude_and_a_feeling_shared(text: str) -> None:
    assert yes("gratitude", text)
    assert yes("emotional_disclosure", text)


@pytest.mark.parametrize("text", ["thank you lmao 😭", "thank you hahaha 😭😭", "haha 😭",
                                  "lol 😭", "ok 😭", "thanks a lot 😭"])  # fmt: skip
def test_tears_that_laugh_or_only_acknowledge_share_no_feeling(text: str) -> None:
    assert not yes("emotional_disclosure", text)


@pytest.mark.parametrize("text", ["Why are you so selfish?", "What is wrong with you?",
                                  "Why are you like this?", "why are you so lazy"])  # fmt: skip
def test_an_attack_on_character_put_as_a_question_is_criticism(text: str) -> None:
    assert yes("criticism", text)


def test_scorn_put_as_a_question_is_contempt() -> None:
    assert yes("contempt", "why are you such an idiot?")


@pytest.mark.parametrize("text", ["why are you so quiet today?", "Why do you think that is?",
                                  "why did you pick that one?"])  # fmt: skip
def test_a_curious_why_question_is_not_criticism(text: str) -> None:
    assert not yes("criticism", text)


@pytest.mark.parametrize("text", ["do you always sing in the shower?",
                                  "are you ever bored at work?",
                                  "haha do you never get tired of that show",
                                  "do you always have to work on saturdays?"])  # fmt: skip
def test_a_curious_question_about_a_habit_is_not_criticism(text: str) -> None:
    assert not yes("criticism", text)


@pytest.mark.parametrize("text", ["why do you always leave your dishes everywhere?",
                                  "you never listen", "do you always have to be so loud?",
                                  "are you always this selfish?", "are you always late?",
                                  "do you never think about anyone but yourself?",
                                  "do you ever listen to me?",
                                  "do you ever help around the house?"])  # fmt: skip
def test_blame_about_a_habit_is_criticism_even_put_as_a_question(text: str) -> None:
    assert yes("criticism", text)


@pytest.mark.parametrize("text", ["are you always like this", "do you always twist my words",
                                  "do you always ruin everything", "do you never say sorry",
                                  "do you always make me wait", "do you never help"])  # fmt: skip
def test_a_hostile_habit_question_is_criticism(text: str) -> None:
    assert yes("criticism", text)


@pytest.mark.parametrize("text", ["you never listen to me. do you always sing in the shower?",
                                  "what's wrong with you. do you always act like this",
                                  "your fault as usual. do you ever think",
                                  "would it kill you to call? do you always forget"])  # fmt: skip
def test_blame_beside_a_habit_question_in_one_message_is_still_criticism(text: str) -> None:
    assert yes("criticism", text)


@pytest.mark.parametrize("text", ["do you ever help out at the food bank?",
                                  "are you ever late for work?", "do you always wear yellow?",
                                  "do you ever pick up extra shifts?",
                                  "do you ever reply to work emails on weekends?",
                                  "do you ever judge baking competitions?",
                                  "do you ever sleep on the floor when camping?",
                                  "do you always have to be at the office by 8?"])  # fmt: skip
def test_a_curious_ever_question_about_work_or_chores_elsewhere_is_no_blame(text: str) -> None:
    assert not yes("criticism", text)
    assert yes("asking_more", text, "I've started volunteering and it makes me feel so useful")


@pytest.mark.parametrize("text", ["do you ever feel like that too?",
                                  "do you ever get scared like that?",
                                  "do you always forget to eat when you're stressed? i worry "
                                  "about you",
                                  "do you ever lie awake thinking about the future?",
                                  "do you ever treat yourself?", "do you always lie in on sundays?",
                                  "do you ever forget your keys too? i do it daily lol",
                                  "do you ever mess up recipes? mine always flop",
                                  "do you ever embarrass yourself at karaoke?",
                                  "do you ever ruin a cake on purpose to eat it?",
                                  "do you never go home for christmas?", "do you never miss home?",
                                  "do you never need help with the homework?",
                                  "do you never think about us getting a dog?",
                                  "do you ever just want to scream at them?",
                                  "do you never ask for help?", "do you ever ask for help?",
                                  "do you ever treat everyone to dinner after a win?",
                                  "do you always treat people so kindly? you're amazing",
                                  "do you ever forget?",
                                  "do you ever worry you'll ruin it?"])  # fmt: skip
def test_a_caring_question_about_feelings_or_self_care_is_asking_more_not_blame(text: str) -> None:
    assert not yes("criticism", text)
    assert yes("asking_more", text, "I had an awful day and I feel crushed")


@pytest.mark.parametrize("text", ["do you always have to be late?",
                                  "do you always have to be late for everything?",
                                  "do you always yell at the kids?",
                                  "do you always ignore what i say?", "do you always lie to me?",
                                  "do you always forget my birthday?",
                                  "do you always treat me like a child?",
                                  "do you never help me?", "do you never call me?",
                                  "do you never come home anymore?", "are you never home?",
                                  "do you never clean the kitchen?",
                                  "do you never think of us at all?",
                                  "are you always like this with people?",
                                  "do you always forget?", "do you always ruin it?",
                                  "do you always yell at them?"])  # fmt: skip
def test_a_habit_question_aimed_at_the_partner_blames(text: str) -> None:
    assert yes("criticism", text)
    assert not yes("asking_more", text, "I had an awful day and I feel crushed")


@pytest.mark.parametrize("text", ["why do you never listen?", "Why are you so selfish?",
                                  "why can't you just be on time?", "do you ever listen to me?",
                                  "are you always this selfish?", "are you always like this?",
                                  "do you always twist everything?"])  # fmt: skip
def test_an_attack_put_as_a_question_is_not_asking_more(text: str) -> None:
    assert not yes("asking_more", text, "I had an awful day at work and I feel crushed")


def test_a_curious_why_question_after_a_disclosure_is_asking_more() -> None:
    assert yes("asking_more", "why do you think he did that?", "my boss shouted at me today")


def test_telling_about_ones_life_is_a_factual_disclosure() -> None:
    assert yes("factual_disclosure", "I grew up with my grandparents and moved out at 17")


def test_what_happened_after_a_disclosure_is_asking_more() -> None:
    assert yes("asking_more", "what happened?", "I had an awful day at work and I feel crushed")
    assert not yes("asking_more", "ok", "I had an awful day at work and I feel crushed")


def test_sympathy_after_a_disclosure_is_caring() -> None:
    disclosure = "I failed my exam and I feel like an idiot"
    assert yes("caring", "I'm so sorry, that sounds really hard. Sending you a big hug", disclosure)
    assert not yes("caring", "the bus is late again", disclosure)


def test_me_too_after_a_disclosure_is_understanding() -> None:
    disclosure = "I get so anxious before big family dinners"
    assert yes("understanding", "Same here, I used to feel that way with my family too", disclosure)


def test_blame_with_always_is_criticism() -> None:
    assert yes("criticism", "You never listen to me, you always do this")


def test_not_my_fault_is_defensiveness() -> None:
    assert yes("defensiveness", "It's not my fault, I was just trying to help")


def test_eye_rolling_scorn_is_contempt() -> None:
    assert yes("contempt", "Whatever. Grow up 🙄")


def test_love_you_is_affection() -> None:
    assert yes("affection", "love you babe ❤️")


def test_longing_for_the_partner_is_affection_not_sadness() -> None:
    assert yes("affection", "missing you so much today")
    assert not yes("negative", "missing you so much today")


def test_excited_praise_is_not_contempt() -> None:
    assert not yes("contempt", "Wow!! You did it!! So so proud of you")
    assert yes("contempt", "Wow, you did something right for once 🙄")


def test_sarcasm_markers_rank_a_comment_higher_in_contempt_without_marking_it() -> None:
    # "Oh,", scare quotes and "!" order contempt's scores but never decide it.
    plan = "have a plan for the budget"
    texts = [f"The experts {plan}.", f"Oh, the 'experts' {plan}!"]
    frame = detect(pl.Series(texts))
    plain, sarcastic = frame["contempt"].to_list()
    assert sarcastic > plain
    assert frame["contempt_yes"].to_list() == [False, False]


def test_every_decision_is_its_score_at_or_over_the_threshold() -> None:
    texts = pl.Series(["Oh sure, 'genius'!", "you're pathetic 🙄", "Really? You did it!", "hi"])
    frame = detect(texts)
    for name in DETECTORS:
        assert (frame[name] >= THRESHOLDS[name]).to_list() == frame[f"{name}_yes"].to_list()


def test_an_apology_is_not_a_negative_message() -> None:
    assert yes("apology", "sorry I was short with you earlier")
    assert not yes("negative", "sorry I was short with you earlier")


def test_sorry_is_an_apology() -> None:
    assert yes("apology", "I'm sorry, I was wrong to say that")


def test_a_question_mark_makes_a_question() -> None:
    assert yes("question", "Are you coming home?")
    assert not yes("question", "I am coming home.")


def test_scores_stay_within_zero_and_one() -> None:
    texts = pl.Series(["THANK YOU!!!! " * 50, "sorry " * 200, "?" * 500, "love ❤️" * 80, "a"])
    frame = detect(texts, texts.reverse())
    for name in DETECTORS:
        assert frame[name].min() >= 0.0
        assert frame[name].max() <= 1.0


def test_empty_null_and_non_english_texts_do_not_crash() -> None:
    texts = pl.Series(["", None, "   ", "日本語のテキスト", "Привет, как дела?", "🙂🙂", "\u200d"])
    frame = detect(texts, pl.Series([None, "", None, "x", None, None, None], dtype=pl.String))
    assert frame.height == len(texts)
    assert frame.null_count().sum_horizontal()[0] == 0


def test_rows_keep_the_order_of_the_texts() -> None:
    texts = ["ok", "thank you so much!", "ok", "are you ok?", "ok"]
    both = detect(pl.Series(texts))
    reverse = detect(pl.Series(texts[::-1]))
    assert both["gratitude_yes"].to_list() == [False, True, False, False, False]
    assert both["question"].to_list() == reverse["question"].to_list()[::-1]


def test_null_contexts_score_like_no_contexts() -> None:
    texts = pl.Series(["what happened?", "I'm so sorry"])
    without = detect(texts)
    with_nulls = detect(texts, pl.Series([None, None], dtype=pl.String))
    assert without.equals(with_nulls)


def test_blank_contexts_score_like_no_contexts() -> None:
    texts = pl.Series(["I understand, that makes sense", "what happened?", "so sorry"])
    without = detect(texts)
    blank = detect(texts, pl.Series(["", "   ", "\n"], dtype=pl.String))
    assert without.equals(blank)


def test_a_context_repeated_from_the_texts_scores_like_a_fresh_one() -> None:
    disclosure = "I lost my job today and I feel awful"
    reused = detect(pl.Series([disclosure, "what happened?"]), pl.Series([None, disclosure]))
    fresh = detect(pl.Series(["what happened?"]), pl.Series([disclosure]))
    assert reused["asking_more"][1] == pytest.approx(fresh["asking_more"][0])


def test_contexts_must_match_texts_in_length() -> None:
    with pytest.raises(ValueError, match="contexts"):
        detect(pl.Series(["a", "b"]), pl.Series(["a"]))


def test_a_hundred_thousand_texts_are_scored() -> None:
    base = ["thank you!", "I feel so alone lately", "what happened?", "ok", "You never help me"]
    texts = pl.Series(base * 20_000)
    frame = detect(texts, texts.shift(1))
    assert frame.height == 100_000
    assert frame["gratitude_yes"].sum() >= 20_000
