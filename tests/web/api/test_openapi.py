"""The OpenAPI document: served without signing in, valid JSON, every route, every response."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from nearer.web.accounts.models import User
from nearer.web.api import conditional
from nearer.web.api.main import api
from nearer.web.security import throttle
from tests.web.api.conftest import API, call


@pytest.fixture
def document(db: None) -> dict[str, Any]:
    response = Client().get(f"{API}/openapi.json")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    return response.json()


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, operation)
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
    ]


def test_the_document_is_openapi_3_and_names_the_api(document: dict[str, Any]) -> None:
    assert document["openapi"].startswith("3.") and document["info"]["title"] == "nearer API"


def test_the_document_lists_every_route_of_the_api(document: dict[str, Any]) -> None:
    served = {
        f"{API}/" + str(pattern.pattern).replace("<", "{").replace(">", "}")
        for pattern in api.urls[0]
        if pattern.name not in ("openapi-json", "api-root")
    }
    assert served == set(document["paths"])


def test_every_operation_has_a_json_response_schema(document: dict[str, Any]) -> None:
    for method, path, operation in operations(document):
        ok = [code for code in operation["responses"] if code.startswith("2")]
        assert len(ok) == 1, (method, path)
        schema = operation["responses"][ok[0]]["content"]["application/json"]["schema"]
        assert schema, (method, path)


def test_every_operation_documents_its_errors_in_the_one_error_shape(
    document: dict[str, Any],
) -> None:
    for method, path, operation in operations(document):
        for code in ("400", "401", "404", "422"):
            schema = operation["responses"][code]["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/Error"}, (method, path, code)


def test_every_operation_says_what_it_does(document: dict[str, Any]) -> None:
    for method, path, operation in operations(document):
        assert operation.get("description"), (method, path)


def test_both_ways_to_sign_in_are_described(document: dict[str, Any]) -> None:
    schemes = document["components"]["securitySchemes"]
    assert schemes["TokenAuth"] == {"type": "http", "scheme": "bearer"}
    assert schemes["SessionAuth"]["in"] == "cookie"
    for method, path, operation in operations(document):
        assert {"TokenAuth": []} in operation["security"], (method, path)


def test_there_is_no_docs_page_that_would_load_scripts_from_a_cdn(db: None) -> None:
    assert Client().get(f"{API}/docs").status_code == 404


def test_every_operation_has_a_row_in_docs_api_md(document: dict[str, Any]) -> None:
    page = (Path(__file__).resolve().parents[3] / "docs" / "api.md").read_text(encoding="utf-8")
    rows = set(re.findall(r"^\| (GET|POST|PUT|PATCH|DELETE) \| `([^`?]+)[^`]*` \|", page, re.M))
    missing = [
        (method, path) for method, path, _ in operations(document) if (method, path) not in rows
    ]
    assert not missing, f"operations without a row in docs/api.md: {missing}"


def test_a_day_of_the_daily_question_is_documented_field_by_field(
    document: dict[str, Any],
) -> None:
    """Every field of a day is in the OpenAPI document and in docs/api.md's example of one."""
    fields = set(document["components"]["schemas"]["DayOut"]["properties"])
    assert {"partner_can_answer", "mine_unshared"} <= fields
    page = (Path(__file__).resolve().parents[3] / "docs" / "api.md").read_text(encoding="utf-8")
    example = page[page.index('{"day": "2026-11-25"') :].split("```")[0]
    assert {field for field in fields if f'"{field}"' not in example} == set()


def test_the_chat_upload_lists_every_status_it_answers_with(alice: User) -> None:
    statuses = call(alice, "GET", "/openapi.json").json()["paths"]["/api/v1/chats"]["post"]
    assert {"201", "400", "411", "413", "429", "503"} <= set(statuses["responses"])


def test_every_operation_with_a_body_lists_the_413_of_one_too_big(document: dict[str, Any]) -> None:
    bodies = [(m, p, o) for m, p, o in operations(document) if "requestBody" in o]
    assert len(bodies) > 5
    for method, path, operation in bodies:
        schema = operation["responses"]["413"]["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/Error"}, (method, path)


def test_every_password_429_is_documented_with_busy_too(document: dict[str, Any]) -> None:
    """A 429 comes after 5 wrong passwords, or (BUSY) before any pause while others are being
    checked: docs/api.md and the operations that check a password say both, in the code's
    words."""
    busy = throttle.refusal(throttle.BUSY)
    page = (Path(__file__).resolve().parents[3] / "docs" / "api.md").read_text(encoding="utf-8")
    one_line = " ".join(page.split())
    assert one_line.count(f'`Retry-After: {throttle.BUSY_RETRY}`, `detail` "password: {busy}"') == 2
    for method, path in [("POST", "/api/v1/tokens"), ("DELETE", "/api/v1/me")]:
        [operation] = [o for m, p, o in operations(document) if (m, p) == (method, path)]
        text = " ".join(operation["description"].split())
        assert f'`Retry-After: {throttle.BUSY_RETRY}` and "{busy}"' in text, (method, path)


def test_a_check_in_saves_conditions_are_documented_in_the_codes_words(
    document: dict[str, Any],
) -> None:
    """The PUT lists its 412 and says what If-Match and If-None-Match do, and docs/api.md has a
    412 row and quotes the start of the sentence the 412 says."""
    put = document["paths"]["/api/v1/checkins/{day}"]["put"]
    assert put["responses"]["412"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
    description = " ".join(put["description"].split())
    for words in ("If-Match", "If-None-Match: *", "the last write wins"):
        assert words in description, words
    page = (Path(__file__).resolve().parents[3] / "docs" / "api.md").read_text(encoding="utf-8")
    one_line = " ".join(page.split())
    stale = conditional.STALE.format(what="This day's check-in").split(" (")[0]
    assert "| 412 |" in page and f'"{stale} …"' in one_line
    assert "the last write wins" in one_line


def test_docs_api_md_explains_every_error_status_once_in_order_of_code(
    document: dict[str, Any],
) -> None:
    page = (Path(__file__).resolve().parents[3] / "docs" / "api.md").read_text(encoding="utf-8")
    table = [int(code) for code in re.findall(r"^\| ([45]\d\d) \| ", page, re.M)]
    assert table == sorted(set(table))
    answered = {int(code) for _, _, op in operations(document) for code in op["responses"]}
    assert {code for code in answered if code >= 400} <= set(table)
