"""HEAD wherever GET is (RFC 9110), and never a change: ninja routes HEAD to no operation.

A HEAD runs the GET operation for its status and headers, in a transaction that is always
rolled back, so nothing a GET writes on the way (an activity line, a token's last use, the
week's plan that `GET /plan` makes when there is none) is kept for a HEAD. An operation whose
answer is costly to build, such as the whole-account export, asks `is_head` after its checks
and answers with `headers_only`, building nothing.
"""

from __future__ import annotations

import functools
from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.urls import URLPattern

#: Set on a HEAD request while its GET operation runs (the method then reads GET).
MARK = "nearer_head"


def head_as_get(pattern: URLPattern) -> URLPattern:
    """`pattern` answering HEAD as it answers GET, without the body and without a change; a
    path that takes no GET refuses HEAD too."""
    view = pattern.callback

    @functools.wraps(view)  # keeps csrf_exempt: ninja checks CSRF itself
    def answer(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method != "HEAD":
            return view(request, *args, **kwargs)
        response = _as_get(view, request, *args, **kwargs)
        if response.status_code == 405:
            return view(request, *args, **kwargs)
        if not response.streaming:  # a headers_only answer has no length to give
            response["Content-Length"] = str(len(response.content))
            response.content = b""
        return response

    return URLPattern(pattern.pattern, answer, pattern.default_args, pattern.name)


def _as_get(view: Any, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    request.method = "GET"
    setattr(request, MARK, True)
    try:
        with transaction.atomic():
            response: HttpResponse = view(request, *args, **kwargs)
            transaction.set_rollback(True)  # a HEAD changes nothing, whatever the GET writes
    finally:
        request.method = "HEAD"
        delattr(request, MARK)
    return response


def is_head(request: HttpRequest) -> bool:
    """Whether this GET operation runs for a HEAD request (see the module's docstring)."""
    return bool(getattr(request, MARK, False))


def headers_only(content_type: str = "application/json") -> HttpResponse:
    """A 200 with `content_type` and no body or length, for a HEAD whose body is costly."""
    return StreamingHttpResponse(iter(()), content_type=content_type)
