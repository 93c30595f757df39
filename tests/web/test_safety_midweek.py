"""A concern raised, or a partner who has not taken the private check joining, in the middle of a
week: what the couple's safety no longer allows is withheld at once, and the partner sees only a
lighter week, the same as a week made lighter from its start."""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.utils import timezone

from nearer.content.loader import default_content
from nearer.domain.safety import withholds_practice
from nearer.web.accounts.models import User
from nearer.web.couples import services as couples
from nearer.web.couples.models import Couple
from nearer.web.daily.models import DailyQuestion
from nearer.web.plans import services as plans
from nearer.web.plans.models import PracticeLog, WeekPlan
from tests.web.api.conftest import call
from tests.web.conftest import client_for, make_couple, screen

CONFLICT_PRACTICE = "practice.time_out_and_self_soothing"
QUESTIONS = {q.id: q for q in default_content().questions}
PRACTICES = {p.id: p for p in default_content().practices}
WITHHELD_TITLES = [p.title for p in PRACTICES.values() if withholds_practice(p)]
CSRF = re.compile(r'(csrfmiddlewaretoken" value=|X-CSRFToken": )"[^"]+"')


def couple_space(user: User) -> Couple:
    found = couples.couple_of(user)
    assert found is not None
    return found


def make_deep_week(couple: Couple, today: date) -> WeekPlan:
    """Last week went deep (depth 3), so this week's plan, made from it, asks vulnerable questions
    every day, and it holds a practice that touches conflict."""
    Couple.objects.filter(pk=couple.pk).update(question_depth=3, minutes_per_week=600)
    couple.refresh_from_db()
    plans.plan_for(couple, today - timedelta(days=7))
    week = plans.plan_for(couple, today)
    if CONFLICT_PRACTICE not in week.practice_ids:
        week.practice_ids = [*week.practice_ids[:-1], CONFLICT_PRACTICE]
        week.save(update_fields=["practice_ids"])
    assert week.depth == 3 and all(QUESTIONS[q].needs_safety for q in week.question_ids)
    return week


def todays_question(user: User) -> str:
    """Today's question as the person's page shows it (made on first view)."""
    client_for(user).get("/daily/today/")
    found = DailyQuestion.objects.get(couple=couple_space(user), day=timezone.localdate())
    return found.question_id


def shows_withheld(user: User) -> list[str]:
    """Withheld content the person's plan page, today's question page or the API's plan shows."""
    client = client_for(user)
    pages = client.get("/plan/").content.decode() + client.get("/daily/today/").content.decode()
    shown = [title for title in WITHHELD_TITLES if title in pages]
    shown += [q.id for q in QUESTIONS.values() if q.needs_safety and q.text in pages]
    api = call(user, "GET", "/plan").json()
    shown += [q["id"] for q in api["questions"] if QUESTIONS[q["id"]].needs_safety]
    shown += [p["id"] for p in api["practices"] if withholds_practice(PRACTICES[p["id"]])]
    return shown


def partners_view(user: User) -> list[str]:
    """Everything about the plan and today's question the person's pages and the API show."""
    client = client_for(user)
    pages = [client.get(path).content.decode() for path in ("/home/", "/plan/", "/daily/today/")]
    api = [str(call(user, "GET", path).json()) for path in ("/plan", "/daily/today")]
    return [CSRF.sub("", text) for text in pages + api]


def test_a_concern_raised_midweek_withholds_vulnerable_content_at_once(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    screen(alice)
    screen(bob)
    make_deep_week(couple_space(alice), timezone.localdate())
    assert QUESTIONS[todays_question(bob)].needs_safety
    assert shows_withheld(alice) and shows_withheld(bob)

    screen(alice, concern=True)

    assert not plans.holds_withheld(plans.plan_for(couple_space(alice), timezone.localdate()))
    assert shows_withheld(alice) == [] and shows_withheld(bob) == []
    assert not QUESTIONS[todays_question(alice)].needs_safety
    assert client_for(bob).post(f"/plan/done/{CONFLICT_PRACTICE}/").status_code == 404
    assert call(bob, "POST", f"/plan/practices/{CONFLICT_PRACTICE}/done").status_code == 404
    assert not PracticeLog.objects.exists()


def test_the_partner_sees_a_midweek_concern_only_as_a_week_made_lighter_from_its_start(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    screen(alice)
    screen(bob)
    today = timezone.localdate()
    make_deep_week(couple_space(alice), today)
    todays_question(bob)

    screen(alice, concern=True)
    after = partners_view(bob)

    # The same week, had the concern been known when it was made: its plan and today's question
    # made afresh, from last week's depth, as on the week's first day.
    WeekPlan.objects.filter(week_start=plans.monday(today)).delete()
    DailyQuestion.objects.filter(day=today).delete()
    last_week = WeekPlan.objects.get(week_start=plans.monday(today) - timedelta(days=7))
    Couple.objects.filter(pk=couple_space(bob).pk).update(question_depth=last_week.depth)
    assert partners_view(bob) == after
    assert "concern" not in " ".join(after).lower()


def test_a_partner_who_has_not_taken_the_check_joining_midweek_lightens_the_week(
    alice: User, bob: User
) -> None:
    make_couple(alice)
    screen(alice)
    make_deep_week(couple_space(alice), timezone.localdate())
    assert QUESTIONS[todays_question(alice)].needs_safety

    couples.join(bob, couples.invite(alice))

    assert shows_withheld(alice) == [] and shows_withheld(bob) == []
    assert not QUESTIONS[todays_question(bob)].needs_safety


def test_an_earlier_unanswered_day_no_longer_offers_a_vulnerable_question(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    screen(alice)
    screen(bob)
    today = timezone.localdate()
    make_deep_week(couple_space(alice), today)
    yesterday = (today - timedelta(days=1)).isoformat()
    client_for(bob).get(f"/daily/day/{yesterday}/")

    screen(alice, concern=True)

    history = client_for(bob).get("/daily/history/").content.decode()
    day_page = client_for(alice).get(f"/daily/day/{yesterday}/").content.decode()
    for question in QUESTIONS.values():
        if question.needs_safety:
            assert question.text not in history and question.text not in day_page


def test_a_day_already_answered_keeps_its_question_and_answer(couple: tuple[User, User]) -> None:
    """Once someone has answered, the day is under way: changing its question would lose the
    answer, and tell its writer that something changed. Later days are lighter."""
    alice, bob = couple
    screen(alice)
    screen(bob)
    make_deep_week(couple_space(alice), timezone.localdate())
    asked = todays_question(bob)
    day = timezone.localdate().isoformat()
    client_for(bob).post(f"/daily/day/{day}/answer/", {"text": "the sea", "action": "answer"})

    screen(alice, concern=True)

    assert todays_question(alice) == asked
    assert DailyQuestion.objects.get(day=day).answers.get(user=bob).text == "the sea"
    assert not plans.holds_withheld(plans.plan_for(couple_space(bob), timezone.localdate()))
