"""A form turned away to sign in, or to unlock the private entries, shows back what was typed.

A form sent once the session has ended (signed out in another tab, away too long) or with the
private entries locked in this browser is turned away with `unsent=1` (accounts/sign_in_return.py,
vault/middleware.py): a redirect to the sign-in or unlock page, which cannot carry the words. With
JavaScript the form's page keeps its own copy (static/nearer/form-drafts.js); without it a long
private note was simply gone. So a plain form (not htmx, which runs only with JavaScript) that
held words, sent by one of nearer's own pages, gets a page instead of the redirect: it says that
nothing was saved, shows the words to copy where no script keeps them, and links on to where the
redirect went. The words are shown only in this answer, to the browser that sent them, and are
kept nowhere. With JavaScript, where the tab kept its copy, the page goes on at once to where
the redirect went (form-drafts.js), as if it had been the redirect.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.template import loader
from django.urls import reverse

from nearer.web.accounts.sign_in_return import UNSENT
from nearer.web.errorpages import typed_to_show

#: Where a form is turned away to, and what the page says: (title, sentence, link).
WHY = {
    "sign_in": (
        "Please sign in again",
        "You were signed out (in another tab, or after a while away), so what you sent was not "
        "saved.",
        "Sign in, then send it again",
    ),
    "unlock": (
        "Please unlock your private entries",
        "Your private entries are locked in this browser, so what you sent was not saved.",
        "Unlock them, then send it again",
    ),
}


class WhatWasTypedShownBack:
    """Outside SignInReturnsToThePage, whose redirect it may replace."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        why = _turned_away_to(request, response)
        if why is None:
            return response
        typed = typed_to_show(request)
        if not typed:
            return response
        title, sentence, link = WHY[why]
        again = str(response["Location"])
        context = {"title": title, "sentence": sentence, "link": link, "again": again}
        body = loader.render_to_string("errors/unsent.html", {**context, "typed": typed})
        return HttpResponse(body, status=403)


def _turned_away_to(request: HttpRequest, response: HttpResponse) -> str | None:
    """ "sign_in" or "unlock" for a plain form's redirect there marked `unsent`, else None."""
    if request.method in ("GET", "HEAD") or request.headers.get("HX-Request") == "true":
        return None
    if response.status_code != 302:
        return None
    location = urlsplit(str(response.get("Location", "")))
    if parse_qs(location.query).get(UNSENT) != ["1"]:
        return None
    if location.path == resolve_url(settings.LOGIN_URL):
        return "sign_in"
    return "unlock" if location.path == reverse("unlock") else None
