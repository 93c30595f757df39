"""Personal API tokens: create one (its key is shown once), list and revoke one's own.

A key is `nearer_` and 43 random URL-safe characters. Only its sha256 is stored, with its first
characters for recognising it in a list; a lost key cannot be shown again, only replaced.
Revoking, one token or all of a person's, lives in `nearer.web.security.tokens`, which the
browser's pages use too.

A token reads everything the account can, so making one needs the password: sent as `password`,
or, by session, typed at the prompt in the last few minutes. A token alone never makes another:
whoever borrowed one could otherwise keep a way in that outlives its revocation.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Annotated

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Router, Schema, Status
from pydantic import StringConstraints, field_validator

from nearer.web.accounts.models import User
from nearer.web.accounts.reauth import check_password, why_refused
from nearer.web.api.access import by_token, require_recent_password, user_of
from nearer.web.api.body import Body
from nearer.web.api.errors import ERRORS, Error, Message, refuse
from nearer.web.api.models import Token
from nearer.web.audit.events import record
from nearer.web.security import throttle
from nearer.web.security import tokens as revocation
from nearer.web.vault import keyring
from nearer.web.vault import services as vault

KEY_PREFIX = "nearer_"
SHOWN_PREFIX = len(KEY_PREFIX) + 6

router = Router(tags=["tokens"])


def issue(user: User, name: str) -> tuple[Token, str]:
    """A new token for `user` and its key, which is never stored and never shown again."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = Token.objects.create(
        user=user, name=name, prefix=key[:SHOWN_PREFIX], key_hash=Token.hash(key)
    )
    vault.wrap_for_token(token, key)  # so the token reads and writes private text too
    return token, key


#: "Last used" is written at most this often, so that reading through a token is not a write
#: every time (and still works while the database refuses writes).
TOUCH_EVERY = timedelta(minutes=1)


def token_for_key(key: str) -> Token | None:
    """The live token with this key, its use recorded; None for a wrong or revoked key."""
    if not key.startswith(KEY_PREFIX):
        return None
    token: Token | None = (
        Token.objects.select_related("user").filter(key_hash=Token.hash(key)).first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
        token.last_used_at = now
        Token.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


class TokenIn(Body):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
    # Your password: needed with a token; by session, instead of the prompt at /accounts/confirm/.
    password: str | None = None

    @field_validator("name")
    @classmethod
    def printable(cls, name: str) -> str:
        if not name.isprintable():  # also keeps NUL out, which PostgreSQL cannot store
            raise ValueError("use letters, digits, spaces and punctuation only")
        return name


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    # True: the token reads your private text as locked and cannot write it, because your key
    # was open neither in the request that made it nor by a `password` sent with it (or a
    # password reset without the recovery code has since retired the key it carried).
    locked: bool


class NewTokenOut(TokenOut):
    key: str  # shown in this response only


def described(token: Token) -> dict[str, object]:
    """`token` as the API shows it: locked when it carries no wrap of its owner's key."""
    return {
        "id": token.pk,
        "name": token.name,
        "prefix": token.prefix,
        "created_at": token.created_at,
        "last_used_at": token.last_used_at,
        "locked": not hasattr(token, "vault_wrap"),
    }


@router.get("", response={200: list[TokenOut], ERRORS: Error})
def list_tokens(request: HttpRequest) -> list[dict[str, object]]:
    """Your tokens, newest first. Keys are never shown again; prefixes help you tell them apart;
    `locked` says which cannot read or write your private text."""
    found = Token.objects.filter(user=user_of(request)).select_related("vault_wrap")
    return [described(token) for token in found]


@router.post("", response={201: NewTokenOut, ERRORS: Error, 429: Error})
def create_token(
    request: HttpRequest, payload: TokenIn, response: HttpResponse
) -> Status[dict[str, object]]:
    """A new token. Copy its `key` now: it is shown in this response and never again. Needs
    your `password`, or, by session, the password typed in the last few minutes. The password
    opens your key for the token, as signing in does; `locked` says when it could not. Wrong
    passwords are counted for the account, across all its sessions and tokens: after 5, a 429
    says how long to wait (and `Retry-After`), whatever the password; a 429 before any pause,
    with `Retry-After: 2` and "Other passwords for this account are being checked. Try again in
    a few seconds.", means others are being checked at that moment: nothing was counted."""
    pause = _password_first(request, payload.password)
    if pause is not None:
        throttle.with_retry_after(response, pause)
        detail = f"password: {throttle.refusal(pause)}"
        return Status(429, {"detail": detail, "field": "password"})
    user = user_of(request)
    locked = not open_key(user, payload.password)
    token, key = issue(user, payload.name)
    record(token.user, "token_created", token=token.pk)
    return Status(201, {**described(token), "key": key, "locked": locked})


def open_key(user: User, password: str | None) -> bool:
    """Whether `user`'s key is open for a new token to carry: open in this request already, or
    opened now by the (checked, right) password, as signing in opens it. A password that opens
    no current key (after a reset without the recovery code) leaves it shut: making a new key is
    for the next sign-in, which can show its recovery code."""
    if keyring.current(user.pk) is None and password is not None:
        vault.open_key(user, password)
    return keyring.current(user.pk) is not None


def _password_first(request: HttpRequest, password: str | None) -> timedelta | None:
    """Refuse (403, 400) unless the password allows a new token; the pause in force instead,
    when guessing must stop (even the right password is then refused unheard)."""
    if password is None:
        if by_token(request):
            raise refuse(
                "send your password to make a token with a token.", field="password", status=403
            )
        require_recent_password(request)
        return None
    right, pause = check_password(request, password)
    if pause is not None:
        return pause
    if not right:
        raise refuse(why_refused(password), field="password")
    return None


@router.delete("/{token_id}", response={200: Message, ERRORS: Error})
def revoke_token(request: HttpRequest, token_id: int) -> dict[str, str]:
    """Revoke one of your tokens; requests with it are refused from now on."""
    revocation.revoke(user_of(request), token_id)
    return {"detail": "Token revoked."}
