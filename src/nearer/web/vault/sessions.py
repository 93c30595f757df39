"""Holding a person's open data key between requests without putting it in the database.

At login the key is wrapped under a fresh random secret; the session row keeps only the wrap,
and the secret lives only in a second cookie (HttpOnly, SameSite=Strict, Secure with HTTPS). A
stolen session table alone opens nothing; the cookie alone is not the key. Each request opens
the key into the request's keyring. A recovery code waiting to be shown once is kept the same way.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from nearer.web.vault import crypto, keyring

COOKIE = "nearer_vault"
SESSION_KEY = "vault"
PENDING_CODE = "vault_recovery_code"


def hold(request: HttpRequest, user_id: int, key_id: str, key: bytes) -> str:
    """Keep `key` for this session; returns the secret the response must set as the cookie."""
    secret = secrets.token_urlsafe(32)
    salt = crypto.new_salt()
    kek = crypto.secret_kek(secret, salt, "session")
    request.session[SESSION_KEY] = {
        "user": user_id,
        "key_id": key_id,
        "salt": salt,
        "wrapped": crypto.wrap(kek, key, f"session|{user_id}|{key_id}"),
    }
    request.vault_secret = secret
    keyring.hold(user_id, key_id, key)
    return secret


def _secret(request: HttpRequest) -> str | None:
    secret: str | None = getattr(request, "vault_secret", None) or request.COOKIES.get(COOKIE)
    return secret


def open_held(request: HttpRequest) -> None:
    """Put this session's key, if it has one and the cookie came with it, in the keyring."""
    held, secret = request.session.get(SESSION_KEY), _secret(request)
    user = getattr(request, "user", None)
    if not held or not secret or user is None or held.get("user") != user.pk:
        return
    kek = crypto.secret_kek(secret, held["salt"], "session")
    try:
        key = crypto.unwrap(kek, held["wrapped"], f"session|{held['user']}|{held['key_id']}")
    except crypto.OpenError:
        return
    keyring.hold(held["user"], held["key_id"], key)


def held_without_cookie(request: HttpRequest) -> bool:
    """The session holds a wrapped key but the request brought no cookie to open it."""
    return bool(request.session.get(SESSION_KEY)) and COOKIE not in request.COOKIES


def keep_code(request: HttpRequest, code: str) -> None:
    """A new recovery code, to be shown once on the next page; sealed like the key."""
    secret = _secret(request)
    if secret is None:
        return
    salt = crypto.new_salt()
    blob = crypto.wrap(crypto.secret_kek(secret, salt, "code"), code.encode(), "recovery code")
    request.session[PENDING_CODE] = {"salt": salt, "sealed": blob}


def has_code(request: HttpRequest) -> bool:
    return PENDING_CODE in request.session


def pending_code(request: HttpRequest) -> str | None:
    kept, secret = request.session.get(PENDING_CODE), _secret(request)
    if not kept or not secret:
        return None
    kek = crypto.secret_kek(secret, kept["salt"], "code")
    try:
        return crypto.unwrap(kek, kept["sealed"], "recovery code").decode()
    except crypto.OpenError:
        return None


def forget_code(request: HttpRequest) -> None:
    request.session.pop(PENDING_CODE, None)


def set_cookie(request: HttpRequest, response: HttpResponse) -> None:
    """Set the secret cookie after a login, or clear it after a logout."""
    if getattr(request, "vault_forget", False):
        response.delete_cookie(COOKIE, samesite="Strict")
        return
    secret: Any = getattr(request, "vault_secret", None)
    if secret and request.COOKIES.get(COOKIE) != secret:
        age = settings.SESSION_COOKIE_AGE
        response.set_cookie(
            COOKIE,
            secret,
            max_age=None if settings.SESSION_EXPIRE_AT_BROWSER_CLOSE else age,
            httponly=True,
            secure=settings.SESSION_COOKIE_SECURE,
            samesite="Strict",
        )
