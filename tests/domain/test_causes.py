from __future__ import annotations

import json
from pathlib import Path

from nearer.domain.causes import LIKELY_FROM, outlook, rank_causes
from nearer.domain.model import Content
from nearer.domain.safety import allowed_practices


def answers_pointing_to(content: Content, cause_id: str) -> dict[str, int]:
    """Neutral answers everywhere, and full agreement with one cause's items."""
    finder = content.instruments["causes"]
    answers = {item.id: 4 for item in finder.items}
    for item in finder.items_of(cause_id):
        answers[item.id] = 1 if item.reverse else 7
    return answers


def test_the_cause_the_answers_point_to_ranks_first_and_is_likely(content: Content) -> None:
    for cause in content.causes:
        ranked = rank_causes(content, {"you": answers_pointing_to(content, cause.id)})
        assert ranked[0].cause.id == cause.id
        assert ranked[0].likely and ranked[0].score is not None and ranked[0].score >= LIKELY_FROM
        assert not any(r.likely for r in ranked[1:])


def test_each_likely_cause_shows_the_answers_behind_it(content: Content) -> None:
    cause = content.causes[0]
    [top, *_] = rank_causes(content, {"you": answers_pointing_to(content, cause.id)})
    finder_items = {item.id for item in content.instruments["causes"].items_of(cause.id)}
    assert {e.item.id for e in top.evidence} == finder_items
    assert all(e.partner == "you" for e in top.evidence)


def test_each_cause_comes_with_practices_that_address_it(content: Content) -> None:
    for ranked in rank_causes(content, {"you": answers_pointing_to(content, "stress_pace")}):
        assert ranked.practices, ranked.cause.id
        assert all(ranked.cause.id in p.causes for p in ranked.practices)


def test_withheld_practices_are_never_offered_for_a_cause(content: Content) -> None:
    offered = allowed_practices(content.practices, safe=False)
    for ranked in rank_causes(content, {"you": {}}, offered):
        assert all(not (p.needs_vulnerability or p.touches_conflict) for p in ranked.practices)


def test_nothing_answered_ranks_nothing_as_likely(content: Content) -> None:
    ranked = rank_causes(content, {"you": {}})
    assert all(r.score is None and not r.likely for r in ranked)


def low_profile_and_frequent_signs(content: Content) -> dict[str, int]:
    """Every profile item at its distant end and every sign at its most frequent: all the
    indirect evidence there is, pointing to every cause; the cause finder untouched."""
    profile, signs = content.instruments["profile"], content.instruments["signs"]
    answers = {
        item.id: profile.response.max if item.reverse else profile.response.min
        for item in profile.items
    }
    return answers | {item.id: signs.response.max for item in signs.items}


def test_low_profile_scores_and_frequent_signs_point_to_causes_without_the_finder(
    content: Content,
) -> None:
    ranked = rank_causes(content, {"you": low_profile_and_frequent_signs(content)})
    assert all(r.score == 100.0 and r.likely for r in ranked)


def test_one_low_dimension_alone_is_not_enough_evidence_for_a_cause(content: Content) -> None:
    trust = content.instruments["profile"].items_of("trust")
    low_trust = {item.id: 7 if item.reverse else 1 for item in trust}
    ranked = rank_causes(content, {"you": low_trust})
    assert all(r.score is None and not r.likely for r in ranked)


def test_one_answer_alone_scores_no_cause(content: Content) -> None:
    ranked = rank_causes(content, {"you": {"signs.conflict": 5}})
    assert all(r.score is None and not r.likely for r in ranked)


def test_indirect_evidence_needs_80_percent_of_its_parts(content: Content) -> None:
    cause = next(c for c in content.causes if len(c.related_signs) == 3)  # with 5 or 6 parts
    full = low_profile_and_frequent_signs(content)
    one_sign_short = {k: v for k, v in full.items() if k != cause.related_signs[0]}
    two_signs_short = {k: v for k, v in one_sign_short.items() if k != cause.related_signs[1]}
    scores = {
        name: {r.cause.id: r.score for r in rank_causes(content, {"you": answers})}[cause.id]
        for name, answers in (("one short", one_sign_short), ("two short", two_signs_short))
    }
    assert scores == {"one short": 100.0, "two short": None}


def test_a_partner_with_too_little_evidence_is_not_averaged_in(content: Content) -> None:
    cause = content.causes[0].id
    full = answers_pointing_to(content, cause)
    alone = {r.cause.id: r for r in rank_causes(content, {"a": full})}
    together = rank_causes(content, {"a": full, "b": {"signs.conflict": 5}})
    assert {r.cause.id: r.score for r in together} == {k: r.score for k, r in alone.items()}
    thin = rank_causes(content, {"a": {"signs.conflict": 5}, "b": {"signs.resentment": 5}})
    assert all(r.score is None and not r.likely for r in thin)


def test_the_couple_score_is_the_mean_of_both_partners(content: Content) -> None:
    cause = content.causes[0].id
    high = answers_pointing_to(content, cause)
    neutral = {item.id: 4 for item in content.instruments["causes"].items}
    alone = {r.cause.id: r.score for r in rank_causes(content, {"a": high})}
    together = {r.cause.id: r.score for r in rank_causes(content, {"a": high, "b": neutral})}
    assert together[cause] == round((alone[cause] + 50.0) / 2, 1)  # type: ignore[operator]


def test_partners_far_apart_on_a_cause_are_said_to_see_it_differently(content: Content) -> None:
    finder = content.instruments["causes"]
    lowest, highest = finder.response.min, finder.response.max
    never = {item.id: highest if item.reverse else lowest for item in finder.items}
    always = {item.id: lowest if item.reverse else highest for item in finder.items}
    ranked = rank_causes(content, {"a": never, "b": always})
    assert not any(r.likely for r in ranked) and all(r.apart for r in ranked)
    assert outlook(ranked) == "apart"
    assert outlook(rank_causes(content, {"a": never, "b": never})) == "calm"
    assert outlook(rank_causes(content, {"a": {}, "b": {}})) == "unmeasured"
    assert outlook(rank_causes(content, {"a": always, "b": always})) == "likely"


def test_a_cause_at_exactly_the_threshold_is_likely_without_float_noise(content: Content) -> None:
    # Past wounds: the finder's part scores 2/3 and the indirect part 4/9, so 0.7 * 66.67 +
    # 0.3 * 44.44 is exactly 60; in floating point it came out 59.99999999999999.
    fixture = Path(__file__).parent / "fixtures" / "cause_exactly_at_60.json"
    answers = json.loads(fixture.read_text())["answers"]
    ranked = {r.cause.id: r for r in rank_causes(content, {"a": answers})}
    assert ranked["past_wounds"].score == LIKELY_FROM and ranked["past_wounds"].likely
