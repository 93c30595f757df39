from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from nearer.domain.model import SECONDS_PER_ITEM, Content, Instrument, Item, ResponseRange, Scale
from nearer.domain.scoring import (
    Band,
    as_shown,
    band,
    keyed,
    reported,
    scale_score,
    score_answers,
    score_instrument,
)
from tests.conftest import agreeing, at_value

SEVEN = ResponseRange(1, 7)


def make_instrument(n_items: int = 5, reverse: tuple[int, ...] = ()) -> Instrument:
    items = tuple(
        Item(
            id=f"t.s.{i:02}",
            instrument="t",
            scale="s",
            text=f"item {i}",
            reverse=i in reverse,
            basis="b",
        )
        for i in range(n_items)
    )
    return Instrument("t", "Test", "", SEVEN, (Scale("s", "S", ""),), items)


def test_every_scale_scores_100_when_every_item_agrees(content: Content) -> None:
    for instrument in content.instruments.values():
        assert set(score_instrument(instrument, agreeing(instrument)).values()) == {100.0}


def test_every_scale_scores_50_at_the_midpoint(content: Content) -> None:
    for instrument in content.instruments.values():
        midpoint = int(instrument.response.midpoint)
        assert set(score_instrument(instrument, at_value(instrument, midpoint)).values()) == {50.0}


def test_reverse_items_count_the_other_way() -> None:
    instrument = make_instrument(reverse=(0,))
    assert keyed(instrument.items[0], 7, SEVEN) == 1
    assert keyed(instrument.items[1], 7, SEVEN) == 7
    assert scale_score(instrument, "s", at_value(instrument, 7)) == 80.0  # (1+7*4)/5 -> 4.8/6


def test_a_scale_under_80_percent_answered_has_no_score() -> None:
    instrument = make_instrument(n_items=5)
    four = {item.id: 7 for item in instrument.items[:4]}
    three = {item.id: 7 for item in instrument.items[:3]}
    assert scale_score(instrument, "s", four) == 100.0
    assert scale_score(instrument, "s", three) is None


def test_only_answered_instruments_are_scored(content: Content) -> None:
    profile = content.instruments["profile"]
    assert list(score_answers(content, agreeing(profile))) == ["profile"]


def test_bands_are_provisional_cut_points(content: Content) -> None:
    bands = content.instruments["profile"].bands
    assert band(None, bands) is None
    assert band(39.9, bands) is Band.LOW
    assert band(40, bands) is Band.MODERATE
    assert band(70, bands) is Band.STRONG
    assert band(55, None) is None


answers_strategy = st.lists(st.one_of(st.none(), st.integers(1, 7)), min_size=6, max_size=6)


@given(answers_strategy, st.sets(st.integers(0, 5)))
def test_a_score_is_none_or_within_0_to_100(values: list[int | None], reverse: set[int]) -> None:
    instrument = make_instrument(n_items=6, reverse=tuple(reverse))
    answers = {
        item.id: v for item, v in zip(instrument.items, values, strict=True) if v is not None
    }
    score = scale_score(instrument, "s", answers)
    assert score is None or 0 <= score <= 100
    assert (score is None) == (len(answers) < 0.8 * 6)


@given(st.lists(st.integers(1, 6), min_size=6, max_size=6), st.integers(0, 5))
def test_agreeing_more_never_lowers_a_score(values: list[int], which: int) -> None:
    instrument = make_instrument(n_items=6)
    before = {item.id: v for item, v in zip(instrument.items, values, strict=True)}
    after = {**before, instrument.items[which].id: before[instrument.items[which].id] + 1}
    assert scale_score(instrument, "s", after) > scale_score(instrument, "s", before)  # type: ignore[operator]


def test_a_score_is_shown_rounded_half_up_as_people_round() -> None:
    assert [as_shown(x) for x in (62.5, 37.5, 40.5, 40.49, 0.0, 100.0)] == [63, 38, 41, 40, 0, 100]


def test_a_score_is_rounded_once_from_its_exact_value() -> None:
    seven = make_instrument(7)
    answers = dict(zip((item.id for item in seven.items), (4, 4, 4, 3, 3, 3, 3), strict=True))
    score = scale_score(seven, "s", answers)  # a mean of 24/7: 40.476...
    assert score is not None and as_shown(score) == 40 and reported(score) == 40.5


def test_the_time_an_instrument_takes_is_counted_up_to_whole_minutes() -> None:
    assert SECONDS_PER_ITEM == 8
    assert [make_instrument(n).minutes for n in (1, 7, 8, 15, 56)] == [1, 1, 2, 2, 8]
