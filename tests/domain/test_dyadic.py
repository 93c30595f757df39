from __future__ import annotations

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
