"""A concern raised, or a partner who has not taken the private check joining, in the middle of a
week: what needs safety is set aside at once for the person who is not clear, while the partner's
week goes on as it began (a change under their eyes would tell them something happened); the next
week is made light for both."""

from __future__ import annotations

import html
import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from nearer.content.loader import default_content
from nearer.domain.safety import withholds_practice
from nearer.web.accounts.models import User
from nearer.web.couples import services as couples
from nearer.web.couples.models import Couple, Membership
from nearer.web.daily.models import Answer, DailyQuestion
from nearer.web.plans import services as plans
from nearer.web.plans.models import PracticeLog, WeekPlan
from tests.web.api.conftest import call, take
from tests.web.conftest import client_for, make_couple, screen
from tests.web.seeds import make_checkin

CONFLICT_PRACTICE = "practice.time_out_and_self_soothing"
QUESTIONS = {q.id: q for q in default_content().questions}
PRACTICES = {p.id: p for p in default_content().practices}
WITHHELD_TITLES = [p.title for p in PRACTICES.values() if withholds_practice(p)]
CSRF = re.compile(r'(csrfmiddlewaretoken" value=|X-CSRFToken": )"[^"]+"')


def page_text(user: User, path: str) -> str:
    """The page as its reader sees it: entities unescaped, so content with an apostrophe or an
    ampersand is found as written."""
    return html.unescape(client_for(user).get(path).content.decode())


def couple_space(user: User) -> Couple:
    found = couples.couple_of(user)
    assert found is not None
    return found


def make_deep_week(couple: Couple, today: date) -> WeekPlan:
    """Last week went deep (depth 3), so this week's plan, made from it, asks vulnerable questions
    every day, and it holds a practice that touches conflict. Each partner checked in ten days
    ago, in the space together since before then (a check-in before joining paces nothing): back
    after two weeks away, the questions would start a step lighter (pacing)."""
    since = timezone.now() - timedelta(days=11)
    Membership.objects.filter(couple=couple).update(joined_at=since)
    for member in couple.active_members():
        make_checkin("default", member.user, today - timedelta(days=10))
    Couple.objects.filter(pk=couple.pk).update(
        created_at=since, question_depth=3, minutes_per_week=600
    )
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
    pages = page_text(user, "/plan/") + page_text(user, "/daily/today/")
    shown = [title for title in WITHHELD_TITLES if title in pages]
    shown += [q.id for q in QUESTIONS.values() if q.needs_safety and q.text in pages]
    api = call(user, "GET", "/plan").json()
    shown += [q["id"] for q in api["questions"] if QUESTIONS[q["id"]].needs_safety]
    shown += [p["id"] for p in api["practices"] if withholds_practice(PRACTICES[p["id"]])]
    return shown


@pytest.fixture
def deep(couple: tuple[User, User]) -> tuple[User, User]:
    """Alice and Bob, both screened clear, in a week that goes deep (make_deep_week)."""
    alice, bob = couple
    screen(alice)
    screen(bob)
    make_deep_week(couple_space(alice), timezone.localdate())
    return alice, bob


def partners_view(user: User) -> list[str]:
    """Everything about the plan and today's question the person's pages and the API show."""
    client = client_for(user)
    pages = [client.get(path).content.decode() for path in ("/home/", "/plan/", "/daily/today/")]
    api = [str(call(user, "GET", path).json()) for path in ("/plan", "/daily/today")]
    return [CSRF.sub("", text) for text in pages + api]


def test_a_concern_raised_midweek_sets_vulnerable_content_aside_for_that_person_at_once(
    deep: tuple[User, User],
) -> None:
    alice, bob = deep
    assert QUESTIONS[todays_question(bob)].needs_safety
    assert shows_withheld(alice) and shows_withheld(bob)

    screen(alice, concern=True)

    assert shows_withheld(alice) == []
    assert client_for(alice).post(f"/plan/done/{CONFLICT_PRACTICE}/").status_code == 404
    assert call(alice, "POST", f"/plan/practices/{CONFLICT_PRACTICE}/done").status_code == 404
    today = call(alice, "GET", "/daily/today").json()
    assert today["set_aside"] and today["question"] is None
    day = timezone.localdate().isoformat()
    answered = client_for(alice).post(
        f"/daily/day/{day}/answer/", {"text": "x", "action": "answer"}
    )
    assert answered.status_code == 400 and not Answer.objects.filter(user=alice).exists()
    assert not PracticeLog.objects.exists()


def test_the_partner_sees_nothing_change_in_the_middle_of_the_week(
    deep: tuple[User, User],
) -> None:
    alice, bob = deep
    todays_question(bob)
    before = partners_view(bob)

    screen(alice, concern=True)

    after = partners_view(bob)
    assert after == before
    assert "concern" not in " ".join(after).lower()


def test_the_next_week_is_made_light_for_both(deep: tuple[User, User]) -> None:
    alice, bob = deep
    today = timezone.localdate()
    screen(alice, concern=True)

    week = plans.plan_for(couple_space(bob), today + timedelta(days=7))

    assert not any(QUESTIONS[q].needs_safety for q in week.question_ids)
    assert not any(withholds_practice(PRACTICES[p]) for p in week.practice_ids)


def test_a_partner_who_has_not_taken_the_check_joining_midweek_gets_nothing_that_needs_safety(
    alice: User, bob: User
) -> None:
    make_couple(alice)
    screen(alice)
    todays_question(alice)  # the week is made while she is alone: light, whatever her check

    couples.join(bob, couples.invite(alice))

    assert shows_withheld(bob) == []
    assert not QUESTIONS[todays_question(bob)].needs_safety
    assert "No question for you" not in client_for(bob).get("/daily/history/").content.decode()


def test_earlier_days_keep_their_question_and_are_set_aside_only_for_the_one_not_clear(
    deep: tuple[User, User],
) -> None:
    alice, bob = deep
    today = timezone.localdate()
    yesterday = (today - timedelta(days=1)).isoformat()
    assert client_for(bob).get(f"/daily/day/{yesterday}/").status_code == 200
    asked = QUESTIONS[DailyQuestion.objects.get(day=yesterday).question_id]
    assert asked.needs_safety

    screen(alice, concern=True)

    assert asked.text in page_text(bob, "/daily/history/")
    for page in (f"/daily/day/{yesterday}/", "/daily/history/"):
        assert asked.text not in page_text(alice, page)


def test_a_day_already_answered_keeps_its_question_and_answer(deep: tuple[User, User]) -> None:
    """Once someone has answered, the day is under way: changing its question would lose the
    answer, and tell its writer that something changed."""
    alice, bob = deep
    asked = todays_question(bob)
    day = timezone.localdate().isoformat()
    client_for(bob).post(f"/daily/day/{day}/answer/", {"text": "the sea", "action": "answer"})

    screen(alice, concern=True)

    assert todays_question(alice) == asked
    assert DailyQuestion.objects.get(day=day).answers.get(user=bob).text == "the sea"
    page = page_text(alice, "/daily/today/")
    assert QUESTIONS[asked].text not in page and "Bob has answered" not in page


def test_a_pass_or_an_answer_given_before_the_concern_lets_nothing_more_reach_its_writer(
    deep: tuple[User, User],
) -> None:
    alice, bob = deep
    today = timezone.localdate()
    yesterday = today - timedelta(days=1)
    assert call(alice, "POST", f"/daily/{today}/pass").status_code == 200
    assert call(alice, "POST", f"/daily/{yesterday}/answer", {"text": "mine"}).status_code == 200

    screen(alice, concern=True)

    for day in (today, yesterday):
        assert call(alice, "POST", f"/daily/{day}/answer", {"text": "x"}).status_code == 400
        assert call(bob, "POST", f"/daily/{day}/answer", {"text": "BOB"}).status_code == 200
        seen = call(alice, "GET", f"/daily/{day}").json()
        assert seen["set_aside"] and seen["question"] is None and "BOB" not in str(seen)


def test_the_partners_report_suggests_the_same_practices_after_a_concern(
    deep: tuple[User, User],
) -> None:
    alice, bob = deep
    for user in (alice, bob):
        for instrument, value in (("profile", 2), ("signs", 5), ("causes", 5)):
            take(user, instrument, value)
    before = call(bob, "GET", "/assessments/report").json()["causes"]
    page = CSRF.sub("", client_for(bob).get("/assessments/report/").content.decode())
    assert any(cause["practices"] for cause in before)

    screen(alice, concern=True)

    assert call(bob, "GET", "/assessments/report").json()["causes"] == before
    assert CSRF.sub("", client_for(bob).get("/assessments/report/").content.decode()) == page
    mine = call(alice, "GET", "/assessments/report").json()["causes"]
    assert not any(withholds_practice(PRACTICES[p["id"]]) for c in mine for p in c["practices"])


def test_a_day_set_aside_sends_the_next_step_to_the_check_in(deep: tuple[User, User]) -> None:
    from nearer.web.insights.dashboard import next_step

    alice, _ = deep
    screen(alice, concern=True)
    for instrument_id in ("profile", "signs", "causes"):
        take(alice, instrument_id, 3)
    client_for(alice).get("/daily/today/")  # "There is no question for you on this day"
    assert next_step(alice, timezone.localdate()) == (
        "Check in: about a minute",
        "/daily/checkin/",
    )


def test_a_week_whose_practices_are_all_set_aside_offers_practices_for_one_instead(
    deep: tuple[User, User],
) -> None:
    alice, bob = deep
    week = plans.plan_for(couple_space(alice), timezone.localdate())
    week.practice_ids = [CONFLICT_PRACTICE]  # only what a concern sets aside
    week.save(update_fields=["practice_ids"])
    bobs = partners_view(bob)
    screen(alice, concern=True)
    offered = call(alice, "GET", "/plan").json()["practices"]
    assert offered and all(PRACTICES[p["id"]].participants == "one" for p in offered)
    assert not any(withholds_practice(PRACTICES[p["id"]]) for p in offered)
    done = client_for(alice).post(
        f"/plan/done/{offered[0]['id']}/", {"day": timezone.localdate().isoformat()}
    )
    assert done.status_code == 302
    assert PracticeLog.objects.filter(user=alice, practice_id=offered[0]["id"]).exists()
    assert partners_view(bob) == bobs  # his week goes on as it began


@pytest.mark.parametrize("concern", [True, False], ids=["concern", "all-clear"])
def test_a_check_its_owner_cannot_open_is_not_taken_on_their_own_pages(
    deep: tuple[User, User], concern: bool
) -> None:
    from nearer.web.assessments import services as assessments
    from nearer.web.plans.services import is_clear
    from nearer.web.vault import keyring
    from nearer.web.vault.models import UserKey

    alice, _ = deep
    for person in deep:
        take(person, "profile", 4)
    screen(alice, concern=concern)
    keyring.forget(alice.pk)  # as after a reset without the recovery code: the key retired
    UserKey.objects.filter(user=alice).update(password_wrap={})
    assert assessments.safety_locked(alice)
    assert not is_clear(alice) and not assessments.own_gate(alice).concern
    assert assessments.safety_gate(alice).concern is concern  # the shared plan keeps to it
    assert call(alice, "GET", "/assessments/report").json()["statements_wait"]  # alike


def test_after_the_partner_leaves_the_deep_days_they_shared_stay_readable(
    deep: tuple[User, User],
) -> None:
    alice, bob = deep
    Membership.objects.update(joined_at=timezone.now() - timedelta(days=10))
    yesterday = timezone.localdate() - timedelta(days=1)
    vulnerable = next(q.id for q in QUESTIONS.values() if q.needs_safety and q.depth == 3)
    DailyQuestion.objects.update_or_create(
        couple=couple_space(alice), day=yesterday, defaults={"question_id": vulnerable}
    )
    for person in deep:
        call(person, "POST", f"/daily/{yesterday}/answer", {"text": "what we said"})
    couples.leave(bob)
    after = call(alice, "GET", f"/daily/{yesterday}").json()
    assert not after["set_aside"] and after["question"]["id"] == vulnerable
    today = call(alice, "GET", f"/daily/{timezone.localdate()}").json()
    assert today["set_aside"]  # the day it ended: a new partner may already be there
