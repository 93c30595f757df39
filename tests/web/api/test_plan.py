"""This week's plan over JSON: questions, practices with steps, marking done, settings."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from nearer.web.accounts.models import User
from nearer.web.couples.services import couple_of
from nearer.web.plans.models import PracticeLog
from tests.web.api.conftest import call
from tests.web.conftest import make_user
from tests.web.test_checkin import at


def test_the_plan_has_seven_daily_questions_and_practices_with_steps(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    plan = call(alice, "GET", "/plan").json()
    assert date.fromisoformat(plan["week_start"]).weekday() == 0
    assert len(plan["questions"]) == 7 and plan["questions"][0]["day"] == plan["week_start"]
    assert plan["practices"] and all(p["steps"] for p in plan["practices"])
    assert call(bob, "GET", "/plan").json() == plan  # one plan for the two of them


def test_a_practice_marked_done_counts_for_me_only(couple: tuple[User, User]) -> None:
    alice, bob = couple
    practice = call(alice, "GET", "/plan").json()["practices"][0]["id"]
    plan = call(alice, "POST", f"/plan/practices/{practice}/done").json()
    done = {p["id"]: p["done_today"] for p in plan["practices"]}
    assert done[practice] is True and plan["days_practised_this_month"] == 1
    theirs = call(bob, "GET", "/plan").json()
    assert not any(p["done_today"] for p in theirs["practices"])


def test_a_practice_not_in_this_weeks_plan_is_a_404(couple: tuple[User, User]) -> None:
    alice, _ = couple
    for practice in ("practice.not_a_practice", "../../tokens"):
        response = call(alice, "POST", f"/plan/practices/{practice}/done")
        assert response.status_code == 404
    assert not PracticeLog.objects.exists()


def test_settings_change_minutes_and_pause(couple: tuple[User, User]) -> None:
    alice, bob = couple
    changed = call(alice, "PATCH", "/plan/settings", {"minutes_per_week": 120}).json()
    assert changed["minutes_per_week"] == 120 and changed["paused"] is False
    paused = call(bob, "PATCH", "/plan/settings", {"paused": True}).json()
    assert paused["paused"] is True and paused["minutes_per_week"] == 120


def test_minutes_out_of_range_are_refused_naming_the_field(couple: tuple[User, User]) -> None:
    alice, _ = couple
    for minutes in (5, 601, "lots", 30.5):
        response = call(alice, "PATCH", "/plan/settings", {"minutes_per_week": minutes})
        assert response.status_code == 422, minutes
        assert response.json()["field"] == "minutes_per_week"
    assert couple_of(alice).minutes_per_week == 60  # type: ignore[union-attr]


def test_without_a_couple_space_there_is_no_plan(db: None) -> None:
    dan = make_user("dan")
    assert call(dan, "GET", "/plan").status_code == 404
    assert call(dan, "PATCH", "/plan/settings", {"paused": True}).status_code == 404


def test_a_practice_may_be_marked_done_yesterday_and_no_earlier(couple: tuple[User, User]) -> None:
    alice, _ = couple
    wednesday = date(2026, 3, 18)
    with at(datetime(2026, 3, 18, 12, 0, tzinfo=UTC)):
        practice = call(alice, "GET", "/plan").json()["practices"][0]["id"]
        for day in (wednesday - timedelta(days=1), wednesday - timedelta(days=5)):
            call(alice, "POST", f"/plan/practices/{practice}/done?day={day.isoformat()}")
        bad = call(alice, "POST", f"/plan/practices/{practice}/done?day=Sunday")
    logged = set(PracticeLog.objects.values_list("day", flat=True))
    assert logged == {wednesday - timedelta(days=1), wednesday}  # five days ago: today instead
    assert bad.status_code == 422


def test_a_day_to_come_or_before_2000_is_refused_naming_day(couple: tuple[User, User]) -> None:
    alice, _ = couple
    with at(datetime(2026, 3, 18, 12, 0, tzinfo=UTC)):
        practice = call(alice, "GET", "/plan").json()["practices"][0]["id"]
        later = call(alice, "POST", f"/plan/practices/{practice}/done?day=2026-03-19")
        early = call(alice, "POST", f"/plan/practices/{practice}/done?day=1999-12-31")
    assert (later.status_code, later.json()["field"]) == (400, "day")
    assert "must be today or earlier" in later.json()["detail"]
    assert (early.status_code, early.json()["field"]) == (400, "day")
    assert not PracticeLog.objects.exists()
