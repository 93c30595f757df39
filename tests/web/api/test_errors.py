"""Bad input gets a clear JSON error that names the field, never a 500, and keeps what was saved."""

from __future__ import annotations

from django.test import Client

from nearer.web.accounts.models import User
from nearer.web.api.errors import field_name
from nearer.web.daily.models import CheckIn
from tests.web.api.conftest import API, CHECKIN, call, today
from tests.web.conftest import client_for


def test_a_body_that_is_not_json_is_a_400(couple: tuple[User, User]) -> None:
    alice, _ = couple
    response = client_for(alice).generic(
        "PUT", f"{API}/checkins/{today()}", "{not json", content_type="application/json"
    )
    assert response.status_code == 400 and response.json()["detail"] == "Cannot parse request body"


def test_a_missing_body_names_the_body(alice: User) -> None:
    response = call(alice, "PUT", f"/checkins/{today()}")
    assert response.status_code == 422 and response.json()["field"] == "body"


def test_a_validation_error_lists_every_invalid_field(alice: User) -> None:
    call(alice, "PUT", f"/checkins/{today()}", CHECKIN)
    body = {**CHECKIN, "closeness": 0, "stress": 9}
    error = call(alice, "PUT", f"/checkins/{today()}", body).json()
    assert error["detail"] == "closeness: Input should be greater than or equal to 1"
    assert [e["loc"][-1] for e in error["errors"]] == ["closeness", "stress"]
    assert CheckIn.objects.get(user=alice).stress == CHECKIN["stress"]


def test_a_bad_query_parameter_is_named(couple: tuple[User, User]) -> None:
    alice, _ = couple
    response = call(alice, "GET", "/daily/history?limit=0")
    assert response.status_code == 422 and response.json()["field"] == "limit"


def test_an_unknown_route_is_a_plain_404(alice: User) -> None:
    response = call(alice, "GET", "/nothing-here")
    assert response.status_code == 404


def test_a_wrong_method_is_refused_without_a_500(alice: User) -> None:
    response = Client().delete(f"{API}/me/export")
    assert response.status_code == 405


def test_field_names_drop_the_location_and_the_body_parameter() -> None:
    assert field_name(["body", "payload", "closeness"]) == "closeness"
    assert (
        field_name(["body", "payload", "answers", "profile.emotional.01"])
        == "answers.profile.emotional.01"
    )
    assert field_name(["body", "payload"]) == "body"
    assert field_name(["path", "day"]) == "day"
    assert field_name(["query", "limit"]) == "limit"


def test_a_day_long_ago_is_refused_by_name_not_a_500(couple: tuple[User, User]) -> None:
    alice, _ = couple
    for path in ("/daily/0001-01-01", "/checkins/0001-01-01"):
        response = call(alice, "GET", path)
        assert response.status_code == 400 and response.json()["field"] == "day", path
