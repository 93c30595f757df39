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
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from typing import Any

from django.conf import settings

from nearer.web.closing import StartResponse, WSGIApp

LENGTH_REQUIRED = (
    "A chunked body larger than {kb} KB (a file upload) must be sent with its Content-Length."
)


class ChunkedBodies:
    """The WSGI application `app`, to which a chunked request body comes with a length."""

    def __init__(self, app: WSGIApp) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if not _chunked(environ):
            return self.app(environ, start_response)
        limit = int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        body = _read(environ["wsgi.input"], limit + 1)
        if len(body) > limit and _upload(environ):
            return _length_required(environ, start_response, limit)
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


def _length_required(
    environ: dict[str, Any], start_response: StartResponse, limit: int
) -> Iterable[bytes]:
    """A 411, in the API's one error shape under /api/, in plain text elsewhere; it closes the
    connection, the rest of the body being unread."""
    detail = LENGTH_REQUIRED.format(kb=limit // 1024)
    if environ.get("PATH_INFO", "").startswith("/api/"):
        body, kind = json.dumps({"detail": detail, "field": None}).encode(), "application/json"
    else:
        body, kind = detail.encode(), "text/plain; charset=utf-8"
    headers = [
        ("Content-Type", kind),
        ("Content-Length", str(len(body))),
        ("Connection", "close"),
    ]
    start_response("411 Length Required", headers)
    return [body]
