"""The list of earlier questions: only days that have come for the person reading it."""

from __future__ import annotations

from nearer.web.accounts.models import User
from nearer.web.daily.models import DailyQuestion
from tests.web.api.conftest import call
from tests.web.conftest import client_for


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
