"""Account emails leave off the request path (accounts/outbox.py): sent inside the request, an
SMTP round trip made the reset and sign-up forms slow exactly when the email had an account."""

from __future__ import annotations

import logging
import smtplib
import threading
from collections.abc import Iterator

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.test import Client, override_settings

from nearer.web.accounts import outbox
from nearer.web.accounts.models import User
from tests.web.test_accounts import sign_up_answer


@pytest.fixture
def sending_threads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The sending thread on, and the name of the thread each email was sent from."""
    threads: list[str] = []
    send = EmailBackend.send_messages

    def recorded(backend: EmailBackend, messages: list[mail.EmailMessage]) -> int:
        threads.append(threading.current_thread().name)
        return send(backend, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", recorded)
    with override_settings(ACCOUNT_EMAILS_IN_BACKGROUND=True):
        yield threads
    outbox.flush()


class RefusingBackend(EmailBackend):
    def send_messages(self, messages: list[mail.EmailMessage]) -> int:
        raise smtplib.SMTPRecipientsRefused({messages[0].to[0]: (550, b"no")})


def test_a_reset_email_is_never_sent_while_the_request_is_answered(
    alice: User, sending_threads: list[str]
) -> None:
    for email in (alice.email, "nobody@example.org"):
        answer = Client().post("/accounts/password/reset/", {"email": email})
        assert answer.status_code == 302
    outbox.flush()
    assert sending_threads == ["nearer-outbox"]  # none on the request's thread, for either
    [message] = mail.outbox
    assert message.to == [alice.email] and "/accounts/password/reset/" in message.body


def test_a_sign_up_notice_is_never_sent_while_the_request_is_answered(
    alice: User, sending_threads: list[str]
) -> None:
    for email in (alice.email, "dana@example.org"):
        assert sign_up_answer(email, "correct horse battery staple").status_code == 302
    outbox.flush()
    assert sending_threads == ["nearer-outbox"]  # none on the request's thread, for either
    assert [message.to for message in mail.outbox] == [[alice.email]]


@override_settings(ACCOUNT_EMAILS_IN_BACKGROUND=True, EMAIL_BACKEND=f"{__name__}.RefusingBackend")
def test_an_email_that_cannot_be_sent_is_logged_without_its_address(
    alice: User, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR):
        Client().post("/accounts/password/reset/", {"email": alice.email})
        outbox.flush()
    assert "could not be sent (SMTPRecipientsRefused)" in caplog.text
    assert alice.email not in caplog.text
