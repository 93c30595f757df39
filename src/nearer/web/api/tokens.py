"""Personal API tokens: create one (its key is shown once), list and revoke one's own.

A key is `nearer_` and 43 random URL-safe characters. Only its sha256 is stored, with its first
characters for recognising it in a list; a lost key cannot be shown again, only replaced.
Revoking, one token or all of a person's, lives in `nearer.web.security.tokens`, which the
browser's pages use too.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Annotated

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from pydantic import StringConstraints, field_validator

from nearer.web.accounts.models import User
from nearer.web.api.access import require_recent_password, user_of
from nearer.web.api.errors import ERRORS, Error, Message
from nearer.web.api.models import Token
from nearer.web.audit.events import record
from nearer.web.security import tokens as revocation
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
    token = Token.objects.select_related("user").filter(key_hash=Token.hash(key)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
        token.last_used_at = now
        Token.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


class TokenIn(Schema):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]

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


class NewTokenOut(TokenOut):
    key: str  # shown in this response only


@router.get("", response={200: list[TokenOut], ERRORS: Error})
def list_tokens(request: HttpRequest) -> list[Token]:
    """Your tokens, newest first. Keys are never shown again; prefixes help you tell them apart."""
    return list(Token.objects.filter(user=user_of(request)))


@router.post("", response={201: NewTokenOut, ERRORS: Error})
def create_token(request: HttpRequest, payload: TokenIn) -> Status[dict[str, object]]:
    """A new token. Copy its `key` now: it is shown in this response and never again."""
    require_recent_password(request)
    token, key = issue(user_of(request), payload.name)
    record(token.user, "token_created", token=token.pk)
    return Status(201, {**TokenOut.model_validate(token).model_dump(), "key": key})


@router.delete("/{token_id}", response={200: Message, ERRORS: Error})
def revoke_token(request: HttpRequest, token_id: int) -> dict[str, str]:
    """Revoke one of your tokens; requests with it are refused from now on."""
    revocation.revoke(user_of(request), token_id)
    return {"detail": "Token revoked."}
