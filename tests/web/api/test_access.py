"""Every API route as owner (alice), partner (bob), stranger (carol) and anonymous: one table row
per route, filled with alice's objects; and no route in the OpenAPI document without a row."""

from __future__ import annotations

import pytest
from django.test import Client

from nearer.web.accounts.models import User
from tests.web.api.conftest import API, CHECKIN, World, answers_for, call, today
from tests.web.conftest import client_for

ROLES = ("owner", "partner", "stranger", "anonymous")
NO = 401  # anonymous: always refused
PROFILE = {"answers": answers_for("profile", 4)}

# (method, OpenAPI path): (body, owner, partner, stranger, anonymous). Placeholders are filled
# with alice's objects (World.fill); the partner and the stranger ask for those same objects.
ACCESS: dict[tuple[str, str], tuple[object, int, int, int, int]] = {
    ("GET", "/me"): (None, 200, 200, 200, NO),
    ("PATCH", "/me"): ({"display_name": "Renamed"}, 200, 200, 200, NO),
    ("GET", "/me/export"): (None, 200, 200, 200, NO),  # each gets their own data only
    ("GET", "/couple"): (None, 200, 200, 200, NO),
    ("POST", "/couple"): (None, 400, 400, 400, NO),  # everyone is in a couple space already
    ("POST", "/couple/invitations"): (None, 400, 400, 201, NO),  # alice and bob are two
    ("POST", "/couple/join"): ({"code": "AAAA-BBBB-CCCC"}, 400, 400, 400, NO),
    ("POST", "/couple/leave"): ({"confirm": True}, 200, 200, 200, NO),
    ("GET", "/daily/today"): (None, 200, 200, 200, NO),
    ("GET", "/daily/history"): (None, 200, 200, 200, NO),
    ("GET", "/daily/{day}"): (None, 200, 200, 200, NO),
    # alice and bob have both answered today, so their answers are kept as shared
    ("POST", "/daily/{day}/answer"): ({"text": "changed"}, 400, 400, 200, NO),
    ("POST", "/daily/{day}/pass"): (None, 400, 400, 200, NO),
    ("POST", "/daily/{day}/respond"): ({"thank": True}, 200, 200, 400, NO),
    ("GET", "/checkins"): (None, 200, 200, 200, NO),
    ("GET", "/checkins/partner"): (None, 200, 200, 200, NO),
    ("GET", "/checkins/{day}"): (None, 200, 404, 404, NO),
    ("PUT", "/checkins/{day}"): (CHECKIN, 200, 200, 200, NO),
    ("GET", "/assessments/instruments"): (None, 200, 200, 200, NO),
    ("GET", "/assessments/instruments/{instrument_id}"): (None, 200, 200, 200, NO),
    ("POST", "/assessments/instruments/{instrument_id}/runs"): (PROFILE, 400, 201, 201, NO),
    ("GET", "/assessments/instruments/{instrument_id}/history"): (None, 200, 200, 200, NO),
    ("GET", "/assessments/scores"): (None, 200, 200, 200, NO),
    ("GET", "/assessments/safety"): (None, 200, 200, 200, NO),
    ("GET", "/assessments/report"): (None, 200, 200, 200, NO),
    ("GET", "/plan"): (None, 200, 200, 200, NO),
    ("POST", "/plan/practices/{practice_id}/done"): (None, 200, 200, 404, NO),
    ("PATCH", "/plan/settings"): ({"minutes_per_week": 90}, 200, 200, 200, NO),
    ("GET", "/dashboard"): (None, 200, 200, 200, NO),
    ("GET", "/tokens"): (None, 200, 200, 200, NO),
    ("POST", "/tokens"): ({"name": "laptop"}, 201, 201, 201, NO),
    ("DELETE", "/tokens/{token_id}"): (None, 200, 404, 404, NO),
}
CASES = [
    pytest.param(method, path, role, id=f"{method} {path} as {role}")
    for method, path in ACCESS
    for role in ROLES
]


def person(world: World, role: str) -> User | None:
    return {"owner": world.alice, "partner": world.bob, "stranger": world.carol}.get(role)


@pytest.mark.parametrize(("method", "path", "role"), CASES)
def test_each_route_answers_each_role_as_its_row_says(
    world: World, method: str, path: str, role: str
) -> None:
    body, *expected = ACCESS[(method, path)]
    response = call(person(world, role), method, world.fill(path), body)
    assert response.status_code == expected[ROLES.index(role)], response.content
    assert response["Content-Type"] == "application/json; charset=utf-8"


def test_every_route_in_the_openapi_document_has_an_access_row(db: None) -> None:
    document = Client().get(f"{API}/openapi.json").json()
    routes = {
        (method.upper(), path.removeprefix(API))
        for path, operations in document["paths"].items()
        for method in operations
    }
    assert routes - set(ACCESS) == set(), "add a row to ACCESS for each new route"
    assert set(ACCESS) - routes == set(), "remove the rows of routes that are gone"


CANARIES = {
    "answer": "canary-daily-answer-7f3a",
    "note": "canary-private-note-91c2",
    "appreciation": "canary-unshared-appreciation-5d1e",
    "need": "canary-unshared-need-b8e0",
}


def test_no_private_entry_of_alice_reaches_bob_carol_or_anyone(
    couple: tuple[User, User], carol: User
) -> None:
    alice, bob = couple
    private = {
        **CHECKIN,
        "note": CANARIES["note"],
        "appreciation": CANARIES["appreciation"],
        "appreciation_shared": False,
        "need": CANARIES["need"],
        "need_shared": False,
    }
    call(alice, "PUT", f"/checkins/{today()}", private)
    call(alice, "POST", f"/daily/{today()}/answer", {"text": CANARIES["answer"]})
    call(
        alice, "POST", "/assessments/instruments/safety/runs", {"answers": answers_for("safety", 5)}
    )
    reads = [path for method, path in ACCESS if method == "GET"]

    def everything(user: User | None) -> str:
        client = client_for(user)
        return "".join(
            call(
                user, "GET", path.format(day=today(), instrument_id="profile"), client=client
            ).content.decode()
            for path in reads
        )

    mine = everything(alice)
    assert all(canary in mine for canary in CANARIES.values())
    assert '"concern": true' in mine
    for viewer in (bob, carol, None):
        seen = everything(viewer)
        assert not [canary for canary in CANARIES.values() if canary in seen], viewer
        assert '"concern": true' not in seen and "Find A Helpline" not in seen
