from __future__ import annotations

import polars as pl

from tests.chat.conftest import ALEX, SAM, exchange, make_marked, measure

FIGHT = exchange(
    0,
    (SAM, "You always forget, this is ridiculous"),
    (ALEX, "ok"),
    (SAM, "You never listen"),
    (ALEX, "I'm sorry, you're right"),
    (SAM, "thanks, love you"),
    (ALEX, "love you too"),
    (SAM, "see you at 6"),
    (ALEX, "great"),
)


def test_dense_hostile_messages_make_a_conflict_episode_with_a_tail() -> None:
    marked = make_marked(FIGHT, english=True).messages
    assert marked["in_conflict"].to_list() == [True] * 6 + [False, False]
    assert marked["episode"].drop_nulls().n_unique() == 1


def test_a_lone_hostile_message_is_not_an_episode() -> None:
    rows = exchange(0, (SAM, "This is ridiculous"), (ALEX, "what is"), (SAM, "the traffic"))
    assert not make_marked(rows, english=True).messages["in_conflict"].any()


def test_hostile_messages_far_apart_are_not_an_episode() -> None:
    lines = [(SAM, "you never call"), *[(ALEX, "ok")] * 5, (SAM, "this is ridiculous")]
    assert not make_marked(exchange(0, *lines), english=True).messages["in_conflict"].any()


def test_episodes_never_cross_conversations() -> None:
    rows = [(0, SAM, "you never call"), (600, SAM, "this is ridiculous"), (601, ALEX, "hm")]
    marked = make_marked(rows, english=True).messages
    assert marked.filter(pl.col("in_conflict")).height == 0


def test_the_conflict_ratio_counts_warm_against_hard_moments_inside_episodes() -> None:
    found = measure(FIGHT)
    assert found[None]["conflict_episodes"] == 1
    assert found[None]["conflict_messages"] == 6
    assert found[None]["conflict_ratio"] == 3 / 2  # sorry, thanks love you, love you too : 2
    assert found[SAM]["conflict_episodes"] is None  # a couple-level count


def test_positive_and_negative_tone_per_100_messages() -> None:
    found = measure(exchange(0, (SAM, "What a great day"), (ALEX, "I feel sad"), (SAM, "oh")))
    assert found[SAM]["positive_per_100"] == 50.0
    assert found[ALEX]["negative_per_100"] == 100.0


def test_sadness_without_criticism_or_contempt_is_not_conflict() -> None:
    rows = exchange(0, (SAM, "I feel so sad today"), (ALEX, "oh no, that's awful, hugs"),
                    (SAM, "I hate how sad this week was"))  # fmt: skip
    assert not make_marked(rows, english=True).messages["in_conflict"].any()
