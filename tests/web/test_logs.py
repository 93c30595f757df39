"""No content and no secrets in logs or email: a whole journey with canary texts, every log
record captured at DEBUG (root, django, nearer) and the email outbox, searched for every canary,
password, token and session key."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

TIME_ZONE = "Europe/Paris"
PASSWORDS = {"alice": "canary-pass-alice-4be1 long", "bob": "canary-pass-bob-77d0 long"}
NEW_PASSWORD = "canary-new-pass-alice-c3a9 long"
CANARIES = {
    "answer": "canary-log-answer-1f0e",
    "partner_answer": "canary-log-partner-answer-6b2d",
    "reply": "canary-log-reply-9a41",
    "note": "canary-log-note-0c7d",
    "appreciation": "canary-log-appreciation-e5f2",
    "need": "canary-log-need-38aa",
    "crisis_note": "canary-log-crisis: I want to hurt myself",
}
LOGGERS = ("", "django", "nearer")


class Capture(logging.Handler):
    """Keeps every record as text: the formatted message, its exception and all its fields."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.texts: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.texts.append(self.format(record))
        self.texts.append(repr(record.__dict__))


@pytest.fixture
def captured() -> Iterator[Capture]:
    handler = Capture()
    loggers = [logging.getLogger(name) for name in LOGGERS]
    before = [(logger, logger.level) for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        for logger, level in before:
            logger.removeHandler(handler)
            logger.setLevel(level)


def sign_up(name: str) -> Client:
    client = Client()
    response = client.post(
        "/accounts/signup/",
        {
            "email": f"{name}@example.org",
            "display_name": name.capitalize(),
            "time_zone": TIME_ZONE,
            "password1": PASSWORDS[name],
            "password2": PASSWORDS[name],
        },
    )
    assert response.status_code == 302, response.content[:500]
    signed_in = client.post(
        "/accounts/login/", {"username": f"{name}@example.org", "password": PASSWORDS[name]}
    )
    assert signed_in.status_code == 302, signed_in.content[:500]
    return client


def recovery_code(client: Client) -> list[str]:
    """The recovery code shown once after sign-up, where encryption at rest is installed."""
    try:
        path = reverse("recovery_code")
    except NoReverseMatch:
        return []
    found = re.search(r'id="recovery-code">([^<]+)<', client.get(path).content.decode())
    assert found is not None, "sign-up showed no recovery code"
    return [found.group(1).strip()]


def pair(alice: Client, bob: Client) -> str:
    """The invitation code, used."""
    page = alice.post("/couple/invite/").content.decode()
    code = re.search(r'data-testid="invite-code">([A-Z0-9-]+)<', page)
    assert code is not None
    bob.get(f"/couple/join/{code.group(1)}/")
    assert bob.post("/couple/join/", {"code": code.group(1)}).status_code == 302
    return code.group(1)


def write_everything(alice: Client, bob: Client) -> None:
    day = timezone.localdate().isoformat()
    alice.post(f"/daily/day/{day}/answer/", {"text": CANARIES["answer"], "action": "answer"})
    bob.post(f"/daily/day/{day}/answer/", {"text": CANARIES["partner_answer"], "action": "answer"})
    bob.post(f"/daily/day/{day}/respond/", {"thank": "yes", "reply": CANARIES["reply"]})
    checkin = {
        "pleasantness": 3, "energy": 3, "closeness": 4, "shared_feelings": 3, "understood": 3,
        "validated": 3, "cared_for": 3, "stress": 3, "appreciation": CANARIES["appreciation"],
        "appreciation_shared": "on", "need": CANARIES["need"],
    }  # fmt: skip
    assert alice.post("/daily/checkin/", {**checkin, "note": CANARIES["note"]}).status_code == 302
    assert bob.post("/daily/checkin/", {**checkin, "note": CANARIES["crisis_note"]}).status_code
    alice.post("/daily/checkin/", {**checkin, "note": CANARIES["note"], "stress": "nine"})  # 400


def export_and_mistype(alice: Client) -> None:
    assert alice.post("/accounts/export/", {"password": "wrong " + PASSWORDS["bob"]}).status_code
    response = alice.post("/accounts/export/", {"password": PASSWORDS["alice"]})
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    alice.get("/api/v1/me/export")
    alice.get("/api/v1/me/export/zip")


def make_token(alice: Client) -> str:
    response = alice.post("/api/v1/tokens", {"name": "phone"}, content_type="application/json")
    assert response.status_code == 201
    key: str = response.json()["key"]
    api = Client(headers={"Authorization": f"Bearer {key}"})
    assert api.get("/api/v1/me").status_code == 200
    api.get("/api/v1/checkins?since=not-a-day")  # a refusal, logged as a 4xx
    Client(headers={"Authorization": f"Bearer {key}x"}).get("/api/v1/me")  # a wrong token: 401
    return key


def reset_password() -> str:
    """Reset alice's password by email, with a wrong attempt first; the reset token."""
    anonymous = Client()
    anonymous.post("/accounts/password/reset/", {"email": "alice@example.org"})
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/\S+/)", mail.outbox[-1].body)
    assert link is not None
    token = link.group(1).rstrip("/").split("/")[-1]
    form = anonymous.get(link.group(1), follow=True)
    target = form.redirect_chain[-1][0] if form.redirect_chain else link.group(1)
    anonymous.post(target, {"new_password1": NEW_PASSWORD, "new_password2": "not the same"})
    done = anonymous.post(target, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302, done.content[:300]
    return token


def test_a_whole_journey_leaves_no_content_or_secret_in_logs_or_email(
    db: None, captured: Capture
) -> None:
    alice, bob = sign_up("alice"), sign_up("bob")
    sessions = [alice.cookies[settings.SESSION_COOKIE_NAME].value, bob.cookies["sessionid"].value]
    codes = recovery_code(alice) + recovery_code(bob)
    invitation = pair(alice, bob)
    write_everything(alice, bob)
    export_and_mistype(alice)
    key = make_token(alice)
    Client().post("/accounts/login/", {"username": "alice@example.org", "password": "wrong one"})
    reset_token = reset_password()
    Client().get("/accounts/password/reset/MQ/" + reset_token + "x/")  # a spoiled link
    bob.post("/exit/")

    secrets = [*CANARIES.values(), *PASSWORDS.values(), NEW_PASSWORD, key, reset_token, *sessions]
    csrf = [
        c.cookies[settings.CSRF_COOKIE_NAME].value
        for c in (alice, bob)
        if c.cookies.get("csrftoken")
    ]
    secrets += [*codes, invitation, *csrf]
    secrets += ["canary-log", settings.SECRET_KEY]
    logs = "\n".join(captured.texts)
    assert captured.texts, "nothing was logged: the capture is not working"
    leaked = [secret for secret in secrets if secret in logs]
    assert not leaked, f"in the logs: {leaked}"
    outbox = "\n".join(f"{m.subject}\n{m.body}\n{m.alternatives}" for m in mail.outbox)
    leaked = [secret for secret in secrets if secret in outbox and secret != reset_token]
    assert not leaked, f"in an email: {leaked}"
