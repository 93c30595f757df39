from __future__ import annotations

from nearer.domain.causes import LIKELY_FROM, rank_causes
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


def test_low_profile_scores_point_to_related_causes_without_the_finder(content: Content) -> None:
    trust = content.instruments["profile"].items_of("trust")
    low_trust = {item.id: 7 if item.reverse else 1 for item in trust}
    ranked = {r.cause.id: r for r in rank_causes(content, {"you": low_trust})}
    related = [c.id for c in content.causes if "trust" in c.related_dimensions]
    assert related and all(ranked[c].score == 100.0 for c in related)


def test_the_couple_score_is_the_mean_of_both_partners(content: Content) -> None:
    cause = content.causes[0].id
    high = answers_pointing_to(content, cause)
    neutral = {item.id: 4 for item in content.instruments["causes"].items}
    alone = {r.cause.id: r.score for r in rank_causes(content, {"a": high})}
    together = {r.cause.id: r.score for r in rank_causes(content, {"a": high, "b": neutral})}
    assert together[cause] == round((alone[cause] + 50.0) / 2, 1)  # type: ignore[operator]
