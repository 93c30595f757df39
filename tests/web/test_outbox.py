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


def test_what_is_still_queued_when_the_process_ends_is_sent_then_and_what_is_not_counted(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """atexit runs `drain`: a restart no longer loses a queued reset email without a word. (A
    queue of its own: a sending thread an earlier test started waits on the module's.)"""
    monkeypatch.setattr(outbox, "_queue", outbox.queue.Queue(maxsize=outbox.QUEUE_SIZE))
    for n in range(3):
        outbox._queue.put_nowait(mail.EmailMessage("s", "b", to=[f"p{n}@example.org"]))
    assert outbox.drain(seconds=5) == 0
    assert len(mail.outbox) == 3
    outbox._queue.put_nowait(mail.EmailMessage("s", "b", to=["late@example.org"]))
    with caplog.at_level(logging.ERROR):
        assert outbox.drain(seconds=0) == 1
    assert "1 account emails were not sent" in caplog.text and "late@" not in caplog.text
