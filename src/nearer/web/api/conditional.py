"""Conditional writes (RFC 9110, section 13): an ETag names the version of a thing a client has
read, and a write that sends it back in `If-Match` is refused with a 412 when that thing has
been saved since; `If-None-Match: *` asks to create it only when there is none yet.

A write that sends neither header is not checked: the last write wins. A read (GET, HEAD) that
names in `If-None-Match` the version there now is a 304 Not Modified: the copy the client has
is still the one.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from nearer.web.api.errors import ApiError, refuse

#: A save over a version newer than the one the client read (or over none at all).
STALE = (
    "{what} was saved again since the version you sent in If-Match (on another device, or by "
    "another request), or is gone, so nothing was saved: read it again, and send your change "
    "with its new ETag."
)
#: A create-only save (If-None-Match: *) over one that exists.
EXISTS = (
    "{what} exists already (If-None-Match: * saves only where there is none), so nothing was "
    "saved: read it, and send your change with its ETag in If-Match."
)
#: A save that names, in If-None-Match, the very version there now.
UNCHANGED = "{what} is still the version you sent in If-None-Match, so nothing was saved."


def etag(stamp: str) -> str:
    """A strong entity tag (quoted) for a version stamp, as `ETag` and `If-Match` carry it."""
    return f'"{stamp}"'


def not_modified(request: HttpRequest, current: str) -> HttpResponse | None:
    """For a read (GET, HEAD): a 304 Not Modified, with no body and the ETag, when its
    `If-None-Match` names `current`, the stamp of the version there now (compared weakly; "*"
    names any); else None, and the read answers in full."""
    header = request.headers.get("If-None-Match")
    if header is None or not _matches(header, current, weak=True):
        return None
    response = HttpResponse(status=304)
    response["ETag"] = etag(current)
    return response


def is_conditional(request: HttpRequest) -> bool:
    """Whether the request sends If-Match or If-None-Match, so that a write must be checked."""
    return "If-Match" in request.headers or "If-None-Match" in request.headers


def refuse_unless_current(request: HttpRequest, current: str | None, what: str) -> None:
    """A 412 naming `what` ("This day's check-in") when the request's `If-Match` or
    `If-None-Match` does not hold for the version there now: `current` is its stamp, None when
    there is none. If-Match compares strongly (a weak tag, W/"…", never matches), If-None-Match
    weakly; without either, nothing is checked."""
    if_match = request.headers.get("If-Match")
    if if_match is not None and not _matches(if_match, current, weak=False):
        raise _failed(STALE, what)
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None and _matches(if_none_match, current, weak=True):
        raise _failed(EXISTS if if_none_match.strip() == "*" else UNCHANGED, what)


def _matches(header: str, current: str | None, *, weak: bool) -> bool:
    if current is None:
        return False  # nothing there: neither "*" nor a tag is it
    if header.strip() == "*":
        return True
    tags = [tag.strip() for tag in header.split(",")]
    if weak:
        tags = [tag.removeprefix("W/") for tag in tags]
    return etag(current) in tags


def _failed(message: str, what: str) -> ApiError:
    return refuse(message.format(what=what), status=412)
