"""An invitation link opened by someone signed out survives signing up, not only signing in.

The link one partner sends the other, /couple/join/<code>/, turns a signed-out person away to
the sign-in page with `next` = the link, as every page does. Most partners have no account yet:
the sign-in page's "Create an account" carries `next` to the sign-up page (and its "Sign in"
back), and a sign-up that came with a join link sends on to sign in with it rather than to the
welcome page, so the first sign-in, its recovery code shown first (vault.middleware keeps
`next`), ends on the join page. Such an account starts without a solo couple space: the space
it was invited to is to be its first (accounts/signup.py). Joining then goes on to the welcome
page, whose private safety check comes first, as a sign-up would have (couples/views.py).

Any other `next` is carried between the two pages, but a new account still starts at the
welcome page. Only a path on this site is ever carried: never an open redirect.

Both pages say in one sentence that this is an invitation, and nothing else: not who sent it,
nor whether the code is good. Anyone can write such a link, and the pages are open to anyone.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from django.http import HttpRequest
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme

JOIN_VIEW = "couple_join_code"


def next_path(request: HttpRequest) -> str:
    """The `next` of the request's address when it is a path on this site (`/…`, no scheme
    or host), else ""."""
    target = str(request.GET.get("next", ""))
    return target if is_path(target) else ""


def is_path(target: str) -> bool:
    """Whether `target` is a path on this site: not `//host/…`, `\\host`, a scheme or a host."""
    local = url_has_allowed_host_and_scheme(target, allowed_hosts=None)
    return local and target.startswith("/") and not urlsplit(target).netloc


def is_invitation(path: str) -> bool:
    """Whether `path` is an invitation link to join a couple space (/couple/join/<code>/)."""
    try:
        name: str | None = resolve(urlsplit(path).path).url_name
    except Resolver404:
        return False
    return name == JOIN_VIEW


def with_next(url: str, path: str) -> str:
    """`url` with `?next=path`, or `url` alone when `path` is not a path on this site."""
    return f"{url}?{urlencode({'next': path})}" if is_path(path) else url
