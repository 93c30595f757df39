"""Two ways in: a personal token (`Authorization: Bearer <key>`) or the browser's session, which,
like django-ninja's SessionAuth, must pass Django's CSRF check for unsafe methods."""

from __future__ import annotations

import zoneinfo

from django.http import HttpRequest
from django.utils import timezone
from ninja import security
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer
from ninja.utils import check_csrf

from nearer.web.accounts.models import User
from nearer.web.api import tokens
from nearer.web.vault import services as vault


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User:
        found = tokens.token_for_key(token)
        if found is None:
            # A wrong or revoked token is a 401 at once, never a fall-through to the session.
            raise AuthenticationError(message="This token is not valid or has been revoked.")
        request.user = found.user
        vault.unlock_token(found, token)  # the owner's private text, for this request only
        request.api_token = found
        # The middleware saw no session; "today" is still the person's own today.
        timezone.activate(zoneinfo.ZoneInfo(found.user.time_zone))
        user: User = found.user
        return user


class SessionAuth(security.SessionAuth):  # its name is the OpenAPI scheme's
    """ninja's SessionAuth, whose CSRF check is made for a signed-in session only: a request with
    neither token nor session is a 401 that asks for a token, not a 403 about CSRF (the check
    protects a session, and there is none)."""

    def __call__(self, request: HttpRequest) -> User | None:
        if not request.user.is_authenticated:
            return None
        user: User | None = super().__call__(request)
        return user


#: Token first: a request with a bearer token never needs, or gets, the CSRF check.
AUTH = [TokenAuth(), SessionAuth()]


#: For an upload, whose body must not be read before the operation has put its own upload
#: handler in place (chats.receive): Django's CSRF check reads a POST's body, so by session the
#: operation makes that check itself, with `require_csrf`, once the handler is there.
AUTH_CSRF_IN_OPERATION = [TokenAuth(), SessionAuth(csrf=False)]


def require_csrf(request: HttpRequest) -> None:
    """Django's CSRF check, as `SessionAuth` makes it, for a request signed in by session (a token
    needs none): a 403 when it fails. Only for operations with AUTH_CSRF_IN_OPERATION."""
    if getattr(request, "api_token", None) is None and check_csrf(request) is not None:
        raise HttpError(403, "CSRF check Failed")
