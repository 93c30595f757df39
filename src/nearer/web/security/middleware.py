"""Sessions end when they are ended elsewhere, idle too long or simply too old; and every
response carries the security headers (headers.py)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from nearer.web.security import sessions


class SessionLimitsMiddleware:
    """After AuthenticationMiddleware: a request on a session that may not go on is anonymous,
    so a page that needs a sign-in sends it to the login page like any signed-out visit."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        sign_in = None
        if request.user.is_authenticated:
            sign_in, stopped = sessions.current(request, timezone.now())
            if stopped:
                request.session.flush()
                request.user = AnonymousUser()
        request.sign_in = sign_in
        response = self.get_response(request)
        if sign_in is not None:
            sessions.follow_key(request, sign_in)
        return response
