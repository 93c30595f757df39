"""An attempt whose answer fails (the database refused the write) holds no one back.

It used to be marked answered before the answer was written, and the prompt wrote the audit
record first: one database error left it "being checked" for 10 minutes, so with 4 wrong
passwords counted every attempt, the owner's right one too, waited 5 s and was refused as BUSY,
and afterwards the attempt counted as wrong even when it was right."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import OperationalError
from django.test import Client

from nearer.web.accounts import reauth
from nearer.web.accounts.models import User
from nearer.web.security import throttle
from nearer.web.security.models import Throttle
from tests.web.conftest import PASSWORD, client_for
from tests.web.security.helpers import browser, sign_in

WRONG = "not the right passphrase"


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    """BUSY at once, not after 5 s: the bug answered BUSY, the fix never should here."""
    monkeypatch.setattr(throttle, "WAIT_AT_MOST", timedelta(0))


def failing(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str, times: int = 1) -> None:
    """`owner.name` raises OperationalError the first `times` calls, then works as before."""
    original: Callable[..., Any] = getattr(owner, name)
    calls = [0]

    def flaky(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] <= times:
            raise OperationalError("database is locked")
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, flaky)


def confirm(client: Client, password: str) -> int:
    return client.post("/accounts/confirm/", {"password": password, "next": "/"}).status_code


def counted(bucket: throttle.Bucket) -> tuple[int, int]:
    """The wrong passwords and the attempts still being checked in `bucket`."""
    row = Throttle.objects.get(key=bucket.key)
    return row.failures, row.pending


def test_a_right_password_whose_answer_fails_once_is_given_back_at_sign_in(
    alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert [sign_in(browser("198.51.100.9"), alice.email, WRONG) for _ in range(4)] == [400] * 4
    failing(monkeypatch, throttle, "give_back")
    assert sign_in(browser("203.0.113.1"), alice.email) == 503
    assert counted(throttle.account_bucket(alice.email)) == (4, 0)  # not a 5th wrong one
    assert sign_in(browser("203.0.113.2"), alice.email) == 302  # heard, not BUSY


def test_a_wrong_password_whose_answer_fails_once_is_counted_at_sign_in(
    alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert [sign_in(browser("198.51.100.9"), alice.email, WRONG) for _ in range(3)] == [400] * 3
    failing(monkeypatch, throttle, "keep")
    assert sign_in(browser("198.51.100.9"), alice.email, WRONG) == 503
    assert counted(throttle.account_bucket(alice.email)) == (4, 0)
    assert sign_in(browser("203.0.113.2"), alice.email) == 302


def test_a_right_password_whose_answer_fails_once_is_given_back_at_the_prompt(
    alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = client_for(alice)
    assert [confirm(client, WRONG) for _ in range(4)] == [400] * 4
    failing(monkeypatch, throttle, "give_back")
    assert confirm(client, PASSWORD) == 503
    assert counted(throttle.reauth_bucket(alice.pk)) == (4, 0)
    assert confirm(client, PASSWORD) == 302


def test_a_wrong_password_is_counted_at_the_prompt_before_its_audit_record_fails(
    alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = client_for(alice)
    assert [confirm(client, WRONG) for _ in range(3)] == [400] * 3
    failing(monkeypatch, reauth, "record")
    assert confirm(client, WRONG) == 503
    assert counted(throttle.reauth_bucket(alice.pk)) == (4, 0)
    assert confirm(client, PASSWORD) == 302


def test_an_attempt_whose_answer_fails_twice_holds_others_back_only_a_minute(
    alice: User, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    assert [sign_in(browser("198.51.100.9"), alice.email, WRONG) for _ in range(4)] == [400] * 4
    failing(monkeypatch, throttle, "give_back", times=2)
    with caplog.at_level(logging.ERROR):
        assert sign_in(browser("203.0.113.1"), alice.email) == 503
    assert "could not be answered (right)" in caplog.text  # the second failure, logged
    assert sign_in(browser("203.0.113.2"), alice.email) == 429  # BUSY: it may yet be answered
    Throttle.objects.update(pending_at=throttle.timezone.now() - timedelta(seconds=61))
    assert sign_in(browser("203.0.113.2"), alice.email) == 302
