"""The signed-in person: read, rename, change time zone, with the browser's validation."""

from __future__ import annotations

from nearer.web.accounts.models import User
from tests.web.api.conftest import call


def test_me_shows_who_i_am(alice: User) -> None:
    me = call(alice, "GET", "/me").json()
    assert me == {
        "id": alice.pk,
        "email": "alice@example.org",
        "display_name": "Alice",
        "time_zone": "UTC",
    }


def test_display_name_and_time_zone_can_change_one_at_a_time(alice: User) -> None:
    call(alice, "PATCH", "/me", {"time_zone": "Europe/Berlin"})
    changed = call(alice, "PATCH", "/me", {"display_name": "Ali"}).json()
    assert changed["display_name"] == "Ali" and changed["time_zone"] == "Europe/Berlin"
    alice.refresh_from_db()
    assert (alice.display_name, alice.time_zone) == ("Ali", "Europe/Berlin")


def test_an_unknown_time_zone_is_refused_naming_it_and_nothing_changes(alice: User) -> None:
    response = call(alice, "PATCH", "/me", {"display_name": "Ali", "time_zone": "Mars/Base"})
    assert response.status_code == 422
    assert response.json()["field"] == "time_zone"
    assert "Mars/Base" in response.json()["detail"]
    alice.refresh_from_db()
    assert (alice.display_name, alice.time_zone) == ("Alice", "UTC")


def test_a_blank_or_overlong_display_name_is_refused(alice: User) -> None:
    for name in ("", "x" * 61):
        response = call(alice, "PATCH", "/me", {"display_name": name})
        assert response.status_code == 422 and response.json()["field"] == "display_name"
    alice.refresh_from_db()
    assert alice.display_name == "Alice"
