"""Links in emails come from a trusted origin, never from the host a request named
(accounts/links.py): with NEARER_ALLOWED_HOSTS `*`, a reset asked for with `Host: evil.example`
would otherwise email a working reset link to evil.example."""

from __future__ import annotations

import logging

import pytest
from django.core import mail
from django.test import Client, override_settings

from nearer.web.accounts.models import User
from tests.web.test_accounts import sign_up_answer

EVIL = "evil.example"


def ask_for_reset(email: str, host: str) -> str:
    answer = Client(HTTP_HOST=host).post("/accounts/password/reset/", {"email": email})
    assert answer.status_code == 302
    return answer["Location"]


@override_settings(ALLOWED_HOSTS=["*"], NEARER_PUBLIC_URL="https://nearer.example.org")
def test_a_reset_email_links_to_the_public_url_whatever_host_was_asked(alice: User) -> None:
    ask_for_reset(alice.email, EVIL)
    [message] = mail.outbox
    assert "https://nearer.example.org/accounts/password/reset/" in message.body
    assert EVIL not in message.body


@override_settings(ALLOWED_HOSTS=["*"], NEARER_PUBLIC_URL="")
def test_with_any_host_and_no_public_url_no_reset_email_goes_and_the_answer_is_the_same(
    alice: User, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR):
        assert ask_for_reset(alice.email, EVIL) == ask_for_reset("nobody@example.org", EVIL)
    assert mail.outbox == []
    assert "NEARER_PUBLIC_URL" in caplog.text and alice.email not in caplog.text


@override_settings(ALLOWED_HOSTS=["testserver"], NEARER_PUBLIC_URL="")
def test_without_a_public_url_a_named_host_is_trusted(alice: User) -> None:
    ask_for_reset(alice.email, "testserver")
    [message] = mail.outbox
    assert "http://testserver/accounts/password/reset/" in message.body


@override_settings(ALLOWED_HOSTS=["*"], NEARER_PUBLIC_URL="https://nearer.example.org")
def test_a_sign_up_notice_links_to_the_public_url_whatever_host_was_asked(alice: User) -> None:
    sign_up_answer(alice.email, "correct horse battery staple", client=Client(HTTP_HOST=EVIL))
    [notice] = mail.outbox
    assert "https://nearer.example.org/accounts/password/reset/" in notice.body
    assert EVIL not in notice.body


@override_settings(ALLOWED_HOSTS=["*"], NEARER_PUBLIC_URL="")
def test_with_any_host_and_no_public_url_no_sign_up_notice_goes(alice: User) -> None:
    answer = sign_up_answer(
        alice.email, "correct horse battery staple", client=Client(HTTP_HOST=EVIL)
    )
    assert answer.status_code == 302
    assert mail.outbox == []
