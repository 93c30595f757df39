from __future__ import annotations

from datetime import UTC, datetime, timedelta

from nearer.domain.model import Content
from nearer.domain.safety import (
    NOT_SCREENED,
    all_clear,
    allowed_practices,
    allowed_questions,
    rescreen_due,
    screen,
)


def test_an_unanswered_screen_is_not_an_all_clear(content: Content) -> None:
    result = screen(content.instruments["safety"], {})
    assert result == NOT_SCREENED
    assert not result.clear


def test_answers_below_every_threshold_are_clear(content: Content) -> None:
    safety = content.instruments["safety"]
    result = screen(safety, {item.id: safety.response.min for item in safety.items})
    assert result.clear and not result.concern


def test_any_answer_at_its_threshold_is_a_concern(content: Content) -> None:
    safety = content.instruments["safety"]
    calm = {item.id: safety.response.min for item in safety.items}
    for item in safety.items:
        assert item.concern_at is not None
        result = screen(safety, {**calm, item.id: item.concern_at})
        assert result.concern and result.scales == (item.scale,)
        if item.concern_at > safety.response.min:
            assert not screen(safety, {**calm, item.id: item.concern_at - 1}).concern


def test_a_concern_withholds_vulnerable_and_conflict_content(content: Content) -> None:
    questions = allowed_questions(content.questions, safe=False)
    practices = allowed_practices(content.practices, safe=False)
    assert questions and practices
    assert not any(q.needs_safety for q in questions)
    assert not any(p.needs_vulnerability or p.touches_conflict or p.needs_safety for p in practices)
    assert not any("afraid" in " ".join(p.contraindications) for p in practices)
    assert all(q.depth < 3 for q in questions)


def test_only_an_all_clear_lets_everything_through(content: Content) -> None:
    assert len(allowed_questions(content.questions, safe=True)) == len(content.questions)
    assert len(allowed_practices(content.practices, safe=True)) == len(content.practices)


def test_all_clear_needs_every_partner_screened_without_concern(content: Content) -> None:
    safety = content.instruments["safety"]
    clear = screen(safety, {item.id: 1 for item in safety.items})
    worried = screen(safety, {safety.items[0].id: 5})
    assert all_clear([clear, clear])
    assert not all_clear([clear, worried])
    assert not all_clear([clear, NOT_SCREENED])


def test_a_screen_answered_in_part_without_a_concern_is_not_clear(content: Content) -> None:
    safety = content.instruments["safety"]
    first, *rest = safety.items
    partly = screen(safety, {first.id: 1})
    assert not partly.screened and not partly.clear  # a question skipped is not a "no"
    assert screen(safety, {item.id: 1 for item in rest} | {first.id: 5}).concern


WEEK = timedelta(weeks=1)
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def test_the_screen_is_offered_again_once_the_period_has_passed() -> None:
    assert not rescreen_due(NOW - 5 * WEEK, None, NOW, 6 * WEEK)
    assert rescreen_due(NOW - 6 * WEEK, None, NOW, 6 * WEEK)


def test_never_screened_is_left_to_onboarding() -> None:
    assert not rescreen_due(None, None, NOW, 6 * WEEK)


def test_not_now_puts_the_offer_away_for_one_period() -> None:
    last = NOW - 10 * WEEK
    assert not rescreen_due(last, NOW - 2 * WEEK, NOW, 6 * WEEK)
    assert rescreen_due(last, NOW - 6 * WEEK, NOW, 6 * WEEK)


def test_a_prompt_after_the_last_screen_offers_it_again_at_once() -> None:
    last = NOW - 1 * WEEK
    assert rescreen_due(last, None, NOW, 6 * WEEK, prompted=NOW - 1 * timedelta(days=1))
    assert rescreen_due(last, NOW - 3 * WEEK, NOW, 6 * WEEK, prompted=NOW)


def test_a_prompt_is_answered_by_a_new_screen_or_by_not_now() -> None:
    prompted = NOW - 2 * WEEK
    assert not rescreen_due(NOW - 1 * WEEK, None, NOW, 6 * WEEK, prompted=prompted)
    assert not rescreen_due(NOW - 3 * WEEK, NOW - 1 * WEEK, NOW, 6 * WEEK, prompted=prompted)


def test_a_prompt_never_offers_the_screen_to_someone_who_never_took_it() -> None:
    assert not rescreen_due(None, None, NOW, 6 * WEEK, prompted=NOW)
