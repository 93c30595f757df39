"""Bad input gets a clear JSON error that names the field, never a 500, and keeps what was saved."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import Client

from nearer.web.accounts.models import User
from nearer.web.api.errors import UNKNOWN_PARAMETER, field_name
from nearer.web.daily.forms import NOT_OPEN_HERE
from nearer.web.daily.models import CheckIn
from tests.web.api.conftest import API, CHECKIN, answers_for, call, take, today
from tests.web.conftest import PASSWORD, client_for


def test_a_body_that_is_not_json_is_a_400(couple: tuple[User, User]) -> None:
    alice, _ = couple
    response = client_for(alice).generic(
        "PUT", f"{API}/checkins/{today()}", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "The body is not JSON: Expecting property name enclosed in double quotes at line 1, "
        "column 2."
    )


@pytest.mark.parametrize(
    ("sent", "said"),
    [("[]", "an array"), ("5", "a number"), ("null", "null"), ('"x"', "a string")],
)
def test_json_that_is_no_object_is_a_400_saying_what_it_is(
    alice: User, sent: str, said: str
) -> None:
    before = call(alice, "GET", "/me").json()
    response = client_for(alice).generic(
        "PATCH", f"{API}/me", sent, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["detail"] == f"The body must be a JSON object ({{...}}), not {said}."
    assert call(alice, "GET", "/me").json() == before


def test_a_body_that_is_not_utf8_is_a_400_naming_the_byte(alice: User) -> None:
    response = client_for(alice).generic(
        "PATCH", f"{API}/me", b'{"display_name": "\xff"}', content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "The body is not JSON: byte 18 is not UTF-8 text."


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [
        ("PATCH", "/me", {"display_name": None}, "display_name"),
        ("PATCH", "/me", {"display_name": "Al", "time_zone": None}, "time_zone"),
        ("PATCH", "/plan/settings", {"minutes_per_week": None}, "minutes_per_week"),
        ("POST", "/tokens", {"name": "phone", "password": None}, "password"),
        ("POST", "/daily/{day}/answer", {"text": None}, "text"),
    ],
)
def test_a_field_sent_as_null_is_a_422_naming_it_and_changes_nothing(
    couple: tuple[User, User], method: str, path: str, body: dict[str, object], field: str
) -> None:
    alice, _ = couple
    before = call(alice, "GET", "/me").json(), call(alice, "GET", "/plan").json()
    error = _shape(call(alice, method, path.format(day=today()), body), 422, field)
    assert error["detail"] == f"{field}: null is no value here: send one, or leave the field out"
    assert (call(alice, "GET", "/me").json(), call(alice, "GET", "/plan").json()) == before


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


LONE_SURROGATE = '"\\ud800x"'  # valid JSON, but no UTF-8 text can carry it


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [
        ("POST", "/daily/{day}/answer", '{"text": %s}', "text"),
        ("POST", "/daily/{day}/respond", '{"thank": true, "reply": %s}', "reply"),
        ("PATCH", "/me", '{"display_name": %s}', "display_name"),
        ("DELETE", "/me", '{"password": %s, "confirm": "delete my account"}', "password"),
        ("POST", "/couple/join", '{"code": %s}', "code"),
        ("POST", "/tokens", '{"name": %s}', "name"),
        ("PUT", "/checkins/{day}", '{"note": %s}', "note"),
        ("POST", "/assessments/instruments/profile/runs", '{"answers": {"a": 1, %s: 3}}', None),
    ],
)
def test_a_lone_surrogate_in_any_string_is_a_422_naming_its_field(
    couple: tuple[User, User], method: str, path: str, body: str, field: str | None
) -> None:
    alice, _ = couple
    for person in couple:
        call(person, "POST", f"/daily/{today()}/answer", {"text": "ok"})
    response = client_for(alice).generic(
        method,
        API + path.format(day=today()),
        (body % LONE_SURROGATE).encode(),
        content_type="application/json",
    )
    assert response.status_code == 422, response.content
    error = response.json()
    expected = field or "answers.?x"  # a key is named with the character replaced
    assert error["field"] == expected and error["detail"].startswith(f"{expected}: ")
    assert error["errors"][0]["type"] == "string_unicode"
    assert User.objects.filter(pk=alice.pk).exists()  # the DELETE deleted nothing


@pytest.mark.parametrize(("method", "path"), [("POST", "/me"), ("PUT", "/plan/settings")])
def test_a_method_a_path_does_not_take_is_a_405_in_the_error_shape(
    alice: User, method: str, path: str
) -> None:
    response = call(alice, method, path, {})
    assert response.status_code == 405 and response["Content-Type"].startswith("application/json")
    assert response.json()["field"] is None and method in response.json()["detail"]
    assert response["Allow"]


def test_private_text_sent_while_the_key_is_not_open_is_a_403_naming_the_field(
    alice: User,
) -> None:
    without_key = Client()
    without_key.force_login(alice)  # a session, but its nearer_vault cookie did not come
    response = call(alice, "PUT", f"/checkins/{today()}", CHECKIN, client=without_key)
    assert response.status_code == 403
    assert response.json()["field"] == "emotion_words"  # the first private field in the body
    assert not CheckIn.objects.exists()


def test_a_note_locked_only_because_the_key_is_not_open_here_says_so(alice: User) -> None:
    call(alice, "PUT", f"/checkins/{today()}", CHECKIN)
    without_key = Client()
    without_key.force_login(alice)
    read = call(alice, "GET", f"/checkins/{today()}", client=without_key).json()
    assert read["note"] == NOT_OPEN_HERE and "password reset" not in read["note"]
    assert read["emotion_words"] == []  # not the lock's sentence cut into words
    assert call(alice, "GET", f"/checkins/{today()}").json()["note"] == "private words"


def test_a_save_that_would_replace_locked_private_text_names_that_field(alice: User) -> None:
    call(alice, "PUT", f"/checkins/{today()}", CHECKIN)
    without_key = Client()
    without_key.force_login(alice)
    plain = {**CHECKIN, "emotion_words": [], "note": "", "appreciation": "", "need": ""}
    response = call(alice, "PUT", f"/checkins/{today()}", plain, client=without_key)
    assert response.status_code == 403 and response.json()["field"] is not None
    assert call(alice, "GET", f"/checkins/{today()}").json()["note"] == "private words"


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("PATCH", "/me", {"time_zone": "Mars/Olympus"}),
        ("PUT", "/checkins/{day}", {**CHECKIN, "note": "a\u0000b"}),
        ("PUT", "/checkins/{day}", {**CHECKIN, "emotion_words": ["calm", "calm"]}),
        ("POST", "/daily/{day}/answer", {"text": "x" * 4001}),
        ("POST", "/couple/join", {"code": "   "}),
    ],
)
def test_every_422_of_nearers_own_checks_lists_its_errors(
    couple: tuple[User, User], method: str, path: str, body: dict[str, object]
) -> None:
    response = call(couple[0], method, path.format(day=today()), body)
    assert response.status_code == 422
    listed = response.json()["errors"]
    assert listed and listed[0]["loc"][:2] == ["body", "payload"]
    assert response.json()["field"] == listed[0]["loc"][2]


def _shape(response: HttpResponse, status: int, field: str | None) -> dict[str, object]:
    """The one error shape: `field` always, `errors` with a 422 only, no key set to null."""
    body: dict[str, object] = response.json()
    assert (response.status_code, body["field"]) == (status, field), body
    assert {"detail", "field"} <= set(body) <= {"detail", "field", "errors", "choices"}
    assert ("errors" in body) == (status == 422), body
    assert all(value is not None for key, value in body.items() if key != "field"), body
    return body


@pytest.mark.parametrize(
    ("path", "body", "status", "field"),
    [
        ("/daily/{day}/respond", {"reply": "one\ntwo"}, 422, "reply"),  # was a 400, no field
        ("/daily/{day}/respond", {"reply": "x" * 281}, 422, "reply"),
        ("/daily/{day}/respond", {"reply": " "}, 422, None),  # neither a thank-you nor a reply
        ("/daily/{day}/answer", {"text": "changed"}, 400, "day"),  # was named `text`
        ("/daily/{day}/answer", {"text": " "}, 422, "text"),  # was a 400
        ("/daily/{day}/pass", None, 400, "day"),
        ("/daily/2999-01-01/answer", {"text": "later"}, 400, "day"),
    ],
)
def test_the_same_kind_of_refusal_has_the_same_status_and_names_its_field(
    couple: tuple[User, User], path: str, body: object, status: int, field: str | None
) -> None:
    """A field's value that could never be taken is a 422 naming it; a rule of the day (here:
    both have answered) is a 400 naming the day, never a field of the body."""
    for person in couple:
        call(person, "POST", f"/daily/{today()}/answer", {"text": "ok"})
    _shape(call(couple[0], "POST", path.format(day=today()), body), status, field)


def test_a_429_leaves_out_the_keys_that_do_not_apply(alice: User) -> None:
    wrong = {"name": "phone", "password": "not the right passphrase"}
    for _ in range(5):
        call(alice, "POST", "/tokens", wrong)
    paused = call(alice, "POST", "/tokens", {**wrong, "password": PASSWORD})
    assert _shape(paused, 429, "password")["detail"].startswith("password: Too many")
    refused = call(alice, "DELETE", "/me", {"password": PASSWORD, "confirm": "delete my account"})
    _shape(refused, 429, "password")


@pytest.mark.parametrize(
    ("answers", "status", "field"),
    [
        ({}, 422, "answers"),
        ("all", 400, "instrument_id"),  # a retake too soon: was named `answers`
    ],
)
def test_an_assessment_names_the_instrument_for_a_retake_and_answers_for_none(
    alice: User, answers: object, status: int, field: str
) -> None:
    take(alice, "profile", 5)
    body = {"answers": answers_for("profile", 4) if answers == "all" else answers}
    _shape(call(alice, "POST", "/assessments/instruments/profile/runs", body), status, field)


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/plan/settings", {"minutes_per_wek": 90}, "minutes_per_wek"),
        ("/me", {"display_name": "Al", "timezone": "Europe/Berlin"}, "timezone"),
    ],
)
def test_a_misspelt_field_is_a_422_naming_it_and_changes_nothing(
    couple: tuple[User, User], path: str, body: dict[str, object], field: str
) -> None:
    alice, _ = couple
    before = call(alice, "GET", path.removesuffix("/settings")).json()
    error = _shape(call(alice, "PATCH", path, body), 422, field)
    assert error["detail"] == f"{field}: is not a field this takes; check its spelling"
    assert call(alice, "GET", path.removesuffix("/settings")).json() == before


@pytest.mark.parametrize(
    ("method", "path", "parameter"),
    [
        ("GET", "/daily/history?limit=5&limt=5", "limt"),  # beside the parameters it takes
        ("GET", "/me?page=2", "page"),  # a parameter of another operation
        ("HEAD", "/checkins?befor=2026-01-01", "befor"),
        ("PATCH", "/plan/settings?minutes_per_week=90", "minutes_per_week"),  # not in the body
    ],
)
def test_an_unknown_query_parameter_is_a_422_naming_it_and_changes_nothing(
    couple: tuple[User, User], method: str, path: str, parameter: str
) -> None:
    alice, _ = couple
    before = call(alice, "GET", "/plan").json()
    response = call(alice, method, path, {} if method == "PATCH" else None)
    if method == "HEAD":
        assert response.status_code == 422
        return
    error = _shape(response, 422, parameter)
    assert error["detail"] == f"{parameter}: {UNKNOWN_PARAMETER}"
    assert error["errors"][0]["loc"] == ["query", parameter]
    assert call(alice, "GET", "/plan").json() == before


def test_the_query_parameters_an_operation_takes_still_work(couple: tuple[User, User]) -> None:
    alice, _ = couple
    assert call(alice, "GET", "/daily/history?limit=5").status_code == 200
    assert call(alice, "GET", "/me/activity?page=1").status_code == 200


def test_an_unknown_query_parameter_without_sign_in_is_still_a_401() -> None:
    assert Client().get(f"{API}/me?nosuch=1").status_code == 401


def test_a_body_over_the_limit_is_a_413_in_the_error_shape(alice: User) -> None:
    response = call(alice, "PATCH", "/me", {"display_name": "x" * (300 * 1024)})
    assert "256 KB" in _shape(response, 413, None)["detail"]
    assert response["Connection"] == "close"  # the rest of the body is left unread


def test_head_answers_as_get_without_a_body(alice: User) -> None:
    client = client_for(alice)
    got = call(alice, "GET", "/me", client=client)
    head = call(alice, "HEAD", "/me", client=client)
    assert head.status_code == 200 and head.content == b""
    assert head["Content-Type"] == got["Content-Type"]
    assert head["Content-Length"] == str(len(got.content))


def test_head_is_refused_where_get_is_and_allowed_beside_get(alice: User) -> None:
    refused = call(alice, "HEAD", "/couple/join")
    assert refused.status_code == 405 and refused["Allow"] == "POST"
    allowed = call(alice, "POST", "/me", {})["Allow"].split(", ")
    assert sorted(allowed) == ["DELETE", "GET", "HEAD", "PATCH"]
