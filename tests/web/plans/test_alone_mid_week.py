"""A partner gone in the middle of the week (left, or deleted their account) leaves the week's
plan as it was made, but the one who stays is asked nothing meant for two, on the page or by the
API, until someone joins and the week is made again for the two of them."""

from __future__ import annotations

import html
import re

import pytest
from django.utils import timezone

from nearer.web.accounts.deletion import delete_account
from nearer.web.accounts.models import User
from nearer.web.couples import services as couples
from nearer.web.couples.services import couple_of
from nearer.web.plans import services
from nearer.web.plans.models import PracticeLog, WeekPlan
from tests.web.api.conftest import call, take
from tests.web.conftest import client_for, make_user, screen

FOR_TWO = "practice.ask_for_the_support_you_need"  # "Asking for the kind of support you need"
FOR_ONE = "practice.slow_breathing_reset"
GONE = {"deletes their account": delete_account, "leaves": couples.leave}


def plan_with(user: User, practice_ids: list[str]) -> WeekPlan:
    """This week's plan for `user`'s couple, holding exactly `practice_ids`."""
    plan = services.plan_for(couple_of(user), timezone.localdate())  # type: ignore[arg-type]
    WeekPlan.objects.filter(pk=plan.pk).update(practice_ids=practice_ids)
    return plan


def shown(user: User) -> tuple[str, set[str]]:
    """The plan page's text and the ids of the practices the API lists, for `user`."""
    page = html.unescape(client_for(user).get("/plan/").content.decode())
    api = {p["id"] for p in call(user, "GET", "/plan").json()["practices"]}
    return page, api


def words(page: str) -> str:
    """The page as read: its text without tags, spaces run together."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


@pytest.fixture
def hal_alone(request: pytest.FixtureRequest, couple: tuple[User, User]) -> User:
    """Alice ("Hal") and Bob ("Ida") both clear, with a week holding a practice for two and one
    for one; then Bob is gone as the test's parameter says, and Alice takes her check again
    (her earlier one spoke of the partnership that ended)."""
    hal, ida = couple
    screen(hal), screen(ida)
    plan_with(hal, [FOR_TWO, FOR_ONE])
    GONE[request.param](ida)
    screen(hal)
    return hal


@pytest.mark.parametrize("hal_alone", list(GONE), indirect=True)
def test_a_partner_gone_mid_week_takes_practices_for_two_off_the_plan_of_the_one_who_stays(
    hal_alone: User,
) -> None:
    page, api = shown(hal_alone)
    assert "Asking for the kind of support you need" not in page and "· together" not in page
    assert "A slow-breathing reset" in page
    assert api == {FOR_ONE}


@pytest.mark.parametrize("hal_alone", list(GONE), indirect=True)
def test_a_practice_for_two_cannot_be_marked_done_by_the_one_left_alone(hal_alone: User) -> None:
    assert call(hal_alone, "POST", f"/plan/practices/{FOR_TWO}/done").status_code == 404
    assert client_for(hal_alone).post(f"/plan/done/{FOR_TWO}/").status_code == 404
    assert not PracticeLog.objects.filter(user=hal_alone, practice_id=FOR_TWO).exists()


def test_a_practice_for_two_marked_done_before_the_partner_left_is_not_listed_after(
    couple: tuple[User, User],
) -> None:
    hal, ida = couple
    screen(hal), screen(ida)
    plan_with(hal, [FOR_TWO, FOR_ONE])
    assert call(hal, "POST", f"/plan/practices/{FOR_TWO}/done").status_code == 200
    couples.leave(ida)
    screen(hal)
    page, api = shown(hal)
    assert "Asking for the kind of support you need" not in page and api == {FOR_ONE}
    assert "Practised on 1 day this month" in page  # the day still counts


@pytest.mark.parametrize("clear", [True, False], ids=["check taken again", "check not taken"])
def test_alone_with_a_week_of_practices_for_two_only_practices_for_one_stand_in(
    couple: tuple[User, User], clear: bool
) -> None:
    hal, ida = couple
    screen(hal), screen(ida)
    plan_with(hal, [FOR_TWO])
    delete_account(ida)
    if clear:
        screen(hal)
    page, api = shown(hal)
    assert "No practices this week" not in page and "· together" not in page
    stand_in = {p.id for p in services.for_anyone_alone()}
    assert api == stand_in
    for practice_id in stand_in:  # and may be marked done, as the page offers them
        assert call(hal, "POST", f"/plan/practices/{practice_id}/done").status_code == 200


def test_someone_who_joins_later_that_week_brings_practices_for_two_back(
    couple: tuple[User, User],
) -> None:
    hal, ida = couple
    screen(hal), screen(ida)
    plan_with(hal, [FOR_TWO, FOR_ONE])
    delete_account(ida)
    screen(hal)
    assert shown(hal)[1] == {FOR_ONE}
    joe = make_user("joe")
    couples.join(joe, couples.invite(hal))
    screen(joe), screen(hal)
    week = services.plan_for(couple_of(hal), timezone.localdate())  # type: ignore[arg-type]
    for_two = {p.id for p in services.practices_of(week) if p.participants == "both"}
    assert for_two, "the week made again for the two holds practices for two"
    for person in (hal, joe):
        page, api = shown(person)
        assert for_two <= api and "· together" in page


def test_a_couple_together_still_sees_the_practices_for_two(couple: tuple[User, User]) -> None:
    hal, ida = couple
    screen(hal), screen(ida)
    plan_with(hal, [FOR_TWO, FOR_ONE])
    for person in couple:
        page, api = shown(person)
        assert api == {FOR_TWO, FOR_ONE} and "Asking for the kind of support you need" in page


WAITING = "Each week made once your questionnaires are in leans toward what your answers show."


@pytest.mark.parametrize("hal_alone", list(GONE), indirect=True)
def test_a_week_that_leans_toward_nothing_says_so_without_an_empty_list(hal_alone: User) -> None:
    said = words(shown(hal_alone)[0])
    assert WAITING in said
    assert "show: " not in said and " ." not in said


def test_the_sentence_holds_for_a_profile_taken_after_the_week_was_made(
    couple: tuple[User, User],
) -> None:
    hal, ida = couple
    screen(hal), screen(ida)
    services.plan_for(couple_of(hal), timezone.localdate())  # type: ignore[arg-type]
    assert take(hal, "profile", 3).status_code in (200, 201)
    for person in couple:  # the week leans toward nothing still: made before it
        assert WAITING in words(shown(person)[0])
