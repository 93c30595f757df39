"""Small builders shared by the security tests: sign in through the real form, age a session."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from nearer.web.accounts.reauth import SESSION_KEY as CONFIRMED_AT
from nearer.web.security.models import SignIn, Throttle
from tests.web.conftest import PASSWORD

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


def browser(address: str = "203.0.113.7", agent: str = FIREFOX) -> Client:
    return Client(REMOTE_ADDR=address, HTTP_USER_AGENT=agent)


def sign_in(client: Client, email: str, password: str = PASSWORD) -> int:
    """Post the login form; its status (302 in, 400 wrong, 429 paused)."""
    response = client.post("/accounts/login/", {"username": email, "password": password})
    return response.status_code


def age_confirmation(client: Client, minutes: int = 6) -> None:
    """As if the password was last typed `minutes` ago."""
    session = client.session
    session[CONFIRMED_AT] = (timezone.now() - timedelta(minutes=minutes)).timestamp()
    session.save()


def end_pauses() -> None:
    """As if every pause in force had run out."""
    Throttle.objects.filter(locked_until__isnull=False).update(
        locked_until=timezone.now() - timedelta(seconds=1)
    )


def age_sign_ins(**ago: timedelta) -> None:
    """Move every sign-in's `created_at` and/or `last_seen_at` back by the given amounts."""
    for sign_in in SignIn.objects.all():
        for field, delta in ago.items():
            setattr(sign_in, field, getattr(sign_in, field) - delta)
        sign_in.save()
