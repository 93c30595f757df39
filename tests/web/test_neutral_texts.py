"""Page titles and emails never carry what anyone wrote, a partner's name or what they did:
a browser's history, a tab strip or a mail preview is often seen by someone else."""

from __future__ import annotations

import re
from pathlib import Path

from django.core import mail
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.exceptions import NoReverseMatch
from django.utils import timezone

from nearer.web.accounts.models import User
from nearer.web.assessments import services as assessments
from tests.web.conftest import client_for

CANARIES = ("canary-title-answer", "canary-title-note", "canary-title-thanks", "canary-title-need")
NAMES = ("Alice", "Bob")
# "nearer", or a short neutral page name and "· nearer"; the quick exit's page says "Weather".
NEUTRAL_TITLE = re.compile(r"^(?:[A-Z][A-Za-z ’'-]{0,30} · )?nearer$|^Weather$")
SENSITIVE_WORDS = ("safety", "abuse", "violence", "crisis", "partner", "answered", "shared")
SRC = Path(__file__).resolve().parents[2] / "src" / "nearer"
# Every place that sends an email, by file: each is walked below. A new one must be added here
# and to test_every_email_is_neutral.
SENDS_MAIL = {
    "web/accounts/urls.py",
    "web/accounts/forms.py",
    "web/accounts/signup.py",
    "web/accounts/outbox.py",  # the sending thread, for both
}
MAIL_CALLS = re.compile(r"send_mail|EmailMessage|EmailMultiAlternatives|mail_admins|email_user|"
                        r"email_template_name|send_mass_mail")  # fmt: skip

SAMPLES = {
    "day": "{today}",
    "code": "ABCD-EFGH-JKLM",
    "instrument_id": "safety",
    "uidb64": "MQ",
    "token": "bad-token",
}


def fill(couple: tuple[User, User]) -> None:
    alice, bob = couple
    day = timezone.localdate().isoformat()
    for person, words in ((alice, CANARIES[0]), (bob, CANARIES[0] + "-bob")):
        client_for(person).post(f"/daily/day/{day}/answer/", {"text": words, "action": "answer"})
    client_for(bob).post(f"/daily/day/{day}/respond/", {"thank": "yes", "reply": CANARIES[2]})
    checkin = {
        "pleasantness": 3, "energy": 3, "closeness": 4, "shared_feelings": 3, "understood": 3,
        "validated": 3, "cared_for": 3, "stress": 3, "appreciation": CANARIES[2],
        "appreciation_shared": "on", "need": CANARIES[3], "need_shared": "on",
        "note": CANARIES[1],
    }  # fmt: skip
    for person in couple:
        client_for(person).post("/daily/checkin/", checkin)


def every_page_path() -> list[str]:
    """A GET path for every named, non-API route, its arguments filled with samples."""
    today = timezone.localdate().isoformat()
    paths = []
    for name, arguments in _routes(get_resolver().url_patterns):
        kwargs = {arg: SAMPLES.get(arg, "1").replace("{today}", today) for arg in arguments}
        try:
            paths.append(reverse(name, kwargs=kwargs))
        except NoReverseMatch:
            continue
    paths += [reverse("take", kwargs={"instrument_id": i}) for i in assessments.ORDER]
    return sorted(set(paths))


def _routes(patterns: list[URLPattern | URLResolver]) -> list[tuple[str, list[str]]]:
    found: list[tuple[str, list[str]]] = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if not str(pattern.pattern).startswith("api/"):
                found += [
                    (name, [*pattern.pattern.converters, *args])
                    for name, args in _routes(pattern.url_patterns)
                ]
        elif pattern.name:
            found.append((pattern.name, list(pattern.pattern.converters)))
    return found


def title_of(html: str) -> str | None:
    found = re.search(r"<title>(.*?)</title>", html, re.S)
    return found.group(1).strip() if found else None


def test_every_page_title_is_neutral(couple: tuple[User, User]) -> None:
    fill(couple)
    alice, bob = couple
    seen = 0
    for client in (client_for(alice), client_for(bob), Client()):
        for path in every_page_path():
            response = client.get(path)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            title = title_of(response.content.decode())
            assert title is not None, path
            assert NEUTRAL_TITLE.match(title), (path, title)
            assert not any(word in title for word in (*CANARIES, *NAMES)), (path, title)
            assert not any(word in title.lower() for word in SENSITIVE_WORDS), (path, title)
            seen += 1
    assert seen > 20  # the walk really walked


def test_every_email_is_neutral(couple: tuple[User, User]) -> None:
    fill(couple)
    Client().post("/accounts/password/reset/", {"email": "alice@example.org"})
    password = "a long enough new passphrase"
    sign_up = {"email": "alice@example.org", "display_name": "Bob", "time_zone": "UTC"}
    Client().post("/accounts/signup/", {**sign_up, "password1": password, "password2": password})
    assert len(mail.outbox) == 2  # the reset, and the word that someone tried to sign up
    for message in mail.outbox:
        text = " ".join([message.subject, message.body, *(a[0] for a in message.alternatives)])
        assert not any(word in text for word in (*CANARIES, *NAMES)), text
        assert not any(word in text.lower() for word in SENSITIVE_WORDS), text


def test_no_email_is_sent_from_anywhere_the_walk_does_not_know() -> None:
    senders = {
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if MAIL_CALLS.search(path.read_text(encoding="utf-8"))
    }
    assert senders == SENDS_MAIL
