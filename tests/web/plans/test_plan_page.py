"""The plan page shows each practice whole, warnings included; a concern keeps touch and danger
out of what the couple is offered."""

from __future__ import annotations

import pytest
from django.utils import timezone
from django.utils.html import escape

from nearer.content.loader import default_content
from nearer.domain.model import Practice
from nearer.web.accounts.models import User
from nearer.web.couples.services import couple_of
from nearer.web.plans import services
from nearer.web.plans.models import WeekPlan
from tests.web.conftest import client_for, screen

WARNED = ("practice.six_second_greeting", "practice.repair_after_conflict")


def practice(practice_id: str) -> Practice:
    return next(p for p in default_content().practices if p.id == practice_id)


def plan_with(user: User, practice_ids: tuple[str, ...]) -> WeekPlan:
    """This week's plan for `user`'s couple, holding exactly `practice_ids`."""
    plan = services.plan_for(couple_of(user), timezone.localdate())  # type: ignore[arg-type]
    WeekPlan.objects.filter(pk=plan.pk).update(practice_ids=list(practice_ids))
    return plan


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx fragment"])
def test_every_contraindication_shows_not_only_the_first(
    couple: tuple[User, User], htmx: bool
) -> None:
    alice, bob = couple
    screen(alice)
    screen(bob)
    plan_with(alice, WARNED)
    headers = {"HX-Request": "true"} if htmx else {}
    page = client_for(alice).get("/plan/", headers=headers).content.decode()
    assert page.count("Not for every moment") == len(WARNED)
    for practice_id in WARNED:
        warnings = practice(practice_id).contraindications
        assert len(warnings) >= 2
        assert all(f"<li>{escape(w)}</li>" in page for w in warnings), practice_id
    assert "Not where either partner is afraid of the other." in page


def test_the_warnings_are_a_list_under_a_labelled_heading(couple: tuple[User, User]) -> None:
    alice, bob = couple
    screen(alice)
    screen(bob)
    plan_with(alice, WARNED[:1])
    page = client_for(alice).get("/plan/").content.decode()
    assert '<section aria-labelledby="not-for-1"' in page
    assert '<h3 id="not-for-1"' in page and "Not for every moment</h3>" in page
    assert "<ul>" in page


def test_a_concern_keeps_touch_questions_out_of_the_week(couple: tuple[User, User]) -> None:
    alice, bob = couple
    screen(alice, concern=True)
    screen(bob)
    plan = services.plan_for(couple_of(bob), timezone.localdate())  # type: ignore[arg-type]
    touch = {q.id for q in default_content().questions if q.form == "physical" and q.needs_safety}
    assert plan.question_ids and not touch & set(plan.question_ids)


def test_a_touch_question_kept_from_before_is_set_aside_for_someone_afraid(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    screen(alice, concern=True)
    screen(bob)
    playful_contact = "q.physical.1.15"  # "Which playful kinds of contact make you grin, ..."
    assert services.withheld_for(alice, playful_contact)
    assert not services.withheld_for(bob, playful_contact)


def test_a_concern_couples_plan_page_warns_of_no_danger(couple: tuple[User, User]) -> None:
    alice, bob = couple
    screen(alice, concern=True)
    screen(bob)
    for user in (alice, bob):
        page = client_for(user).get("/plan/").content.decode().lower()
        assert "not for every moment" in page
        assert not any(word in page for word in ("afraid", "frighten", "threat", "unsafe"))
