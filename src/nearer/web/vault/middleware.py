"""A keyring scope for every request, opened with the session's key; locked writes answered."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from nearer.web.vault import keyring, sessions


class VaultMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with keyring.scope():
            sessions.open_held(request)
            response = self._show_code_first(request) or self.get_response(request)
            sessions.set_cookie(request, response)
        return response

    def _show_code_first(self, request: HttpRequest) -> HttpResponse | None:
        """A new recovery code is shown before anything else, once."""
        fragment = request.headers.get("HX-Request") == "true"  # a fragment: the next page shows it
        if request.method != "GET" or fragment or not sessions.has_code(request):
            return None
        page = reverse("recovery_code")
        skip = request.path in (page, reverse("logout")) or request.path.startswith(
            # Support, the quick exit and its neutral page are never held up, not even by this.
            ("/api/", "/static/", "/healthz", "/support/", "/exit/", "/weather/")
        )
        return None if skip else redirect(f"{page}?{urlencode({'next': request.get_full_path()})}")

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, keyring.Locked):
            return None
        if request.path.startswith("/api/"):
            detail = "Your private entries are locked here: sign in again, or use a new token."
            return JsonResponse({"detail": detail}, status=403)
        return redirect(f"{reverse('unlock')}?{urlencode({'next': request.get_full_path()})}")
