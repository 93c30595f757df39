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


@login_required
@require_safe
def sign_ins(request: HttpRequest) -> HttpResponse:
    return _render(request)


def _render(request: HttpRequest) -> HttpResponse:
    this = getattr(request, "sign_in", None)
    rows = SignIn.objects.filter(user_id=request.user.pk)
    context = {
        "rows": rows,
        "tokens": tokens.tokens_of(request.user),
        "this_id": getattr(this, "pk", None),
        "idle": in_words(sessions.idle_limit()),
        "max_age": in_words(sessions.absolute_limit()),
    }
    return page(request, "security/sessions.html", context, "list")


@login_required
@require_POST
def end_one(request: HttpRequest, sign_in_id: int) -> HttpResponse:
    assert isinstance(request.user, User)
    sign_in = access.sign_in_for(request.user, sign_in_id)
    this = getattr(request, "sign_in", None)
    if sign_in.pk == getattr(this, "pk", None):
        messages.error(request, "To end this session, sign out.")
        return redirect("sessions")
    sessions.end(sign_in)
    record(request.user, "session_ended", session=sign_in_id)
    messages.success(request, f"Signed out {sign_in.device}.")
    return _answer(request)


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
    messages.success(request, said + ".")
    return _answer(request)


@login_required
@require_POST
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    assert isinstance(request.user, User)
    tokens.revoke(request.user, token_id)  # anyone else's token is a 404
    messages.success(request, "Token revoked.")
    return _answer(request)


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


def _answer(request: HttpRequest) -> HttpResponse:
    """The list again for HTMX; a redirect to it for a plain form."""
    if getattr(request, "htmx", False):
        return _render(request)
    return redirect("sessions")
