"""A form whose words are not UTF-8 is refused (400), naming the field, before any view reads it.

Django reads such bytes as U+FFFD, and the form would save "ok�(�" as a reply the partner reads,
or a private note, with no word said. Every page of nearer declares UTF-8 and browsers send it,
so only a hand-made request (or a broken client) sends other bytes. Plain forms are checked
(`application/x-www-form-urlencoded`, every form but the chat upload, whose export is read as
bytes and whose few words are names chosen from a list); the API refuses bytes that are not
UTF-8 in its own parser.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from django.core.exceptions import BadRequest, RequestDataTooBig
from django.http import HttpRequest, HttpResponse

FORM = "application/x-www-form-urlencoded"


class NotUtf8(BadRequest):
    """A field of a form holds bytes that are not UTF-8; errorpages.bad_request names it."""

    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


class FormTextIsUtf8:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and request.content_type == FORM:
            try:
                body = request.body
            except RequestDataTooBig:  # the view's first read refuses it, as it always has
                return self.get_response(request)
            field = first_not_utf8(body)
            if field is not None:
                raise NotUtf8(field)
        return self.get_response(request)


def first_not_utf8(body: bytes) -> str | None:
    """The name of the first field of a form `body` whose name or value, unquoted, is not
    UTF-8 (shown as far as it can be read); None when every one is."""
    for pair in body.split(b"&"):
        name, _, value = (
            unquote_to_bytes(part.replace(b"+", b" ")) for part in pair.partition(b"=")
        )
        try:
            name.decode("utf-8")
            value.decode("utf-8")
        except UnicodeDecodeError:
            return name.decode("utf-8", "replace")
    return None
