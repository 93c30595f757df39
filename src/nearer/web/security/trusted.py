"""Browsers an account signed in from before: a signed cookie naming the accounts that signed in
on this browser, so that their wrong passwords are counted apart from everyone else's.

This is what keeps a partner who knows the email address from locking the owner out: guesses
from the partner's phone fill the account's shared count, while the owner's own browser keeps a
count of its own (OWASP's "device cookies"). The cookie holds a random browser id and short HMACs
of the account emails, signed with the secret key; it proves nothing but "this account signed in
here before", and it is never a way in.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import salted_hmac

COOKIE = "nearer_known"
SALT = "nearer.security.trusted"
MAX_AGE = 180 * 24 * 3600
MAX_ACCOUNTS = 4  # a shared family laptop, not a list of everyone who ever used it


def _account(email: str) -> str:
    mac: str = salted_hmac(SALT, email.strip().lower(), algorithm="sha256").hexdigest()
    return mac[:20]


def _read(request: HttpRequest) -> dict[str, object]:
    try:
        value = signing.loads(request.COOKIES.get(COOKIE, ""), salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return {}
    return value if isinstance(value, dict) else {}


def browser_for(request: HttpRequest, email: str) -> str | None:
    """This browser's id when `email` signed in on it before; otherwise None."""
    known = _read(request)
    accounts = known.get("accounts")
    if isinstance(accounts, list) and _account(email) in accounts:
        browser = known.get("browser")
        return browser if isinstance(browser, str) else None
    return None


def remember(request: HttpRequest, response: HttpResponse, email: str) -> None:
    """Add `email` to this browser's cookie after a sign-in with the right password."""
    known = _read(request)
    browser = known.get("browser")
    if not isinstance(browser, str):
        browser = secrets.token_urlsafe(16)
    accounts = known.get("accounts")
    previous = [a for a in accounts if isinstance(a, str)] if isinstance(accounts, list) else []
    account = _account(email)
    kept = [account, *[a for a in previous if a != account]][:MAX_ACCOUNTS]
    response.set_cookie(
        COOKIE,
        signing.dumps({"browser": browser, "accounts": kept}, salt=SALT),
        max_age=MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
