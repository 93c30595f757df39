"""Request bodies sent with `Transfer-Encoding: chunked`, read as a body with a length.

Django reads a request's body only as far as its Content-Length, so a chunked body, which has
none, was read as empty: a JSON POST answered as if it had no body. The server (gunicorn) undoes
the chunking; here the body is read whole, up to DATA_UPLOAD_MAX_MEMORY_SIZE (256 KB, the most
any JSON body or form may be), and handed on with the length it turned out to have.

A chunked body over that limit is read no further. A JSON body or a form then has a length
over the limit, which Django refuses as it refuses any such body (413). A file upload (a chat
export, multipart) may be far larger than the limit and is streamed to disk as it comes, by its
Content-Length; sent chunked, it is refused with 411 Length Required, to be sent with a length.
Either answer closes the connection, the rest of the body being unread (web/closing.py).

The body is read before anything else looks at the request (who sends it, where it goes), so
a body that never ends would hold a server thread for ever, and a handful of them the whole
server. Reading stops after BODY_SECONDS: the answer is a 408 that closes the connection.
Public servers should still sit behind a proxy that buffers request bodies (docs/security.md).
"""

from __future__ import annotations

import contextlib
import io
import json
import socket
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings

from nearer.web.closing import StartResponse, WSGIApp

LENGTH_REQUIRED = (
    "A chunked body larger than {kb} KB (a file upload) must be sent with its Content-Length."
)
#: The longest a chunked body may take to arrive, in seconds.
BODY_SECONDS = 10.0
TOO_SLOW = "The request body took more than {seconds:g} seconds to arrive."


class ChunkedBodies:
    """The WSGI application `app`, to which a chunked request body comes with a length."""

    def __init__(self, app: WSGIApp) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if not _chunked(environ):
            return self.app(environ, start_response)
        limit = int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        with _deadline(environ.get("gunicorn.socket"), BODY_SECONDS) as expired:
            try:
                body = _read(environ["wsgi.input"], limit + 1)
            except Exception:  # the server's reader, its socket shut: any of its errors
                if not expired.is_set():
                    raise
                body = b""
        if expired.is_set():  # cut short at the deadline (an error, or an end read as the body's)
            return _refuse(environ, start_response, "408 Request Timeout", _too_slow())
        if len(body) > limit and _upload(environ):
            detail = LENGTH_REQUIRED.format(kb=limit // 1024)
            return _refuse(environ, start_response, "411 Length Required", detail)
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))  # over the limit: refused by Django, 413
        return self.app(environ, start_response)


def _chunked(environ: dict[str, Any]) -> bool:
    """A chunked body the server has undone the chunking of (the server then says, in
    `wsgi.input_terminated`, that reading the input ends where the body does)."""
    sent = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
    return sent and bool(environ.get("wsgi.input_terminated"))


def _read(stream: Any, most: int) -> bytes:
    """At most `most` bytes of `stream`, fewer only where it ends."""
    parts, left = [], most
    while left > 0:
        part = stream.read(min(left, 64 * 1024))
        if not part:
            break
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def _upload(environ: dict[str, Any]) -> bool:
    return str(environ.get("CONTENT_TYPE", "")).lower().startswith("multipart/")


def _too_slow() -> str:
    return TOO_SLOW.format(seconds=BODY_SECONDS)


@contextmanager
def _deadline(client: socket.socket | None, seconds: float) -> Iterator[threading.Event]:
    """While the block runs, for at most `seconds`: after them, `client`'s reading side is shut,
    so a read waiting on it ends (however slowly the bytes trickle in), and the event is set.
    Without a socket (not under gunicorn), no deadline."""
    expired = threading.Event()
    if client is None:
        yield expired
        return

    def shut() -> None:
        expired.set()
        with contextlib.suppress(OSError):  # already closed by the client
            client.shutdown(socket.SHUT_RD)

    timer = threading.Timer(seconds, shut)
    timer.daemon = True
    timer.start()
    try:
        yield expired
    finally:
        timer.cancel()


def _refuse(
    environ: dict[str, Any], start_response: StartResponse, status: str, detail: str
) -> Iterable[bytes]:
    """`status`, in the API's one error shape under /api/, in plain text elsewhere; it closes
    the connection, the rest of the body being unread."""
    if environ.get("PATH_INFO", "").startswith("/api/"):
        body, kind = json.dumps({"detail": detail, "field": None}).encode(), "application/json"
    else:
        body, kind = detail.encode(), "text/plain; charset=utf-8"
    headers = [
        ("Content-Type", kind),
        ("Content-Length", str(len(body))),
        ("Connection", "close"),
    ]
    start_response(status, headers)
    return [body]
