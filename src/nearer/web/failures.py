"""When the database cannot take a write, the person gets a kind 503, never a traceback.

A full disk, a read-only database file or a database server out of reach is not the person's
fault and not a bug in nearer: the page says what happened in plain words, says that nothing saved
before is lost, and shows the form again with what they typed, ready to send once more. The API
gets the same sentence in its one error shape. Anything else is left to Django's 500.

One middleware serves every view, so no view has to catch database errors itself. It finds the
form the view was saving in the failed call's frames (as Django's debug page finds its locals);
without one it shows the posted fields as they came.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import DatabaseError, InternalError, OperationalError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from nearer.web.errorpages import whole_page
from nearer.web.typed import posted_fields

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 60
FULL = "The server's disk is full, so nearer could not save this just now."
READ_ONLY = "nearer's database cannot be written to just now, so this was not saved."
UNREACHABLE = "nearer's database is busy or out of reach just now, so this was not saved."
DISK = "nearer could not write to the server's disk just now, so this was not saved."
REASSURANCE = "Nothing you saved before is lost."
# SQLite says these in its messages; PostgreSQL by SQLSTATE (class 53: out of resources,
# class 08: connection trouble, 25006: a read-only transaction, 57P0x: the server shutting down).
_SQLITE_WORDS = {
    "full": FULL,
    "readonly": READ_ONLY,
    "read-only": READ_ONLY,
    "disk i/o error": DISK,
    "unable to open": DISK,
    "locked": UNREACHABLE,
    "busy": UNREACHABLE,
}
_SQLSTATE_PREFIXES = {
    "53100": FULL,  # disk full; first, before the rest of its class
    "53": UNREACHABLE,
    "25006": READ_ONLY,
    "08": UNREACHABLE,
    "57P0": UNREACHABLE,
}
_CONNECTION_WORDS = (
    "connection failed",
    "could not connect",
    "connection refused",
    "server closed the connection",
)


def problem_with(exc: BaseException) -> str | None:
    """A sentence for a person when `exc` means the database cannot store anything right now;
    None for any other error, which stays a 500 (a bug should not pass for bad weather)."""
    if not isinstance(exc, OperationalError | InternalError):
        return None
    sqlstate = getattr(exc.__cause__, "sqlstate", None) or ""
    for prefix, sentence in _SQLSTATE_PREFIXES.items():
        if sqlstate.startswith(prefix):
            return sentence
    text = str(exc).lower()
    if any(words in text for words in _CONNECTION_WORDS):
        return UNREACHABLE
    if isinstance(exc, OperationalError) and not sqlstate:
        return next((sentence for word, sentence in _SQLITE_WORDS.items() if word in text), None)
    return None


def typed_form(exc: BaseException) -> BaseForm | None:
    """The bound form that the failed request was saving, from the outermost frame that has one."""
    frame = exc.__traceback__
    while frame is not None:
        for value in frame.tb_frame.f_locals.values():
            if isinstance(value, BaseForm) and value.is_bound:
                return value
        frame = frame.tb_next
    return None


def unavailable(request: HttpRequest, exc: BaseException, sentence: str) -> HttpResponse:
    """The 503: JSON for the API, else the page with the typed form to send again."""
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse(
            {"detail": f"{sentence} {REASSURANCE} Try again in a minute.", "field": None},
            status=503,
        )
    else:
        posted = request.method == "POST"
        form = typed_form(exc) if posted else None
        context = {
            "title": "Not saved just now",
            "sentence": sentence,
            "reassurance": REASSURANCE,
            "form": form,
            "fields": posted_fields(request) if posted and form is None else [],
            "posted": posted,
            "action": request.get_full_path(),
        }
        response = whole_page(
            request, render(request, "failures/unavailable.html", context, status=503)
        )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class StorageFailureMiddleware:
    """Turns a database that cannot store anything into the 503 above, for every view."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        sentence = problem_with(exc) if isinstance(exc, DatabaseError) else None
        if sentence is None:
            return None
        # The database's own words and where, never what the person wrote.
        logger.error("database unavailable on %s %s: %s", request.method, request.path, exc)
        return unavailable(request, exc, sentence)
