"""A partner who joins in the middle of a week reads a plan made for the two of them, never one
made alone (or with someone else), whose content followed from the other's private check."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from nearer.content.loader import default_content
from nearer.domain.safety import withholds_practice
from nearer.web.accounts.models import User
from nearer.web.couples import services as couples
from nearer.web.couples.models import Couple
from nearer.web.daily import services as daily
from nearer.web.daily.models import DailyQuestion
from nearer.web.plans import services
from nearer.web.plans.models import WeekPlan
from tests.web.conftest import make_couple, make_user, screen
from tests.web.test_checkin import at

WEDNESDAY = datetime(2026, 11, 25, 12, tzinfo=UTC)
NEEDS_SAFETY = {q.id for q in default_content().questions if q.needs_safety}


def alone(name: str, concern: bool, since: datetime = WEDNESDAY) -> tuple[User, Couple]:
    with at(since - timedelta(hours=1)):
        user = make_user(name)
        screen(user, concern)
        make_couple(user)
    couple = couples.couple_of(user)
    assert couple is not None
    return user, couple


def join(user: User, inviter: User) -> None:
    couples.join(user, couples.invite(inviter))


def draws_on_safety(plan: WeekPlan) -> bool:
    practices = services.practices_of(plan)
    return bool(NEEDS_SAFETY & set(plan.question_ids)) or any(map(withholds_practice, practices))


def test_a_week_made_alone_with_a_clear_check_is_made_again_when_the_partner_joins(
    db: None,
) -> None:
    alice, couple = alone("alice", concern=False)
    with at(WEDNESDAY):
        made_alone = services.plan_for(couple, WEDNESDAY.date())
    assert draws_on_safety(made_alone), "alone and clear, the week opened up"
    bob = make_user("bob")
    with at(WEDNESDAY + timedelta(hours=2)):
        join(bob, alice)
        screen(bob)
        for_two = services.plan_for(couple, WEDNESDAY.date())
    assert WeekPlan.objects.get() == for_two and for_two.created_at > made_alone.created_at
    assert not draws_on_safety(for_two), "a first week for two is light"
    assert services.practices_for(bob, for_two) == services.practices_for(alice, for_two)


def test_what_the_partner_who_joins_reads_is_the_same_whatever_the_others_check_said(
    db: None,
) -> None:
    read = {}
    for concern in (False, True):
        inviter, couple = alone(f"inviter{int(concern)}", concern)
        joiner = make_user(f"joiner{int(concern)}")
        with at(WEDNESDAY):
            services.plan_for(couple, WEDNESDAY.date())
        with at(WEDNESDAY + timedelta(hours=2)):
            join(joiner, inviter)
            screen(joiner)
            week = services.plan_for(couple, WEDNESDAY.date())
        read[concern] = (week.depth, draws_on_safety(week))  # the picks themselves are by seed
    assert read[False] == read[True] == (1, False)


def test_a_day_answered_alone_keeps_its_question_and_the_days_not_answered_are_drawn_again(
    db: None,
) -> None:
    alice, couple = alone("alice", concern=False)
    thursday = WEDNESDAY.date() + timedelta(days=1)
    with at(WEDNESDAY):
        answered = daily.question_for(couple, WEDNESDAY.date())
        daily.answer(alice, answered, "Something I wrote before you came.", passed=False)
        ahead = daily.question_for(couple, thursday)
    with at(WEDNESDAY + timedelta(hours=2)):
        join(make_user("bob"), alice)
        for_two = services.plan_for(couple, WEDNESDAY.date())
    assert DailyQuestion.objects.get(day=WEDNESDAY.date()).question_id == answered.question_id
    assert not DailyQuestion.objects.filter(pk=ahead.pk).exists()
    with at(WEDNESDAY + timedelta(days=1)):
        assert daily.question_for(couple, thursday).question_id == for_two.question_on(thursday)


def test_a_week_over_before_the_partner_joined_is_kept_as_it_was(db: None) -> None:
    alice, couple = alone("alice", concern=False, since=WEDNESDAY - timedelta(days=7))
    last_week = WEDNESDAY.date() - timedelta(days=7)
    with at(WEDNESDAY - timedelta(days=7)):
        before = services.plan_for(couple, last_week)
    with at(WEDNESDAY):
        join(make_user("bob"), alice)
        assert services.plan_for(couple, last_week) == before
        assert services.plan_for(couple, WEDNESDAY.date()).created_at > before.created_at


def test_a_plan_made_for_the_two_is_kept_when_one_of_them_leaves(db: None) -> None:
    alice, space = alone("alice", concern=False)
    bob = make_user("bob")
    today: date = WEDNESDAY.date()
    with at(WEDNESDAY):
        join(bob, alice)
        made = services.plan_for(space, today)
    with at(WEDNESDAY + timedelta(hours=1)):
        couples.leave(bob)
        assert services.plan_for(space, today) == made
