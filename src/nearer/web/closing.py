"""Answers after which the connection must close: any sent before the request's body was read to
its end — a body refused unread (413), and a refusal that never looks at the body (a 401 without
a token, a 403 for CSRF, a 404).

Django refuses a body over DATA_UPLOAD_MAX_MEMORY_SIZE by its Content-Length, before reading
it; the rest of it is still on the connection. gunicorn reads at most 64 KB of such a rest and
then drops the connection, after saying "Connection: keep-alive" — so a client sends its next
request into a closed connection. An answer marked by `closing`, and any answer sent while the
body is still partly unread on the connection, says "Connection: close" instead, and the server
closes it as it says.

`Connection` is hop-by-hop: a WSGI application may not send it (PEP 3333), and gunicorn drops
it from what an application sends. So the mark is read, and removed, by `CloseWhenAsked` around
the application (web/wsgi.py), which asks gunicorn's response to close (`force_close`); gunicorn
then writes "Connection: close" itself. `CloseWhenAsked` also counts what the application reads
of the body (its Content-Length, or a chunked body's end), and closes the same way when an answer
starts before all of it was read. Django's test client, which is no server, sees the mark only.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from typing import Any

from django.http import HttpResponseBase

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def closing(response: HttpResponseBase) -> HttpResponseBase:
    """`response`, marked so that the connection closes after it (see the module's docstring)."""
    response["Connection"] = "close"
    return response


class Body:
    """A request's body stream (`wsgi.input`) that knows whether it has been read to its end."""

    def __init__(self, stream: Any, length: int | None) -> None:
        self.stream, self.length, self.read_so_far, self.ended = stream, length, 0, length == 0

    def read(self, size: int = -1, /) -> bytes:
        return self._seen(self.stream.read(size), size)

    def readline(self, size: int = -1, /) -> bytes:
        return self._seen(self.stream.readline(size), size)

    def _seen(self, data: bytes, size: int) -> bytes:
        self.read_so_far += len(data)
        at_length = self.length is not None and self.read_so_far >= self.length
        if at_length or (not data and size != 0):  # an empty read: the end
            self.ended = True
        return data


def body_of(environ: dict[str, Any]) -> Body:
    """`environ`'s body, counted: its Content-Length, or none (chunked: read until it ends)."""
    chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
    try:
        length = None if chunked else int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = None  # the server refuses such a request before it comes here
    return Body(environ.get("wsgi.input", io.BytesIO()), length)


class CloseWhenAsked:
    """The WSGI application `app`, whose responses marked by `closing`, or sent before the body
    was read to its end, close the connection."""

    def __init__(self, app: WSGIApp) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        body = environ["wsgi.input"] = body_of(environ)

        def start(status: str, headers: list[tuple[str, str]], *exc_info: Any) -> Any:
            kept = [(name, value) for name, value in headers if name.lower() != "connection"]
            if len(kept) != len(headers) or not body.ended:
                force_close = getattr(
                    getattr(start_response, "__self__", None), "force_close", None
                )
                if callable(force_close):  # gunicorn's Response; other servers have their own
                    force_close()
            return start_response(status, kept, *exc_info)

        return self.app(environ, start)
