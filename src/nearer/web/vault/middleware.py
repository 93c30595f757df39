"""A keyring scope for every request, opened with the session's key; locked writes answered.

The key's secret travels in a SameSite=Strict cookie (sessions.py), which browsers leave out of
a navigation that comes from another site: a link in an email or a chat app would open a page
with the person's private entries locked. Such a request (`Sec-Fetch-Site: cross-site`, a
session holding a key, no cookie) is answered with an empty page that reloads itself at once;
the reload starts on this site, so the cookie comes with it. Browsers that do not say where a
request came from are left as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from nearer.web.accounts.sign_in_return import UNSENT, page_sent_from
from nearer.web.vault import keyring, sessions

RELOAD = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">'
    '<meta http-equiv="refresh" content="0"><title>nearer</title></head><body></body></html>'
)


class VaultMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with keyring.scope():
            sessions.open_held(request)
            response = (
                self._reload_for_cookie(request)
                or self._show_code_first(request)
                or self.get_response(request)
            )
            sessions.set_cookie(request, response)
        return response

    def _reload_for_cookie(self, request: HttpRequest) -> HttpResponse | None:
        """A page reached from another site, without the key's cookie: reload it from here."""
        arrived_from_elsewhere = request.headers.get("Sec-Fetch-Site") == "cross-site"
        if request.method != "GET" or not arrived_from_elsewhere:
            return None
        if not sessions.held_without_cookie(request):
            return None
        response = HttpResponse(RELOAD)
        response["Cache-Control"] = "no-store"
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
        return redirect(f"{reverse('unlock')}?{urlencode(_back_after_unlocking(request))}")


def _back_after_unlocking(request: HttpRequest) -> dict[str, str]:
    """As after signing in (accounts/sign_in_return.py): a form, or any htmx request, returns to
    the page it was sent from, whose script puts back what was typed (the unlock page keeps the
    tab's copy); never to a form's own address, which may take only a POST. A form adds
    `unsent`, for the unlock page to say that it was not saved."""
    sent = request.method not in ("GET", "HEAD")
    page = page_sent_from(request) if sent or request.headers.get("HX-Request") == "true" else None
    query = {"next": page or request.get_full_path()}
    if sent:
        query[UNSENT] = "1"
    return query
