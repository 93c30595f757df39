"""A partner who joins reads nothing made before they came that followed the other's private
check: weeks alone are light whatever the check, a week made before the join is made again for
the two, and a new partnership's plans start fresh from what was made before it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest

from nearer.content.loader import default_content
from nearer.domain.plan import PlanRequest, make_plan
from nearer.domain.safety import withholds_practice
from nearer.web.accounts.models import User
from nearer.web.couples import services as couples
from nearer.web.couples.models import Couple
from nearer.web.daily import services as daily
from nearer.web.daily.models import DailyQuestion
from nearer.web.plans import services
from nearer.web.plans.models import WeekPlan
from tests.web.api.conftest import call
from tests.web.conftest import client_for, make_user, screen
from tests.web.test_checkin import at

WEDNESDAY = datetime(2026, 11, 25, 12, tzinfo=UTC)
NEEDS_SAFETY = {q.id for q in default_content().questions if q.needs_safety}


def alone(name: str, concern: bool, since: datetime = WEDNESDAY) -> tuple[User, Couple]:
    with at(since - timedelta(hours=1)):
        user = make_user(name)
        screen(user, concern)
        couples.create_couple(user)
    couple = couples.couple_of(user)
    assert couple is not None
    return user, couple


def join(user: User, inviter: User) -> None:
    couples.join(user, couples.invite(inviter))


def draws_on_safety(plan: WeekPlan) -> bool:
    practices = services.practices_of(plan)
    return bool(NEEDS_SAFETY & set(plan.question_ids)) or any(map(withholds_practice, practices))


@pytest.fixture
def requests() -> Iterator[list[PlanRequest]]:
    """Every plan request the web makes, each made with one seed for every couple (the seed is
    the couple's id): what then differs between two couples is what the web read of them."""
    made: list[PlanRequest] = []

    def one_seed(content: object, request: PlanRequest) -> object:
        made.append(replace(request, seed=0))
        return make_plan(default_content(), made[-1])

    with mock.patch.object(services, "make_plan", side_effect=one_seed):
        yield made


def made_of(request: PlanRequest) -> tuple[int, list[str], list[str]]:
    plan = make_plan(default_content(), request)
    return (
        plan.depth,
        [q.question.id for q in plan.questions],
        [p.practice.id for p in plan.practices],
    )


def test_weeks_alone_are_light_whatever_the_check(db: None) -> None:
    for concern in (False, True):
        _, couple = alone(f"alice{int(concern)}", concern)
        with at(WEDNESDAY):
            week = services.plan_for(couple, WEDNESDAY.date())
        assert week.depth == 1 and not draws_on_safety(week)


def test_what_the_partner_who_joins_reads_is_the_same_whatever_the_others_check_said(
    db: None, requests: list[PlanRequest]
) -> None:
    """Two weeks alone, answering, then a partner joins in the middle of the third."""
    read = {}
    for concern in (False, True):
        inviter, couple = alone(f"inviter{int(concern)}", concern, WEDNESDAY - timedelta(14))
        for back in (14, 13, 7, 6):
            moment = WEDNESDAY - timedelta(days=back)
            with at(moment):
                today = daily.question_for(couple, moment.date())
                daily.answer(inviter, today, "Something I wrote alone.", passed=False)
        joiner = make_user(f"joiner{int(concern)}")  # the weeks alone too are made with seed 0
        with at(WEDNESDAY + timedelta(hours=2)):
            join(joiner, inviter)
            screen(joiner)
            requests.clear()
            services.plan_for(couple, WEDNESDAY.date())
            services.plan_for(couple, WEDNESDAY.date() + timedelta(days=7))
        read[concern] = [made_of(request) for request in requests]
    assert len(read[False]) == 2 and read[False] == read[True]


def test_a_week_made_alone_is_made_again_for_the_two_from_light(db: None) -> None:
    alice, couple = alone("alice", concern=False)
    with at(WEDNESDAY):
        made_alone = services.plan_for(couple, WEDNESDAY.date())
    Couple.objects.filter(pk=couple.pk).update(question_depth=3)
    bob = make_user("bob")
    with at(WEDNESDAY + timedelta(hours=2)):
        join(bob, alice)
        for_two = services.plan_for(couple, WEDNESDAY.date())
    assert WeekPlan.objects.get() == for_two and for_two.created_at > made_alone.created_at
    assert for_two.depth == 1 and Couple.objects.get(pk=couple.pk).question_depth == 1
    assert any(p.participants == "both" for p in services.practices_of(for_two))


def test_the_days_already_opened_keep_their_question_and_the_rest_come_from_the_new_plan(
    db: None,
) -> None:
    alice, couple = alone("alice", concern=False)
    thursday, friday = (WEDNESDAY.date() + timedelta(days=n) for n in (1, 2))
    with at(WEDNESDAY):
        answered = daily.question_for(couple, WEDNESDAY.date())
        daily.answer(alice, answered, "Something I wrote before you came.", passed=False)
        opened = daily.question_for(couple, thursday)
    with at(WEDNESDAY + timedelta(hours=2)):
        join(make_user("bob"), alice)
        for_two = services.plan_for(couple, WEDNESDAY.date())
    assert DailyQuestion.objects.get(day=WEDNESDAY.date()).question_id == answered.question_id
    assert DailyQuestion.objects.get(day=thursday).question_id == opened.question_id
    with at(WEDNESDAY + timedelta(days=2)):
        assert daily.question_for(couple, friday).question_id == for_two.question_on(friday)


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
    with at(WEDNESDAY):
        join(bob, alice)
        made = services.plan_for(space, WEDNESDAY.date())
    with at(WEDNESDAY + timedelta(hours=1)):
        couples.leave(bob)
        assert services.plan_for(space, WEDNESDAY.date()) == made


def test_a_practice_marked_done_before_the_week_is_made_again_still_shows_done_to_its_maker(
    db: None,
) -> None:
    alice, couple = alone("alice", concern=False)
    with at(WEDNESDAY):
        done = services.practices_for(alice, services.plan_for(couple, WEDNESDAY.date()))
        for practice in done:
            services.mark_done(alice, practice, WEDNESDAY.date())
    bob = make_user("bob")
    with at(WEDNESDAY + timedelta(hours=2)):
        join(bob, alice)
        screen(bob)
        remade = services.plan_for(couple, WEDNESDAY.date())
        vanished = {p.id for p in done} - set(remade.practice_ids)
        assert vanished, "the week changed"
        alices = client_for(alice).get("/plan/").content.decode()
        bobs = client_for(bob).get("/plan/").content.decode()
        api = {p["id"]: p["done_today"] for p in call(alice, "GET", "/plan").json()["practices"]}
        bobs_api = {p["id"] for p in call(bob, "GET", "/plan").json()["practices"]}
    assert all(f'id="done-{p.id}"' in alices and api[p.id] for p in done)
    # Alice's marks keep in sight only for her: none of the practices the week lost is Bob's.
    assert not any(f"/plan/done/{practice_id}/" in bobs for practice_id in vanished)
    assert not any(practice_id in bobs for practice_id in vanished)
    assert not vanished & bobs_api
    assert "Practised on 1 day this month" in alices
