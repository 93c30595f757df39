"""Absolute links in emails, from an origin no one outside can choose; links shown to be passed on.

A request's Host header is whatever its sender wrote. Django refuses a host NEARER_ALLOWED_HOSTS
does not name, so where it names hosts the request's host is one of the server's own; with `*`
it is the sender's choice, and a reset email asked for with `Host: evil.example` would carry a
valid reset link to evil.example. So emailed links start with NEARER_PUBLIC_URL when it is set,
else with the request's origin only while ALLOWED_HOSTS names hosts. `nearer serve` refuses `*`
without NEARER_PUBLIC_URL (env.check_public_links); this keeps the rule for a server started
another way.

A link shown on a page for its reader to pass on (an invitation to join the couple space) came
from that reader's own browser's host, so it cannot be someone else's choice; it still starts
with NEARER_PUBLIC_URL when that is set, the address partners reach the server at (behind a
proxy or a tunnel the request's own host may be an inside one).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


class NoTrustedOrigin(Exception):
    """ALLOWED_HOSTS takes any host and NEARER_PUBLIC_URL is not set: no link can be trusted."""


def trusted_origin(request: HttpRequest) -> str:
    """`scheme://host[:port]` for links in an email about `request`, without a trailing `/`;
    NoTrustedOrigin when the request's host may be anyone's."""
    public: str = settings.NEARER_PUBLIC_URL
    if public:
        return public
    if "*" in settings.ALLOWED_HOSTS:
        raise NoTrustedOrigin
    return f"{request.scheme}://{request.get_host()}"


def email_link(request: HttpRequest, path: str) -> str:
    """The absolute link to `path` (starting with `/`) for an email; NoTrustedOrigin as above."""
    return trusted_origin(request) + path


def shared_link(request: HttpRequest, path: str) -> str:
    """The absolute link to `path` for the reader of `request` to pass on (module docstring)."""
    public: str = settings.NEARER_PUBLIC_URL
    return public + path if public else request.build_absolute_uri(path)
