"""schemathesis against /api/v1/openapi.json, in-process through Django's WSGI app: every operation
gets a bounded, derandomized set of generated requests (valid and invalid) from alice, who is in a
couple and signs in with a personal token. No answer may be a 5xx, and every answer must be one the
document describes: a listed status, JSON, and a body that fits that status's schema. Run by
`make test` on SQLite and on PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis import checks
from schemathesis.specs.openapi import checks as openapi_checks

from nearer.content.loader import default_content
from nearer.web.accounts.models import User
from nearer.web.api import tokens
from nearer.web.api.models import Token
from tests.web.api.conftest import API, CHECKIN, call, today
from tests.web.conftest import client_for

EXAMPLES = 25  # per operation: 20-30 s for the whole API on SQLite, 80 s on PostgreSQL

#: No 5xx; every status, content type, body and header as documented; a request that breaks the
#: schema refused; a route that needs a sign-in refusing a request without one. Not
#: positive_data_acceptance: a request can fit the schema and still be refused by a rule (a
#: second couple space, a day before joining), with a documented 400 or 404.
CHECKS = [
    checks.not_a_server_error,
    openapi_checks.status_code_conformance,
    openapi_checks.content_type_conformance,
    openapi_checks.response_schema_conformance,
    openapi_checks.response_headers_conformance,
    openapi_checks.negative_data_rejection,
    checks.ignored_auth,
    checks.missing_required_header,
    checks.unsupported_method,
]


@pytest.fixture
def keep_test_connection() -> Iterator[None]:
    """Called bare, Django's WSGI app closes the database connection around each request, which
    would drop the test's transaction; Django's own test client unhooks the same handler."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def bearer(couple: tuple[User, User]) -> dict[str, str]:
    """Alice's token; she has checked in today and both partners have answered today's question,
    so the routes that read a day, a reply or the partner's words have something to read."""
    alice, bob = couple
    call(alice, "PUT", f"/checkins/{today()}", CHECKIN)
    for person in (alice, bob):
        call(person, "POST", f"/daily/{today()}/answer", {"text": f"{person}'s answer"})
        tokens.issue(person, "spare")
    _, key = tokens.issue(alice, "fuzz")
    return {"Authorization": f"Bearer {key}"}


# Read at import: serving the document touches no database.
schema = schemathesis.openapi.from_wsgi(f"{API}/openapi.json", WSGIHandler())
schema.config.generation.update(max_examples=EXAMPLES, deterministic=True)


def _today_or_yesterday(back: int) -> str:
    return (timezone.localdate() - timedelta(days=back)).isoformat()


def _any_token(index: int) -> int:
    pks = list(Token.objects.exclude(name="fuzz").order_by("pk").values_list("pk", flat=True))
    return pks[index % len(pks)]


#: Besides random values, path parameters that name something real: today (both answered,
#: revealed) or yesterday (nothing yet), every instrument and practice, and every token (alice's
#: own, and bob's, which must stay a 404 to her). Random ids alone would only ever reach the 404.
REAL = {
    "day": st.integers(0, 1).map(_today_or_yesterday),
    "instrument_id": st.sampled_from(sorted(default_content().instruments)),
    "practice_id": st.sampled_from(sorted(p.id for p in default_content().practices)),
    "token_id": st.integers(0, 5).map(_any_token),
}


@schema.hook
def before_generate_path_parameters(
    context: schemathesis.HookContext, strategy: st.SearchStrategy[dict[str, Any]]
) -> st.SearchStrategy[dict[str, Any]]:
    names = re.findall(r"{(\w+)}", context.operation.path) if context.operation else []
    if not names or any(name not in REAL for name in names):
        return strategy
    return st.one_of(strategy, st.fixed_dictionaries({name: REAL[name] for name in names}))


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    # One signed-in world for all of an operation's examples, changed by them as a client would.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_the_api_answers_every_generated_request_as_its_document_says(
    case: schemathesis.Case, bearer: dict[str, str], keep_test_connection: None
) -> None:
    case.call_and_validate(headers=bearer, checks=CHECKS)


# What the fuzzing found, kept as plain tests.


@pytest.mark.parametrize("body", ["[null, null]", '"x"', "5", "[]"])
def test_a_json_body_that_is_not_an_object_is_refused_not_read_as_no_change(
    couple: tuple[User, User], body: str
) -> None:
    alice, _ = couple
    for path in ("/me", "/plan/settings"):
        response = client_for(alice).generic(
            "PATCH", API + path, body, content_type="application/json"
        )
        assert response.status_code == 400, (path, body)
        assert response.json()["detail"].startswith("The body must be a JSON object ({...}), not ")


@pytest.mark.parametrize(
    ("method", "path", "field", "value"),
    [
        ("PUT", "/checkins/{day}", "need_shared", 0),
        ("PUT", "/checkins/{day}", "appreciation_shared", "yes"),
        ("POST", "/daily/{day}/respond", "thank", 1),
        ("POST", "/couple/leave", "confirm", "true"),
        ("PATCH", "/plan/settings", "paused", 1),
    ],
)
def test_a_boolean_must_be_true_or_false_not_a_number_or_a_word(
    couple: tuple[User, User], method: str, path: str, field: str, value: object
) -> None:
    alice, _ = couple
    body = {**CHECKIN, field: value} if path.startswith("/checkins") else {field: value}
    response = call(alice, method, path.format(day=today()), body)
    assert response.status_code == 422 and response.json()["field"] == field


def test_a_json_body_not_utf8_is_a_400_and_one_over_the_limit_a_413(alice: User) -> None:
    client = client_for(alice)
    for body, status in (
        (b'{"text": "\xff\xfe"}', 400),
        (b'{"note": "' + b"x" * (256 * 1024) + b'"}', 413),
    ):
        response = client.generic(
            "PUT", f"{API}/checkins/{today()}", body, content_type="application/json"
        )
        assert response.status_code == status
