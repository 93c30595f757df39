"""Links in emails come from a trusted origin, never from the host a request named
(accounts/links.py): with NEARER_ALLOWED_HOSTS `*`, a reset asked for with `Host: evil.example`
would otherwise email a working reset link to evil.example."""

from __future__ import annotations

import logging

import pytest
from django.core import mail
from django.test import Client, override_settings

from nearer.web.accounts.models import User
from nearer.web.couples import services as couples
from tests.web.api.conftest import call
from tests.web.conftest import PASSWORD, client_for, make_user
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


@override_settings(NEARER_PUBLIC_URL="https://nearer.example.org")
def test_an_invitation_link_to_pass_on_starts_with_the_public_url(db: None) -> None:
    dana = make_user("dana")
    couples.create_couple(dana)
    invitation = call(dana, "POST", "/couple/invitations").json()
    assert invitation["link"] == f"https://nearer.example.org/couple/join/{invitation['code']}/"
    page = client_for(dana).post("/couple/invite/", {"password": PASSWORD}).content.decode()
    assert "https://nearer.example.org/couple/join/" in page


@override_settings(ALLOWED_HOSTS=["*"], NEARER_PUBLIC_URL="")
def test_without_a_public_url_an_invitation_link_is_the_readers_own_host(db: None) -> None:
    dana = make_user("dana")
    couples.create_couple(dana)
    page = client_for(dana).post("/couple/invite/", {"password": PASSWORD}).content.decode()
    assert "http://testserver/couple/join/" in page
