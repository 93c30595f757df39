"""Answers after which the connection must close: a body refused unread (413).

Django refuses a body over DATA_UPLOAD_MAX_MEMORY_SIZE by its Content-Length, before reading
it; the rest of it is still on the connection. gunicorn reads at most 64 KB of such a rest and
then drops the connection, after saying "Connection: keep-alive" — so a client sends its next
request into a closed connection. An answer marked by `closing` says "Connection: close"
instead, and the server closes it as it says.

`Connection` is hop-by-hop: a WSGI application may not send it (PEP 3333), and gunicorn drops
it from what an application sends. So the mark is read, and removed, by `CloseWhenAsked` around
the application (web/wsgi.py), which asks gunicorn's response to close (`force_close`); gunicorn
then writes "Connection: close" itself. Django's test client, which is no server, sees the mark.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.http import HttpResponseBase

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def closing(response: HttpResponseBase) -> HttpResponseBase:
    """`response`, marked so that the connection closes after it (see the module's docstring)."""
    response["Connection"] = "close"
    return response


class CloseWhenAsked:
    """The WSGI application `app`, whose responses marked by `closing` close the connection."""

    def __init__(self, app: WSGIApp) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        def start(status: str, headers: list[tuple[str, str]], *exc_info: Any) -> Any:
            kept = [(name, value) for name, value in headers if name.lower() != "connection"]
            if len(kept) != len(headers):
                force_close = getattr(
                    getattr(start_response, "__self__", None), "force_close", None
                )
                if callable(force_close):  # gunicorn's Response; other servers have their own
                    force_close()
            return start_response(status, kept, *exc_info)

        return self.app(environ, start)
