"""The list of earlier questions: only days that have come for the person reading it."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import DEFAULT_DB_ALIAS
from django.utils import timezone

from nearer.content.loader import default_content
from nearer.web.accounts.models import User
from nearer.web.couples.models import Membership
from nearer.web.couples.services import couple_of
from nearer.web.daily.models import DailyQuestion
from tests.web.api.conftest import call
from tests.web.conftest import client_for
from tests.web.seeds import make_checkin


def test_history_never_lists_a_day_a_partner_in_a_later_time_zone_has_reached(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    # UTC+14 and UTC-11: always a day or two apart, whatever the time.
    User.objects.filter(pk=alice.pk).update(time_zone="Pacific/Kiritimati")
    User.objects.filter(pk=bob.pk).update(time_zone="Pacific/Pago_Pago")
    client_for(alice).get("/daily/today/")
    alices_today = DailyQuestion.objects.get().day.isoformat()
    client_for(bob).get("/daily/today/")
    bobs_today = DailyQuestion.objects.exclude(day=alices_today).get().day.isoformat()

    page = client_for(bob).get("/daily/history/").content.decode()
    assert f"/daily/day/{alices_today}/" not in page and f"/daily/day/{bobs_today}/" in page
    listed = [day["day"] for day in call(bob, "GET", "/daily/history").json()]
    assert listed == [bobs_today]
    assert (
        f"/daily/day/{alices_today}/" in client_for(alice).get("/daily/history/").content.decode()
    )


def opened(user: User, count: int) -> list[date]:
    """The `count` days up to today opened in the person's couple space, newest first, the
    partners there since before the first of them."""
    space, today = couple_of(user), timezone.localdate()
    since = timezone.now() - timedelta(days=count + 1)
    Membership.objects.filter(couple=space).update(joined_at=since)
    question = default_content().questions[0].id
    found = [today - timedelta(days=back) for back in range(count)]
    for day in found:
        DailyQuestion.objects.create(couple=space, day=day, question_id=question)
    return found


def listed_days(page: str, opened_days: list[date]) -> list[date]:
    return [day for day in opened_days if f"/daily/day/{day.isoformat()}/" in page]


def test_earlier_questions_go_back_past_sixty_days_a_page_at_a_time(
    couple: tuple[User, User],
) -> None:
    alice, _ = couple
    days = opened(alice, 70)
    client = client_for(alice)
    first = client.get("/daily/history/").content.decode()
    assert listed_days(first, days) == days[:60]
    assert f'href="?before={days[59].isoformat()}"' in first
    second = client.get(f"/daily/history/?before={days[59].isoformat()}").content.decode()
    assert listed_days(second, days) == days[60:] and 'rel="next"' not in second


def test_earlier_questions_before_a_day_that_is_not_one_is_a_400_naming_it(alice: User) -> None:
    response = client_for(alice).get("/daily/history/?before=20260105")
    assert response.status_code == 400
    assert "before: not a day" in response.content.decode()


def test_the_api_pages_history_and_check_ins_with_before(couple: tuple[User, User]) -> None:
    alice, _ = couple
    days = opened(alice, 5)
    for day in days:
        make_checkin(DEFAULT_DB_ALIAS, alice, day)
    for path in ("/daily/history?limit=2", "/checkins?limit=2"):
        first = [row["day"] for row in call(alice, "GET", path).json()]
        assert first == [d.isoformat() for d in days[:2]]
        after = call(alice, "GET", f"{path}&before={first[-1]}").json()
        assert [row["day"] for row in after] == [d.isoformat() for d in days[2:4]]


def test_the_api_refuses_a_before_that_is_not_a_day(alice: User) -> None:
    for path in ("/daily/history?before=5%20Aug", "/checkins?before=20260105"):
        response = call(alice, "GET", path)
        assert response.status_code == 422 and response.json()["field"] == "before"
