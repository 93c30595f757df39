from __future__ import annotations

import polars as pl

from nearer.chat.signals.lsm import COUNTS, MIN_DAY_WORDS, style_matching
from tests.chat.conftest import ALEX, SAM, measure

LONG = (
    "I think that we should go to the lake on Saturday because it is not going to rain and "
    "we have not been there in a while, so I would really like to take a long walk with you "
    "and maybe have some lunch by the water if there is any place still open at that time"
)
TERSE = "Lake Saturday. Walk, lunch. Sounds good. " * 10


def test_the_lsm_of_identical_texts_is_one() -> None:
    found = measure([(0, SAM, LONG), (5, ALEX, LONG)])
    assert found[None]["lsm"] == 1.0
    assert found[None]["lsm_days"] == 1


def test_different_styles_match_less() -> None:
    found = measure([(0, SAM, LONG), (5, ALEX, TERSE)])
    assert 0 <= found[None]["lsm"] < 0.5  # type: ignore[operator]


def test_days_with_too_few_words_give_no_lsm() -> None:
    assert len(LONG.split()) >= MIN_DAY_WORDS
    found = measure([(0, SAM, LONG), (5, ALEX, "ok sure")])
    assert found[None]["lsm"] is None and found[None]["lsm_days"] == 0


def test_the_formula_matches_the_published_one_for_a_single_category() -> None:
    row = {"words": 100, "p_words": 100, **{c: 0 for c in COUNTS}, **{f"p_{c}": 0 for c in COUNTS}}
    row |= {COUNTS[0]: 10, f"p_{COUNTS[0]}": 5}
    value = pl.DataFrame([row]).select(style_matching("", "p_")).item()
    first = 1 - abs(10 - 5) / (10 + 5 + 0.0001)
    assert abs(value - (first + 8) / 9) < 1e-12  # the other eight categories match fully


def test_replies_are_matched_in_both_directions() -> None:
    found = measure([(0, SAM, LONG), (5, ALEX, LONG), (10, SAM, LONG)])
    assert found[SAM]["lsm_reply"] == 1.0 and found[ALEX]["lsm_reply"] == 1.0
