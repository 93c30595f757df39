"""The pages Django shows when a request goes wrong before or outside a view: 400, 403 (and a
failed CSRF check), 404, 405 (a method a view does not take) and 500. Each says in plain words
what happened and what to do, and that nothing saved before is lost (but the 405: it may answer
a form just refused, whose words were not saved); under /api/ the same sentence comes in the
API's one error shape.

They are standalone (no base.html): base.html asks the database who is signed in, and a 500 may
be the database. Their titles are neutral, like every title in nearer.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import (
    DisallowedHost,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import HttpRequest, HttpResponse, JsonResponse, UnreadablePostError
from django.template import loader

from nearer.web.access import NoCoupleSpace
from nearer.web.accounts.sign_in_return import page_sent_from, sent_from_this_site
from nearer.web.closing import closing
from nearer.web.form_text import NotUtf8
from nearer.web.typed import typed_words

KEPT = "Nothing you saved before is lost."
KEEPS_DRAFTS = "Nearer-Keeps-Drafts"


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if isinstance(exception, RequestDataTooBig):  # a 413, as the API's; the rest is unread
        page = _page(request, 413, "That request could not be read", _too_big())
        closing(page)
        return page
    return _page(request, 400, "That request could not be read", _why_bad(exception))


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 403, "Not allowed", "This page is not open to you.")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Mostly a form from before signing in or out in another tab (the CSRF secret changed). The
    page keeps the tab's copy of what was typed (form-drafts.js, as the sign-in page does), which
    the form's page puts back when opened again: the link, Back, or a reload under htmx. Without
    JavaScript it shows the words typed, to copy, when the browser says one of nearer's own pages
    sent the form (`Origin`): never words another site posted."""
    response = _page(
        request,
        403,
        "Please send that again",
        "You signed in or out in another tab since this form's page was opened (or the form "
        "came from another page), so it was not sent and nothing of it was saved. Open the form "
        "again and send it once more.",
        again=page_sent_from(request) or "/home/",
        typed=typed_to_show(request),
    )
    response[KEEPS_DRAFTS] = "true"  # for form-drafts.js under htmx, where no page loads
    return response


def typed_to_show(request: HttpRequest) -> list[tuple[str, str]]:
    """The words of a refused form to show back (csrf_failure): only of a plain form (never an
    upload, which would be read here just for this) sent by a page of nearer's; none where the
    body cannot be read, as the refusal may come before anything read it."""
    plain = request.content_type == "application/x-www-form-urlencoded"
    if not plain or not sent_from_this_site(request):
        return []
    try:
        return typed_words(request)
    except (RequestDataTooBig, TooManyFieldsSent, UnreadablePostError):
        return []


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if isinstance(exception, NoCoupleSpace):
        return _no_couple_space(request)
    return _page(request, 404, "Not found", "There is nothing here, or it is not yours to see.")


def _no_couple_space(request: HttpRequest) -> HttpResponse:
    """A page of the couple space, or a form sent to it, once the person has left it (in
    another tab, the form still open here): what happened, and the words of a form, to copy."""
    sent = request.method not in ("GET", "HEAD")
    sentence = "You are not in a couple space now" + (
        ", so what you sent was not saved." if sent else "."
    )
    typed = typed_to_show(request) if sent else []
    kept = "Create one, or join your partner's with a code, from the couple page."
    return _page(request, 404, "Not in a couple space", sentence, kept=kept, typed=typed)


def server_error(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        500,
        "Something went wrong",
        "nearer hit a problem of its own and did not finish this. It has been logged, without "
        "anything you wrote; please try again in a moment.",
    )


class MethodNotAllowedPage:
    """Django answers a method a view does not take with an empty 405; this middleware gives it
    the page. A reload after a refused form shows the form's address, and lands here."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or response.content or request.path.startswith("/api/"):
            return response
        allowed = response.get("Allow", "")
        title, sentence = _not_taken(allowed)
        # "nothing saved is lost" would read as if the form sent had been kept
        refused = _page(request, 405, title, sentence, kept="")
        refused["Allow"] = allowed
        # Django logged the refusal, with the method: the page in its place is not logged again
        logged = getattr(response, "_has_been_logged", False)
        refused._has_been_logged = logged
        return refused


def _not_taken(allowed: str) -> tuple[str, str]:
    """The 405's title and words: a page (it answers GET) sent a form, or a form's address
    opened as a page."""
    if "GET" in (method.strip() for method in allowed.split(",")):
        return (
            "This page takes no form",
            "This page is to open, not to send a form to, so what was sent was not saved. Open "
            "the page again, or go to the start.",
        )
    return (
        "This address takes a form",
        "This is where a form on another page is sent, not a page to open. If a form was just "
        "sent here, what it held was not saved: go back to that page to send it again, or to "
        "the start.",
    )


def _too_big() -> str:
    kb = int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE) // 1024  # "256 KB", as the API says it
    return (
        f"What was sent is larger than nearer takes in one go ({kb} KB), so none of it was saved."
    )


def _why_bad(exception: Exception | None) -> str:
    if isinstance(exception, NotUtf8):
        return (
            f'The field "{exception.field[:60]}" held bytes that are not UTF-8 text, so none of '
            "what was sent was saved."
        )
    if isinstance(exception, TooManyFieldsSent | TooManyFilesSent):
        return "What was sent has more fields than any nearer form, so none of it was saved."
    if isinstance(exception, DisallowedHost):
        return "This server does not answer to that address."
    return "What was sent is not something nearer can read, so none of it was saved."


def _page(
    request: HttpRequest,
    status: int,
    title: str,
    sentence: str,
    kept: str = KEPT,
    again: str | None = None,
    typed: list[tuple[str, str]] | None = None,
) -> HttpResponse:
    """`again`, when given: the page of the form refused, to open again with what was typed;
    `typed`: its words, shown to copy where no script keeps them."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": sentence, "field": None}, status=status)
    context = {
        "title": title,
        "sentence": sentence,
        "kept": kept if status != 404 or kept != KEPT else "",
        "again": again,
        "typed": typed or [],
    }
    body = loader.render_to_string("errors/page.html", context)
    return whole_page(request, HttpResponse(body, status=status))


def whole_page(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """A whole page answering an HTMX request takes the whole body, not the fragment the
    request aimed at (base.html tells htmx to swap error answers)."""
    if request.headers.get("HX-Request") == "true":
        response["HX-Retarget"] = "body"
        response["HX-Reswap"] = "innerHTML"
    return response
