"""The plan's seven questions are the days' own: a week made again at a join lists, for the days
already opened, the question each of them really has, never the new plan's for it."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from nearer.content.loader import default_content
from nearer.web.accounts.models import User
from nearer.web.couples import services as couples
from nearer.web.couples.models import Couple
from nearer.web.daily import services as daily
from nearer.web.daily.models import DailyQuestion
from nearer.web.plans import services
from nearer.web.plans.models import WeekPlan
from tests.web.api.conftest import call
from tests.web.conftest import make_user, screen
from tests.web.plans.test_joining_mid_week import WEDNESDAY, alone
from tests.web.test_checkin import at

THURSDAY = WEDNESDAY.date() + timedelta(days=1)
JOINED = WEDNESDAY + timedelta(hours=2)


def listed(user: User, when: datetime) -> dict[date, str]:
    """The API plan's questions for `user` at `when`, by day."""
    with at(when):
        found = call(user, "GET", "/plan").json()["questions"]
    return {date.fromisoformat(q["day"]): q["id"] for q in found}


def open_day(couple: Couple, day: date, when: datetime, plan: WeekPlan) -> str:
    """The day opened at `when`, with a light question the week made again will not hold."""
    with at(when):
        opened = daily.question_for(couple, day)
    other = next(
        q.id for q in default_content().questions if q.depth == 1 and q.id not in plan.question_ids
    )
    DailyQuestion.objects.filter(pk=opened.pk).update(question_id=other)
    return other


def remade_for(joiner: User, inviter: User, couple: Couple) -> WeekPlan:
    with at(JOINED):
        couples.join(joiner, couples.invite(inviter))
        screen(joiner)
        return services.plan_for(couple, WEDNESDAY.date())


def test_days_opened_before_a_join_list_the_question_they_really_have(db: None) -> None:
    alice, couple = alone("alice", concern=False)
    with at(WEDNESDAY):
        services.plan_for(couple, WEDNESDAY.date())
        daily.question_for(couple, WEDNESDAY.date())
        daily.question_for(couple, THURSDAY)
    bob = make_user("bob")
    remade = remade_for(bob, alice, couple)
    wednesdays = open_day(couple, WEDNESDAY.date(), WEDNESDAY, remade)
    thursdays = DailyQuestion.objects.get(couple=couple, day=THURSDAY).question_id
    expected = {day: remade.question_on(day) for day in remade.days()}
    expected |= {WEDNESDAY.date(): wednesdays, THURSDAY: thursdays}
    assert listed(alice, JOINED) == expected
    assert listed(bob, JOINED) == expected  # her first partner: the days she opened are theirs


def test_a_day_opened_with_an_earlier_partner_lists_the_plans_question_for_the_next(
    db: None,
) -> None:
    """Not the day's own (it was asked of someone else), and not left out either: a day left out
    only when opened would tell the new partner which days before him were opened."""
    alice, couple = alone("alice", concern=False, since=WEDNESDAY - timedelta(days=8))
    carol = make_user("carol")
    with at(WEDNESDAY - timedelta(days=7)):
        code = couples.invite(alice)
    with at(WEDNESDAY - timedelta(days=6)):
        couples.join(carol, code)
        screen(carol)
    with at(WEDNESDAY):
        made = services.plan_for(couple, WEDNESDAY.date())
    wednesdays = open_day(couple, WEDNESDAY.date(), WEDNESDAY, made)
    with at(WEDNESDAY + timedelta(hours=1)):
        couples.leave(carol)
    bob = make_user("bob")
    remade = remade_for(bob, alice, couple)
    assert listed(alice, JOINED)[WEDNESDAY.date()] == wednesdays
    bobs = listed(bob, JOINED)
    assert bobs[WEDNESDAY.date()] == remade.question_on(WEDNESDAY.date()) != wednesdays
    assert bobs[THURSDAY] == remade.question_on(THURSDAY)
    assert len(bobs) == 7
