"""Signing in to the API: a personal token, or the session with its CSRF check."""

from __future__ import annotations

import zoneinfo
from datetime import datetime

from django.test import Client

from nearer.web.accounts.models import User
from nearer.web.api import tokens
from nearer.web.api.models import Token
from tests.web.api.conftest import API, CHECKIN, call
from tests.web.conftest import PASSWORD


def test_a_token_signs_in_without_a_session(alice: User) -> None:
    _, key = tokens.issue(alice, "phone")
    response = call(None, "GET", "/me", token=key)
    assert response.status_code == 200 and response.json()["email"] == "alice@example.org"


def test_a_token_needs_no_csrf_token_for_unsafe_requests(alice: User) -> None:
    _, key = tokens.issue(alice, "phone")
    strict = Client(enforce_csrf_checks=True)
    body = {"name": "second", "password": PASSWORD}
    response = call(None, "POST", "/tokens", body, token=key, client=strict)
    assert response.status_code == 201


def test_a_revoked_token_is_refused(alice: User) -> None:
    token, key = tokens.issue(alice, "phone")
    assert call(alice, "DELETE", f"/tokens/{token.pk}").status_code == 200
    response = call(None, "GET", "/me", token=key)
    assert response.status_code == 401 and "revoked" in response.json()["detail"]


def test_an_unknown_or_malformed_token_is_refused(db: None) -> None:
    for key in ("nearer_not-a-real-key", "something-else", ""):
        assert call(None, "GET", "/me", token=key).status_code == 401, key


def test_a_wrong_token_is_refused_even_alongside_a_session(alice: User) -> None:
    response = call(alice, "GET", "/me", token="nearer_wrong")
    assert response.status_code == 401


def test_the_token_of_a_deactivated_person_is_refused(alice: User) -> None:
    _, key = tokens.issue(alice, "phone")
    User.objects.filter(pk=alice.pk).update(is_active=False)
    assert call(None, "GET", "/me", token=key).status_code == 401


def test_token_use_is_recorded_at_most_once_a_minute(alice: User) -> None:
    token, key = tokens.issue(alice, "phone")
    call(None, "GET", "/me", token=key)
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    call(None, "GET", "/me", token=key)
    token.refresh_from_db()
    assert token.last_used_at == first
    Token.objects.filter(pk=token.pk).update(last_used_at=first - tokens.TOUCH_EVERY)
    call(None, "GET", "/me", token=key)
    token.refresh_from_db()
    assert token.last_used_at is not None and token.last_used_at > first


def test_with_a_token_today_is_the_persons_own_today(couple: tuple[User, User]) -> None:
    alice, _ = couple
    zone = "Pacific/Kiritimati"  # UTC+14: from 10:00 UTC its today is UTC's tomorrow
    User.objects.filter(pk=alice.pk).update(time_zone=zone)
    _, key = tokens.issue(alice, "phone")
    today_there = datetime.now(zoneinfo.ZoneInfo(zone)).date().isoformat()
    assert call(None, "PUT", f"/checkins/{today_there}", CHECKIN, token=key).status_code == 200
    assert call(None, "GET", "/dashboard", token=key).json()["checked_in_today"] is True
    assert call(None, "GET", "/daily/today", token=key).json()["day"] == today_there


def test_anonymous_requests_are_401(db: None) -> None:
    response = Client().get(f"{API}/me")
    assert response.status_code == 401 and response.json()["detail"] == "Unauthorized"


def test_an_unsafe_request_with_neither_token_nor_session_is_a_401_not_a_csrf_403(
    db: None,
) -> None:
    response = Client(enforce_csrf_checks=True).patch(
        f"{API}/me", {"display_name": "x"}, content_type="application/json"
    )
    assert response.status_code == 401 and response["WWW-Authenticate"] == 'Bearer realm="nearer"'


def test_a_session_request_without_a_csrf_token_is_refused_and_saves_nothing(alice: User) -> None:
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(alice)
    response = call(alice, "POST", "/tokens", {"name": "sneaky"}, client=strict)
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    assert not Token.objects.exists()


def test_a_session_request_with_the_csrf_token_from_get_me_is_accepted(alice: User) -> None:
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(alice)
    assert call(alice, "GET", "/me", client=strict).status_code == 200
    csrf = strict.cookies["csrftoken"].value
    response = strict.post(
        f"{API}/tokens",
        {"name": "browser"},
        content_type="application/json",
        headers={"X-CSRFToken": csrf},
    )
    assert response.status_code == 201


def test_safe_session_requests_need_no_csrf_token(alice: User) -> None:
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(alice)
    assert call(alice, "GET", "/tokens", client=strict).status_code == 200


def test_a_401_asks_for_a_bearer_token(db: None) -> None:
    anonymous = Client().get(f"{API}/me")
    assert anonymous.status_code == 401 and anonymous["WWW-Authenticate"] == 'Bearer realm="nearer"'
    revoked = call(None, "GET", "/me", token="nearer_not-a-token")
    assert revoked.status_code == 401
    assert revoked["WWW-Authenticate"] == 'Bearer realm="nearer", error="invalid_token"'
