"""A redirect answering an HTMX request moves the whole page.

htmx follows a redirect itself and swaps what it finds into the fragment the request aimed at:
signed out in another tab, a click on "Mark done" would put the whole sign-in page inside the
plan. Every redirect nearer gives an HTMX request means "go there", so this middleware answers it
with `HX-Redirect` instead, which htmx turns into a navigation of the whole page.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

REDIRECTS = frozenset({301, 302, 303, 307, 308})


class HtmxRedirectsNavigate:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.headers.get("HX-Request") != "true" or response.status_code not in REDIRECTS:
            return response
        navigate = HttpResponse(status=200)
        navigate["HX-Redirect"] = response["Location"]
        for cookie in response.cookies.values():  # a sign-out's cleared session, say
            navigate.cookies[cookie.key] = cookie
        return navigate
