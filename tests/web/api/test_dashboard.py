"""The dashboard over JSON: my own trends, what my partner shared, the next step."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from nearer.web.accounts.models import User
from tests.web.api.conftest import CHECKIN, call, today


def test_my_trends_come_from_my_own_check_ins(couple: tuple[User, User]) -> None:
    alice, bob = couple
    for back in range(3):
        day = (timezone.localdate() - timedelta(days=back)).isoformat()
        call(alice, "PUT", f"/checkins/{day}", {**CHECKIN, "closeness": 3 + back})
    call(bob, "PUT", f"/checkins/{today()}", {**CHECKIN, "closeness": 1})
    board = call(alice, "GET", "/dashboard").json()
    measures = {m["name"]: m for m in board["measures"]}
    assert set(measures) == {"closeness", "responsiveness", "mood", "stress"}
    closeness = measures["closeness"]
    assert [p["value"] for p in closeness["points"]] == [5.0, 4.0, 3.0]  # oldest first
    assert closeness["recent"] == 4.0 and closeness["baseline"] is None
    assert closeness["direction"] == "usual" and (closeness["low"], closeness["high"]) == (1, 7)
    assert board["checked_in_today"] is True and board["checkin_count"] == 3


def test_the_dashboard_shows_what_my_partner_shared_and_nothing_else(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    call(bob, "PUT", f"/checkins/{today()}", CHECKIN)
    call(
        bob,
        "PUT",
        f"/checkins/{yesterday}",
        {**CHECKIN, "appreciation": "unsaid", "appreciation_shared": False},
    )
    board = call(alice, "GET", "/dashboard")
    assert board.json()["appreciations"] == [{"day": today(), "text": "You made tea."}]
    assert "unsaid" not in board.content.decode() and "private words" not in board.content.decode()


def test_the_next_step_starts_with_the_private_safety_check(alice: User) -> None:
    step = call(alice, "GET", "/dashboard").json()["next_step"]
    assert step == {"text": "Take your private safety check", "url": "/assessments/safety/take/"}
