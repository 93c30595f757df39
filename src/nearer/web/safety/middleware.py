"""Signed-in pages are never kept by the browser: after a quick exit (or signing out), the back
button asks the server again and gets the sign-in page, not a copy of someone's notes. (The
support page is never kept for anyone either: insights.views.support says so itself.)"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


class NoStoreWhenSignedIn:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)  # no-store, no-cache, private, max-age=0
        return response
