from __future__ import annotations

from fractions import Fraction

from nearer.domain.dyadic import compare
from nearer.domain.model import Content
from tests.conftest import agreeing


def test_identical_answers_have_no_gap_and_nothing_to_talk_about(
    content: Content, alice: dict[str, int]
) -> None:
    report = compare(content.instruments["profile"], alice, alice)
    assert all(row.gap == 0 for row in report.scales)
    assert report.talk_about == ()


def test_both_agreeing_items_are_shared_strengths(content: Content) -> None:
    profile = content.instruments["profile"]
    both = agreeing(profile)
    report = compare(profile, both, both)
    assert {row.item.id for row in report.strengths} == {item.id for item in profile.items}
    assert report.growth_areas == ()


def test_both_disagreeing_items_are_shared_growth_areas(content: Content) -> None:
    profile = content.instruments["profile"]
    r = profile.response
    low = {item.id: r.max if item.reverse else r.min for item in profile.items}
    report = compare(profile, low, low)
    assert len(report.growth_areas) == len(profile.items)
    assert report.strengths == ()


def test_answers_three_points_apart_are_worth_talking_about(content: Content) -> None:
    profile = content.instruments["profile"]
    item = profile.items[0]
    report = compare(profile, {item.id: 2}, {item.id: 5})
    assert [row.item.id for row in report.talk_about] == [item.id]
    near = compare(profile, {item.id: 3}, {item.id: 5})
    assert near.talk_about == ()


def test_swapping_partners_changes_nothing_but_the_columns(
    content: Content, alice: dict[str, int], bob: dict[str, int]
) -> None:
    profile = content.instruments["profile"]
    ab, ba = compare(profile, alice, bob), compare(profile, bob, alice)
    assert [r.gap for r in ab.scales] == [r.gap for r in ba.scales]
    for kind in ("strengths", "growth_areas", "talk_about"):
        ids = lambda report, k=kind: {row.item.id for row in getattr(report, k)}  # noqa: E731
        assert ids(ab) == ids(ba)


def test_a_distance_scale_reads_agreement_as_a_growth_area(content: Content) -> None:
    causes = content.instruments["causes"]
    item = next(i for i in causes.items if not i.reverse)
    report = compare(causes, {item.id: 7}, {item.id: 7})
    assert [row.item.id for row in report.growth_areas] == [item.id]
    assert report.strengths == ()


def test_somewhat_agreeing_with_every_cause_item_makes_each_a_shared_growth_area(
    content: Content,
) -> None:
    # "Somewhat agree" (5 of 1-7) with what holds closeness back, reverse items read the other
    # way (3): 3 of 7 toward closeness, the documented edge of a growth area, on both kinds.
    causes = content.instruments["causes"]
    r = causes.response
    somewhat = {item.id: r.min + r.max - 5 if item.reverse else 5 for item in causes.items}
    report = compare(causes, somewhat, somewhat)
    assert {row.item.id for row in report.growth_areas} == {item.id for item in causes.items}
    assert any(item.reverse for item in causes.items)


def test_every_answer_is_classed_exactly_at_the_documented_edges(content: Content) -> None:
    # Toward closeness, answer k of min..max sits at (k - min) / span: a strength from 5/6 up,
    # a growth area up to 1/3, a talk-about-it gap from half the span. Checked in exact
    # arithmetic for every answer, both directions and both polarities.
    for instrument in content.instruments.values():
        r = instrument.response
        for item in instrument.items:
            distance = instrument.scale(item.scale).polarity == "distance"
            for value in range(r.min, r.max + 1):
                toward = r.max + r.min - value if item.reverse != distance else value
                share = Fraction(toward - r.min, r.span)
                report = compare(instrument, {item.id: value}, {item.id: value})
                assert bool(report.strengths) == (share >= Fraction(5, 6)), (item.id, value)
                assert bool(report.growth_areas) == (share <= Fraction(1, 3)), (item.id, value)
            for low in range(r.min, r.max + 1):
                for high in range(low, r.max + 1):
                    apart = compare(instrument, {item.id: low}, {item.id: high}).talk_about
                    assert bool(apart) == (2 * (high - low) >= r.span), (item.id, low, high)
