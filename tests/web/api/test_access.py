"""Every API operation, read from the OpenAPI document, as owner (alice), partner (bob), stranger
(carol, in her own couple space with dan) and anonymous; then alice again with bob's and carol's
ids swapped into the path, the query string and the JSON body. No operation without a row; no
response with a canary its reader may not see; no request that changes anyone else's rows.

A row's placeholders are filled with alice's objects, and the partner and the stranger ask for
those same ones. `swap` gives alice's statuses with bob's and with carol's objects in the path.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest
from django.http import HttpResponse
from django.test import Client

from nearer.web.accounts.models import User
from tests.web.access_matrix import checked, client_as, with_ids
from tests.web.api.conftest import API, CHECKIN, answers_for
from tests.web.canaries import ROLES, Cast, Person, make_cast
from tests.web.conftest import PASSWORD, client_for

Statuses = tuple[int, int, int, int]  # owner, partner, stranger, anonymous
PROFILE = {"answers": answers_for("profile", 4)}
OWN = (200, 200, 200, 401)  # each gets their own; anonymous is refused
REFUSED = (400, 400, 400, 401)  # the rules refuse it (alice and bob are two, carol and dan too)
THEIRS = (404, 404)  # alice, with bob's and then carol's object in the path: not found
#: Body fields or query parameters an operation does not take, such as someone's ids, are refused.
UNKNOWN_FIELDS = 422


@dataclass(frozen=True)
class Row:
    expect: Statuses
    body: object = None
    swap: tuple[int, int] | None = None  # alice with bob's, with carol's object in the path


ACCESS: dict[tuple[str, str], Row] = {
    ("GET", "/me"): Row(OWN),
    ("PATCH", "/me"): Row(OWN, {"display_name": "Renamed"}),
    ("DELETE", "/me"): Row(OWN, {"password": PASSWORD, "confirm": "delete my account"}),
    ("GET", "/me/export"): Row(OWN),  # each gets their own data only
    ("GET", "/me/export/zip"): Row(OWN),
    ("GET", "/me/activity"): Row(OWN),  # each reads their own lines only
    ("GET", "/couple"): Row(OWN),
    ("POST", "/couple"): Row(REFUSED),  # everyone is in a couple space already
    ("POST", "/couple/invitations"): Row(REFUSED),
    ("POST", "/couple/join"): Row(REFUSED, {"code": "{code}"}),
    ("POST", "/couple/leave"): Row(OWN, {"confirm": True}),
    ("GET", "/daily/today"): Row(OWN),
    ("GET", "/daily/history"): Row(OWN),
    # a day is always a day of one's own couple space, whoever's entries it holds elsewhere
    ("GET", "/daily/{day}"): Row(OWN, swap=(200, 200)),
    ("POST", "/daily/{day}/answer"): Row(OWN, {"text": "mine"}, (200, 200)),
    ("POST", "/daily/{day}/pass"): Row(OWN, swap=(200, 200)),
    # alice answered her day, bob did not: nothing to respond to yet, for anyone
    ("POST", "/daily/{day}/respond"): Row(REFUSED, {"thank": True}, (400, 400)),
    ("GET", "/checkins"): Row(OWN),
    ("GET", "/checkins/partner"): Row(OWN),
    ("GET", "/checkins/{day}"): Row((200, 404, 404, 401), swap=THEIRS),
    ("PUT", "/checkins/{day}"): Row(OWN, CHECKIN, (200, 200)),  # alice's own, of that day
    ("GET", "/assessments/instruments"): Row(OWN),
    ("GET", "/assessments/instruments/{instrument_id}"): Row(OWN, swap=(200, 200)),
    ("POST", "/assessments/instruments/{instrument_id}/runs"): Row(
        (201, 201, 201, 401), PROFILE, (201, 201)
    ),
    ("GET", "/assessments/instruments/{instrument_id}/history"): Row(OWN, swap=(200, 200)),
    ("GET", "/assessments/scores"): Row(OWN),
    ("GET", "/assessments/safety"): Row(OWN),
    ("GET", "/assessments/report"): Row(OWN),
    ("GET", "/plan"): Row(OWN),
    # the plan is the couple's: bob may mark alice's practice; carol's plan lacks it
    ("POST", "/plan/practices/{practice_id}/done"): Row((200, 200, 404, 401), swap=(200, 404)),
    ("PATCH", "/plan/settings"): Row(OWN, {"minutes_per_week": 90}),
    ("GET", "/dashboard"): Row(OWN),
    # chat imports: the uploader's and the partner's, no one else's; chat analysis is closed to
    # alice (her check shows a concern) and to carol's couple space (dan has taken no check), so
    # their imports are refused with the same sentence for all; bob's check is clear and alice
    # has taken hers, so he may still agree, as he could before her concern
    ("GET", "/chats"): Row(OWN),
    ("POST", "/chats"): Row(REFUSED),  # no file, and closed
    ("GET", "/chats/{pk}"): Row((200, 200, 404, 401), swap=(200, 404)),
    ("POST", "/chats/{pk}/agree"): Row((400, 200, 404, 401), swap=(400, 404)),
    ("POST", "/chats/{pk}/withdraw"): Row((200, 200, 404, 401), swap=(200, 404)),
    ("GET", "/tokens"): Row(OWN),
    ("POST", "/tokens"): Row((201, 201, 201, 401), {"name": "laptop", "password": PASSWORD}),
    ("DELETE", "/tokens/{token_id}"): Row((200, 404, 404, 401), swap=THEIRS),
}


def fill(path: str, person: Person) -> str:
    return path.format(**person.placeholders())


def body_for(row: Row, person: Person) -> object:
    """The row's body naming `person`'s objects where it names any."""
    if not isinstance(row.body, dict):
        return row.body
    values = person.placeholders()
    return {k: v.format(**values) if isinstance(v, str) else v for k, v in row.body.items()}


def call(client: Client, method: str, path: str, body: object) -> HttpResponse:
    data = "" if body is None else json.dumps(body)
    return client.generic(method, API + path, data, content_type="application/json")  # type: ignore[return-value]


def test_every_operation_in_the_openapi_document_has_a_row(db: None) -> None:
    document = Client().get(f"{API}/openapi.json").json()
    operations = {
        (method.upper(), path.removeprefix(API))
        for path, methods in document["paths"].items()
        for method in methods
    }
    assert operations - set(ACCESS) == set(), "add a row to ACCESS for each new operation"
    assert set(ACCESS) - operations == set(), "remove the rows of operations that are gone"


@pytest.mark.parametrize(("method", "path"), sorted(ACCESS))
def test_each_operation_answers_each_role_as_its_row_says(db: None, method: str, path: str) -> None:
    cast, row = make_cast(), ACCESS[(method, path)]
    filled, body = fill(path, cast.alice), body_for(row, cast.alice)
    for role, status in zip(ROLES, row.expect, strict=True):
        viewer = _user(cast, role)
        sent: list[HttpResponse] = []

        def send(viewer: User | None = viewer, sent: list[HttpResponse] = sent) -> HttpResponse:
            sent.append(call(client_as(viewer), method, filled, body))
            return sent[-1]

        got = checked(cast, viewer, send, f"{method} {filled} as {role}")
        assert got == status, f"{method} {filled} as {role}: {got}, not {status}"
        assert sent[0]["Content-Type"].startswith(("application/json", "application/zip"))


@pytest.mark.parametrize(("method", "path"), sorted(ACCESS))
def test_someone_elses_ids_reach_nothing_of_theirs(db: None, method: str, path: str) -> None:
    """alice, with bob's and carol's ids in the path, the query string and the JSON body."""
    cast, row = make_cast(), ACCESS[(method, path)]
    alice, own = cast.alice.user, fill(path, cast.alice)
    mine = body_for(row, cast.alice)
    for victim, swap in ((cast.bob, 0), (cast.carol, 1)):
        ids = victim.ids()
        query = own + "?" + urlencode({k: v for k, v in ids.items() if v is not None})
        cases = [(query, mine, UNKNOWN_FIELDS)]  # no operation takes an id in its query
        if isinstance(mine, dict):  # no body takes anyone's ids: fields it refuses by name
            cases.append((own, with_ids(mine, ids), UNKNOWN_FIELDS))
            if body_for(row, victim) != mine:  # the body names an object: name theirs instead
                cases.append((own, body_for(row, victim), row.expect[0]))
        if row.swap is not None:
            cases.append((fill(path, victim), body_for(row, victim), row.swap[swap]))
        for target, body, status in cases:
            got = checked(
                cast,
                alice,
                lambda: call(client_as(alice), method, target, body),  # noqa: B023
                f"alice: {method} {target} {body} with {victim.user.display_name}'s ids",
            )
            assert got == status, f"alice: {method} {target}: {got}, not {status}"


def _user(cast: Cast, role: str) -> User | None:
    person = cast.person(role)
    return person.user if person else None


def test_no_private_entry_of_alice_reaches_bob_carol_or_anyone(db: None) -> None:
    """Every GET of the API, read by each role: alice's canaries and her safety concern in her
    own answers, in no one else's."""
    cast = make_cast()
    reads = [fill(path, cast.alice) for method, path in ACCESS if method == "GET"]

    def everything(user: User | None) -> str:
        client = client_for(user)
        return "".join(call(client, "GET", path, None).content.decode("latin-1") for path in reads)

    mine = everything(cast.alice.user)
    assert all(canary in mine for canary in cast.alice.canaries.values())
    assert '"concern": true' in mine
    for viewer in (cast.bob.user, cast.carol.user, None):
        seen = everything(viewer)
        assert not [c for c in cast.alice.canaries.values() if c in seen], viewer
        assert '"concern": true' not in seen and "Find A Helpline" not in seen


def test_a_token_reaches_what_its_owners_session_reaches_and_no_more(db: None) -> None:
    """The same rows again, by personal token instead of a session: bob's and carol's tokens
    on alice's objects answer as bob and carol do."""
    cast = make_cast()
    for (method, path), row in ACCESS.items():
        filled, body = fill(path, cast.alice), body_for(row, cast.alice)
        for person, status in ((cast.bob, row.expect[1]), (cast.carol, row.expect[2])):
            key = person.token_key
            got = checked(
                cast,
                person.user,
                lambda: by_token(key, method, filled, body),  # noqa: B023
                f"{method} {filled} with {person.user.display_name}'s token",
            )
            assert got == status, f"{method} {filled} by token: {got}, not {status}"


def by_token(key: str, method: str, path: str, body: object) -> HttpResponse:
    data = "" if body is None else json.dumps(body)
    headers = {"Authorization": f"Bearer {key}"}
    return Client().generic(  # type: ignore[return-value]
        method, API + path, data, content_type="application/json", headers=headers
    )
