from __future__ import annotations

import html
import re
from datetime import date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from nearer.content.loader import default_content
from nearer.web.accounts.models import User
from nearer.web.couples.services import couple_of
from nearer.web.plans import services
from nearer.web.plans.models import PracticeLog, WeekPlan
from tests.web.api.conftest import call
from tests.web.conftest import client_for, make_couple, make_user, screen
from tests.web.test_checkin import at

BERLIN = ZoneInfo("Europe/Berlin")


def test_the_weeks_plan_is_made_once_and_kept(couple: tuple[User, User]) -> None:
    alice, bob = couple
    client_for(alice).get("/plan/")
    client_for(bob).get("/plan/")
    plan = WeekPlan.objects.get()
    assert len(plan.question_ids) == 7 and 3 <= len(plan.practice_ids) <= 5
    assert plan.week_start.weekday() == 0


def test_a_concern_keeps_vulnerable_practices_out_of_the_shared_plan(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    safety = default_content().instruments["safety"]
    client_for(alice).post("/assessments/safety/take/", {item.id: "5" for item in safety.items})
    plan = services.plan_for(couple_of(bob), timezone.localdate())  # type: ignore[arg-type]
    practices = services.practices_of(plan)
    assert not any(p.needs_vulnerability or p.touches_conflict or p.needs_safety for p in practices)
    page = client_for(bob).get("/plan/").content.decode().lower()
    assert "safety" not in page and "concern" not in page


def test_marking_a_practice_done_counts_days_not_streaks(couple: tuple[User, User]) -> None:
    alice, _ = couple
    client_for(alice).get("/plan/")
    practice_id = WeekPlan.objects.get().practice_ids[0]
    client_for(alice).post(f"/plan/done/{practice_id}/")
    client_for(alice).post(f"/plan/done/{practice_id}/")
    assert PracticeLog.objects.filter(user=alice).count() == 1
    assert b"Practised on 1 day" in client_for(alice).get("/plan/").content


def test_only_this_weeks_practices_can_be_marked(couple: tuple[User, User]) -> None:
    alice, _ = couple
    assert client_for(alice).post("/plan/done/practice.not_there/").status_code == 404


def test_done_on_a_practice_gone_from_the_plan_says_so_on_the_plan_not_a_bare_404(
    couple: tuple[User, User],
) -> None:
    """A plan page left open into another week: its practices are not this week's."""
    alice, _ = couple
    client = client_for(alice)
    htmx = client.post("/plan/done/practice.not_there/", headers={"HX-Request": "true"})
    fragment = html.unescape(htmx.content.decode())
    assert htmx.status_code == 404 and fragment.lstrip().startswith('<section id="practices"')
    assert "That practice is not in this week's plan." in fragment
    page = html.unescape(client.post("/plan/done/practice.not_there/").content.decode())
    assert "That practice is not in this week's plan." in page and 'id="practices"' in page
    assert not PracticeLog.objects.exists()


def test_minutes_are_checked(couple: tuple[User, User]) -> None:
    alice, _ = couple
    client_for(alice).post("/plan/settings/", {"minutes_per_week": "5"})
    assert couple_of(alice).minutes_per_week == 60  # type: ignore[union-attr]
    client_for(alice).post("/plan/settings/", {"minutes_per_week": "90", "paused": "yes"})
    saved = couple_of(alice)
    assert saved is not None and saved.minutes_per_week == 90 and saved.plan_paused


def test_a_saved_setting_is_said_as_a_status_and_a_refusal_as_an_alert(
    couple: tuple[User, User],
) -> None:
    alice, _ = couple
    client = client_for(alice)
    saved = client.post("/plan/settings/", {"minutes_per_week": "90"}, follow=True)
    assert re.search(r'<ul class="messages"><li><div role="status">Saved\.', saved.content.decode())
    refused = client.post("/plan/settings/", {"minutes_per_week": "5"}).content.decode()
    assert re.search(r'<ul class="messages"><li><div role="alert">Minutes per week', refused)


def test_every_cadence_reads_as_words() -> None:
    for practice in default_content().practices:
        assert "_" not in practice.cadence_words, practice.id


@pytest.mark.parametrize("order", ["this week first", "next week first"])
def test_a_weeks_questions_are_not_planned_again_the_week_before_or_after(
    order: str, db: None
) -> None:
    """Partners a day or more apart make next week's plan while this week's last days wait
    unopened (or the other way round): no question may come back days later."""
    this_week = date(2026, 3, 9)
    weeks = [this_week, this_week + timedelta(days=7)]
    for number in range(12):  # repeats came for about one couple in ten
        alice, bob = make_user(f"alice{number}"), make_user(f"bob{number}")
        make_couple(alice, bob)
        couple = couple_of(alice)
        assert couple is not None
        made = weeks if order == "this week first" else weeks[::-1]
        plans = [services.plan_for(couple, week) for week in made]
        first, second = (set(plan.question_ids) for plan in plans)
        assert not first & second, (number, first & second)


def test_a_practice_marked_just_after_midnight_counts_for_the_day_the_page_showed(
    couple: tuple[User, User],
) -> None:
    alice, _ = couple
    User.objects.filter(pk=alice.pk).update(time_zone="Europe/Berlin")
    client = client_for(alice)
    with at(datetime(2026, 3, 15, 23, 58, tzinfo=BERLIN)):  # Sunday evening
        page = client.get("/plan/").content.decode()
    practice = re.findall(r'action="/plan/done/([^/"]+)/"', page)[-1]  # the week's last one
    shown = re.findall(r'name="day" value="([^"]+)"', page)
    assert set(shown) == {"2026-03-15"}
    with at(datetime(2026, 3, 16, 0, 1, tzinfo=BERLIN)):  # sent on Monday
        assert client.post(f"/plan/done/{practice}/", {"day": shown[0]}).status_code == 302
    assert list(PracticeLog.objects.values_list("day", flat=True)) == [date(2026, 3, 15)]


def test_a_page_left_open_for_days_marks_the_practice_done_today(
    couple: tuple[User, User],
) -> None:
    alice, _ = couple
    practice = services.plan_for(couple_of(alice), timezone.localdate()).practice_ids[0]  # type: ignore[arg-type]
    week_ago = (timezone.localdate() - timedelta(days=7)).isoformat()
    client_for(alice).post(f"/plan/done/{practice}/", {"day": week_ago})
    assert list(PracticeLog.objects.values_list("day", flat=True)) == [timezone.localdate()]


def test_a_day_that_is_no_date_is_a_400_naming_it(couple: tuple[User, User]) -> None:
    alice, _ = couple
    practice = services.plan_for(couple_of(alice), timezone.localdate()).practice_ids[0]  # type: ignore[arg-type]
    for not_a_day in ("Sunday", timezone.localdate().strftime("%Y%m%d")):
        response = client_for(alice).post(f"/plan/done/{practice}/", {"day": not_a_day})
        assert response.status_code == 400
        said = html.unescape(response.content.decode())
        assert f"The day '{not_a_day}' is not a date (YYYY-MM-DD)." in said
    assert not PracticeLog.objects.exists()


def test_a_day_after_today_is_a_400_saying_so_and_marks_nothing(couple: tuple[User, User]) -> None:
    alice, _ = couple
    practice = services.plan_for(couple_of(alice), timezone.localdate()).practice_ids[0]  # type: ignore[arg-type]
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client_for(alice).post(f"/plan/done/{practice}/", {"day": tomorrow})
    assert response.status_code == 400
    said = html.unescape(response.content.decode())
    assert f"The day {tomorrow} has not come yet in your time zone." in said
    assert not PracticeLog.objects.exists()


def test_saved_settings_name_the_first_week_whose_plan_is_not_yet_made(
    couple: tuple[User, User],
) -> None:
    alice, _ = couple
    couple_space = couple_of(alice)
    assert couple_space is not None
    client = client_for(alice)
    with at(datetime(2026, 3, 15, 10, 0, tzinfo=BERLIN)):  # Sunday the 15th
        said = client.post("/plan/settings/", {"minutes_per_week": "30"}, follow=True)
        assert "The plan for the week of 16 March will use it." in said.content.decode()
        services.plan_for(couple_space, date(2026, 3, 16))  # a partner far east is in it already
        said = client.post("/plan/settings/", {"minutes_per_week": "40"}, follow=True)
        assert "The plan for the week of 23 March will use it." in said.content.decode()


def test_practices_swapped_by_a_press_are_no_live_region_to_read_them_all_again(
    couple: tuple[User, User],
) -> None:
    alice, _ = couple
    practice = services.plan_for(couple_of(alice), timezone.localdate()).practice_ids[0]  # type: ignore[arg-type]
    done = client_for(alice).post(f"/plan/done/{practice}/", headers={"HX-Request": "true"})
    assert "aria-live" not in done.content.decode()  # focus goes to its "Done today" instead


def test_an_htmx_refusal_on_the_plan_says_why_in_the_fragment(couple: tuple[User, User]) -> None:
    alice, _ = couple
    client = client_for(alice)
    practice = services.plan_for(couple_of(alice), timezone.localdate()).practice_ids[0]  # type: ignore[arg-type]
    htmx = {"HX-Request": "true"}
    done = client.post(f"/plan/done/{practice}/", {"day": "-1"}, headers=htmx)
    minutes = client.post("/plan/settings/", {"minutes_per_week": "٩٠"}, headers=htmx)
    for response in (done, minutes):
        fragment = html.unescape(response.content.decode())
        assert response.status_code == 400 and fragment.lstrip().startswith(
            '<section id="practices"'
        )
        assert '<p class="errorlist" role="alert">' in fragment
    assert "The day '-1' is not a date (YYYY-MM-DD)." in html.unescape(done.content.decode())


def test_a_paused_plan_asks_no_practice_of_either_partner_until_resumed(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    client_for(alice).post("/plan/settings/", {"minutes_per_week": "60", "paused": "yes"})
    page = client_for(bob).get("/plan/").content.decode()
    assert "Mark done today" not in page and "No practices while your plan is paused" in page
    assert call(bob, "GET", "/plan").json()["practices"] == []
    client_for(bob).post("/plan/settings/", {"minutes_per_week": "60"})
    assert "Mark done today" in client_for(alice).get("/plan/").content.decode()


def test_a_pause_from_the_other_tab_is_explained_where_mark_done_was_pressed(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    practice = services.plan_for(couple_of(alice), timezone.localdate()).practice_ids[0]  # type: ignore[arg-type]
    client_for(bob).post("/plan/settings/", {"minutes_per_week": "60", "paused": "yes"})
    done = client_for(alice).post(
        f"/plan/done/{practice}/",
        {"day": timezone.localdate().isoformat()},
        headers={"HX-Request": "true"},
    )
    fragment = done.content.decode()
    assert done.status_code == 200 and "Marked as done. The plan was paused after" in fragment
    assert PracticeLog.objects.filter(user=alice, practice_id=practice).exists()


def test_a_practice_of_one_minute_says_one_minute(couple: tuple[User, User]) -> None:
    from nearer.web.plans.models import WeekPlan

    alice, _ = couple
    week = services.plan_for(couple_of(alice), timezone.localdate())  # type: ignore[arg-type]
    WeekPlan.objects.filter(pk=week.pk).update(practice_ids=["practice.name_it_in_the_moment"])
    page = client_for(alice).get("/plan/").content.decode()
    assert "1 minute ·" in page and "1 minutes" not in page


def test_the_report_suggests_only_practices_a_plan_of_this_week_could_hold(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    screen(alice), screen(bob)
    space = couple_of(alice)
    assert space is not None and space.minutes_per_week == 60
    suggested = services.suggested_practices(alice, space, timezone.localdate())
    assert suggested  # something to try
    assert all(p.weekly_minutes <= 60 and not p.needs_vulnerability for p in suggested)
    every = default_content().practices
    assert any(p.weekly_minutes > 60 for p in every) and any(p.needs_vulnerability for p in every)


@pytest.mark.parametrize("api", [False, True], ids=["page", "api"])
def test_marking_a_practice_done_checks_it_is_in_the_plan_once(
    couple: tuple[User, User], api: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice, _ = couple
    practice = services.plan_for(couple_of(alice), timezone.localdate()).practice_ids[0]  # type: ignore[arg-type]
    seen = services.practices_for
    checks: list[str] = []

    def counted(*args: object, **kwargs: object) -> object:
        checks.append("practices_for")
        return seen(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(services, "practices_for", counted)
    if api:  # and once more for the plan it answers with
        assert call(alice, "POST", f"/plan/practices/{practice}/done").status_code == 200
        assert len(checks) == 2
    else:
        assert client_for(alice).post(f"/plan/done/{practice}/").status_code == 302
        assert len(checks) == 1
    assert PracticeLog.objects.filter(user=alice, practice_id=practice).exists()


def test_a_couples_practices_change_from_week_to_week(couple: tuple[User, User]) -> None:
    space = couple_of(couple[0])
    assert space is not None
    weeks = [date(2026, 8, 3) + timedelta(weeks=week) for week in range(6)]
    sets = [set(services.plan_for(space, week).practice_ids) for week in weeks]
    assert all(this != after for this, after in pairwise(sets)), sets


def test_marking_done_with_htmx_sends_the_months_count_out_of_band(
    couple: tuple[User, User],
) -> None:
    alice, _ = couple
    client_for(alice).get("/plan/")
    practice_id = WeekPlan.objects.get().practice_ids[0]
    response = client_for(alice).post(f"/plan/done/{practice_id}/", headers={"HX-Request": "true"})
    page = response.content.decode()
    assert '<span id="days-practised" hx-swap-oob="true">Practised on 1 day' in page
    full = client_for(alice).get("/plan/").content.decode()
    assert '<span id="days-practised">Practised on 1 day this month.</span>' in full
    assert "hx-swap-oob" not in full  # the whole page has the count once, in place
