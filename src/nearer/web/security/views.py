"""A person's own sign-ins and API tokens: see them, end one, or end all but this sign-in."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST, require_safe

from nearer.web import access
from nearer.web.accounts.models import User
from nearer.web.audit.events import record
from nearer.web.rendering import page
from nearer.web.security import sessions, tokens
from nearer.web.security.models import SignIn

#: What a press on a row gone since the page was opened says, with the list as it is now, as a
#: 404: what is not yours is not found, and an ended session's or a revoked token's id is
#: no one's any more, the same as someone else's.
ALREADY_ENDED = "That session had already ended."
ALREADY_REVOKED = "That token had already been revoked."


@login_required
@require_safe
def sign_ins(request: HttpRequest) -> HttpResponse:
    return _render(request)


def _render(request: HttpRequest, said: str = "", status: int = 200) -> HttpResponse:
    """The page, or its list for HTMX; `said`, what a press just did, shown at the list's top."""
    this = getattr(request, "sign_in", None)
    rows = SignIn.objects.filter(user_id=request.user.pk)
    context = {
        "rows": rows,
        "tokens": tokens.tokens_of(request.user),
        "this_id": getattr(this, "pk", None),
        "idle": in_words(sessions.idle_limit()),
        "max_age": in_words(sessions.absolute_limit()),
        "said": said,
    }
    return page(request, "security/sessions.html", context, "list", status=status)


@login_required
@require_POST
def end_one(request: HttpRequest, sign_in_id: int) -> HttpResponse:
    assert isinstance(request.user, User)
    try:
        sign_in = access.sign_in_for(request.user, sign_in_id)
    except access.NotYours:  # mostly ended already, from another tab or by its idle limit
        return _render(request, ALREADY_ENDED, status=404)
    this = getattr(request, "sign_in", None)
    if sign_in.pk == getattr(this, "pk", None):
        return _answer(request, "To end this session, sign out.", messages.ERROR)
    sessions.end(sign_in)
    record(request.user, "session_ended", session=sign_in_id)
    return _answer(request, f"Signed out {sign_in.device}.")


@login_required
@require_POST
def end_others(request: HttpRequest) -> HttpResponse:
    """End every other sign-in and revoke every API token: a token is a way in that outlives
    the session it was made in."""
    ended = sessions.end_all(request.user, keep=getattr(request, "sign_in", None))
    for sign_in_id in ended:
        record(request.user, "session_ended", session=sign_in_id)
    revoked = tokens.revoke_all(request.user)
    said = f"Signed out {_count(len(ended), 'other session')}"
    if revoked:
        said += f" and revoked {_count(len(revoked), 'API token')}"
    return _answer(request, said + ".")


@login_required
@require_POST
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    assert isinstance(request.user, User)
    try:
        tokens.revoke(request.user, token_id)
    except access.NotYours:  # mostly revoked already, from another tab
        return _render(request, ALREADY_REVOKED, status=404)
    return _answer(request, "Token revoked.")


def _count(count: int, thing: str) -> str:
    return f"{count} {thing}{'s' * (count != 1)}"


def in_words(span: timedelta) -> str:
    """A limit as people say it: "3 days", "2 hours", "30 minutes"."""
    minutes = int(span.total_seconds() // 60)
    unit, size = next(
        (u, s) for u, s in (("day", 1440), ("hour", 60), ("minute", 1)) if not minutes % s
    )
    count = minutes // size
    return f"{count} {unit}{'s' * (count != 1)}"


def _answer(request: HttpRequest, said: str, level: int = messages.SUCCESS) -> HttpResponse:
    """The list again for HTMX, saying `said` in itself: a message queued for the next page would
    show on some later one, out of context. A plain form: a redirect to the page, which says it."""
    if getattr(request, "htmx", False):
        return _render(request, said)
    messages.add_message(request, level, said)
    return redirect("sessions")
