"""A database that cannot store anything gives a kind 503 that keeps what was typed and loses
nothing saved before.

Read-only is real: SQLite's `PRAGMA query_only` and PostgreSQL's read-only default transactions
make the database itself refuse every write, as a read-only file or a replica would. A full disk
cannot be made safely on a shared machine (and as root a chmod stops nothing), so it is simulated:
a query wrapper raises the error SQLite and PostgreSQL give when the disk is full.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import psycopg
import pytest
from django.db import InternalError, OperationalError, ProgrammingError, connection
from django.test import Client
from django.utils import timezone

from nearer.web import failures
from nearer.web.accounts.models import User
from nearer.web.api import tokens
from nearer.web.daily.models import Answer, CheckIn
from tests.web.conftest import client_for, open_vault
from tests.web.seeds import CHECKIN_FORM

# Writes are refused outside any test transaction, so these run without one.
pytestmark = pytest.mark.django_db(transaction=True)

TYPED = "the walk by the river, before the rain"
WRITES = ("INSERT", "UPDATE", "DELETE")
CHECKIN = {**CHECKIN_FORM, "note": TYPED}


@contextmanager
def read_only_database() -> Iterator[None]:
    """The database itself refuses every write until the block ends."""
    on, off = (
        ("PRAGMA query_only = ON", "PRAGMA query_only = OFF")
        if connection.vendor == "sqlite"
        else ("SET default_transaction_read_only = on", "SET default_transaction_read_only = off")
    )
    with connection.cursor() as cursor:
        cursor.execute(on)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(off)


def full_disk(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
    """A query wrapper: every write fails as it does when the disk is full."""
    if sql.lstrip().upper().startswith(WRITES):
        cause = sqlite3.OperationalError("database or disk is full")
        raise OperationalError(str(cause)) from cause
    return execute(sql, params, many, context)


def save_checkin(user: User, days_ago: int, note: str) -> None:
    day = timezone.localdate() - timedelta(days=days_ago)
    response = client_for(user).post(f"/daily/checkin/?day={day}", {**CHECKIN, "note": note})
    assert response.status_code == 302


def token(page: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert found, page
    return found.group(1)


def checked(page: str, name: str) -> list[str]:
    """The values of the checked boxes or radio buttons named `name` on the page."""
    tags = [tag for tag in re.findall(r"<input [^>]*>", page) if f'name="{name}"' in tag]
    return [re.findall(r'value="([^"]*)"', tag)[0] for tag in tags if " checked" in tag]


def notes(user: User) -> dict[int, str]:
    today = timezone.localdate()
    return {(today - c.day).days: c.note for c in CheckIn.objects.filter(user=user)}


def test_a_full_disk_is_a_kind_503_that_keeps_the_typed_check_in(alice: User) -> None:
    save_checkin(alice, 1, "yesterday, saved")
    client = client_for(alice)
    with connection.execute_wrapper(full_disk):
        response = client.post("/daily/checkin/", CHECKIN)
    page = response.content.decode()
    assert response.status_code == 503
    assert "disk is full" in page and "Nothing you saved before is lost" in page
    assert f"{TYPED}</textarea>" in page  # the text and the choices, as typed
    assert checked(page, "pleasantness") == ["4"]
    assert checked(page, "emotion_words") == ["calm", "grateful"]
    assert "Traceback" not in page
    assert notes(alice) == {1: "yesterday, saved"}


def test_a_read_only_database_keeps_the_earlier_check_in_of_the_same_day_as_it_was(
    alice: User,
) -> None:
    save_checkin(alice, 0, "this morning, saved")
    client = client_for(alice)
    with read_only_database():
        response = client.post("/daily/checkin/", CHECKIN)
    assert response.status_code == 503
    assert "cannot be written to" in response.content.decode()
    assert TYPED in response.content.decode()
    assert notes(alice) == {0: "this morning, saved"}


def test_a_daily_answer_typed_while_read_only_comes_back_in_the_form(
    couple: tuple[User, User],
) -> None:
    alice, _ = couple
    url = f"/daily/day/{timezone.localdate().isoformat()}/"
    client = client_for(alice)
    client.get(url)  # today's question exists; only the answer is new
    with read_only_database():
        response = client.post(url + "answer/", {"text": TYPED, "action": "answer"})
    page = response.content.decode()
    assert response.status_code == 503
    assert f"{TYPED}</textarea>" in page and f'action="{url}answer/"' in page
    assert not Answer.objects.exists()


def test_the_typed_form_can_be_sent_again_as_it_comes_back_once_the_database_recovers(
    alice: User,
) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    open_vault(client, alice)  # as signing in with the password does
    first = client.get("/daily/checkin/").content.decode()
    with read_only_database():
        page = client.post("/daily/checkin/", {**CHECKIN, "csrfmiddlewaretoken": token(first)})
    again = client.post(
        "/daily/checkin/", {**CHECKIN, "csrfmiddlewaretoken": token(page.content.decode())}
    )
    assert (page.status_code, again.status_code) == (503, 302)
    assert notes(alice) == {0: TYPED}


def test_the_api_answers_a_read_only_database_with_a_503_in_its_error_shape(alice: User) -> None:
    _, key = tokens.issue(alice, "phone")
    day = timezone.localdate().isoformat()
    client = client_for(None)
    with read_only_database():
        response = client.put(
            f"/api/v1/checkins/{day}",
            {k: v for k, v in CHECKIN.items() if k != "appreciation_shared"},
            content_type="application/json",
            headers={"Authorization": f"Bearer {key}"},
        )
    assert response.status_code == 503
    assert response.json()["field"] is None
    assert "Nothing you saved before is lost" in response.json()["detail"]
    assert response["Retry-After"] == "60"


def test_the_log_names_the_failure_but_never_what_was_typed(
    alice: User, caplog: pytest.LogCaptureFixture
) -> None:
    client = client_for(alice)
    with connection.execute_wrapper(full_disk):
        client.post("/daily/checkin/", CHECKIN)
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "database or disk is full" in logged
    assert TYPED not in logged


@pytest.mark.parametrize(
    ("error", "sentence"),
    [
        (OperationalError("database or disk is full"), failures.FULL),
        (OperationalError("attempt to write a readonly database"), failures.READ_ONLY),
        (OperationalError("database is locked"), failures.UNREACHABLE),
        (OperationalError("disk I/O error"), failures.DISK),
        (OperationalError("could not extend file"), None),
        (OperationalError("no such table: daily_checkin"), None),
        (ProgrammingError("syntax error"), None),
    ],
)
def test_sqlite_errors_that_mean_no_storage_get_a_sentence_and_bugs_stay_500s(
    error: Exception, sentence: str | None
) -> None:
    assert failures.problem_with(error) == sentence


@pytest.mark.parametrize(
    ("cause", "wrapper", "sentence"),
    [
        (psycopg.errors.DiskFull("could not extend file"), OperationalError, failures.FULL),
        (psycopg.errors.ReadOnlySqlTransaction("read-only"), InternalError, failures.READ_ONLY),
        (psycopg.errors.AdminShutdown("terminating"), OperationalError, failures.UNREACHABLE),
        (
            psycopg.OperationalError("connection failed: refused"),
            OperationalError,
            failures.UNREACHABLE,
        ),
        (psycopg.errors.InFailedSqlTransaction("aborted"), InternalError, None),
    ],
)
def test_postgresql_errors_are_told_apart_by_their_sqlstate(
    cause: Exception, wrapper: type[Exception], sentence: str | None
) -> None:
    error = wrapper(str(cause))
    error.__cause__ = cause
    assert failures.problem_with(error) == sentence
