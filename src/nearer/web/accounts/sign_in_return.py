"""Signing in again returns to the page a form was on, never to the form's own address.

A form sent on an ended session (signed out in another tab, idle too long) is turned away by
`login_required` to the sign-in page with `next` = the address it was sent to. Many of those
take only a POST (/daily/day/<day>/answer/, /plan/done/<id>/): signing in would end on a 405.
So for a form (any POST) and for every HTMX request, `next` becomes the page the request came
from: `HX-Current-URL` for htmx, else the `Referer`, and only when it is on this site (never an
open redirect): its own host, or behind a proxy the origins of CSRF_TRUSTED_ORIGINS and
NEARER_PUBLIC_URL. `next` is always a path. The page's own script keeps what was typed
(static/nearer/form-drafts.js). Unknown or elsewhere, there is no `next`: the dashboard, rather
than a dead end. A form's `unsent=1` has the sign-in page say that what was sent was not saved.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs, urlencode, urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.utils.http import is_same_domain, url_has_allowed_host_and_scheme

#: The sign-in address's flag for a form that was turned away: what it sent was not saved, and
#: the sign-in page says so (a button pressed, such as "Mark done", needs pressing again).
UNSENT = "unsent"


class SignInReturnsToThePage:
    """Inside HtmxRedirectsNavigate, so an HTMX request gets the rewritten address to go to."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not _turned_away(request, response) or not _sent_from_a_page(request):
            return response
        page = page_sent_from(request)
        query = {"next": page} if page else {}
        if request.method not in ("GET", "HEAD"):
            query[UNSENT] = "1"  # the sign-in page says it was not saved
        response["Location"] = _sign_in_path() + (f"?{urlencode(query)}" if query else "")
        return response


def _turned_away(request: HttpRequest, response: HttpResponse) -> bool:
    """Sent to sign in with `next` = this request's own address, as `login_required` does (a
    sign-up's redirect to sign in, next=/welcome/, is a different thing and stays)."""
    if response.status_code != 302:
        return False
    location = urlsplit(str(response["Location"]))
    return location.path == _sign_in_path() and parse_qs(location.query).get("next") == [
        request.get_full_path()
    ]


def _sent_from_a_page(request: HttpRequest) -> bool:
    """A GET opened without htmx is itself the page to come back to."""
    return request.method not in ("GET", "HEAD") or request.headers.get("HX-Request") == "true"


def page_sent_from(request: HttpRequest) -> str | None:
    """The path (and query) of the page on this site that sent `request`, or None if unknown,
    on another site, or the sign-in page itself."""
    if request.headers.get("HX-Request") == "true":
        url = request.headers.get("HX-Current-URL", "")
    else:
        url = request.headers.get("Referer", "")
    url = str(url)
    parts = urlsplit(url)
    if not url or not _on_this_site(request, url) or parts.path == _sign_in_path():
        return None
    if not parts.path.startswith("/") or parts.path.startswith("//"):  # another host, to a browser
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def sent_from_this_site(request: HttpRequest) -> bool:
    """Whether the browser says (`Origin`, which a page cannot forge) that `request` was sent by
    a page of this site, as `_on_this_site` tells one. False without the header."""
    origin = str(request.headers.get("Origin", ""))
    return origin not in ("", "null") and _on_this_site(request, origin + "/")


def _on_this_site(request: HttpRequest, url: str) -> bool:
    """Whether `url` is on this site: its host as the request names it, or, behind a proxy on
    another origin, one of the origins people open nearer at (CSRF_TRUSTED_ORIGINS, a `*.`
    subdomain pattern too, and NEARER_PUBLIC_URL), scheme and port alike. Nothing else."""
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return True
    parts = urlsplit(url)
    return _a_public_origin(parts.scheme.lower(), parts.netloc.lower()) and (
        url_has_allowed_host_and_scheme(url, allowed_hosts={parts.netloc})
    )


def _a_public_origin(scheme: str, netloc: str) -> bool:
    origins = [*settings.CSRF_TRUSTED_ORIGINS, settings.NEARER_PUBLIC_URL]
    for origin in filter(None, (str(o).lower() for o in origins)):
        trusted = urlsplit(origin)
        if trusted.scheme == scheme and is_same_domain(netloc, trusted.netloc.replace("*", "", 1)):
            return True
    return False


def _sign_in_path() -> str:
    return str(resolve_url(settings.LOGIN_URL))
