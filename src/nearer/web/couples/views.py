"""The couple space page: create it, invite the partner, join by code or link, leave."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from nearer.web.accounts.links import shared_link
from nearer.web.accounts.models import User
from nearer.web.accounts.reauth import require_recent_password
from nearer.web.assessments.services import latest_run
from nearer.web.couples import services
from nearer.web.couples.services import CoupleError
from nearer.web.daily.models import Answer


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@login_required
@require_safe
def couple(request: HttpRequest) -> HttpResponse:
    return _couple_page(request)


def _couple_page(request: HttpRequest, status: int = 200, leave_error: str = "") -> HttpResponse:
    """The couple space page, or the page again with a 400 after a refused change;
    `leave_error` is shown by the leave form's box, which it is about."""
    user = _user(request)
    context = {
        "my_couple": services.couple_of(user),
        "my_partner": services.partner_of(user),
        "leave_error": leave_error,
    }
    return render(request, "couples/couple.html", context, status=status)


@login_required
@require_POST
def create(request: HttpRequest) -> HttpResponse:
    return _attempt(
        request, lambda: services.create_couple(_user(request)), "Your couple space is ready."
    )


@require_recent_password  # changes who can see what
@require_POST
def invite(request: HttpRequest) -> HttpResponse:
    try:
        code = services.invite(_user(request))
    except CoupleError as error:
        messages.error(request, str(error))
        return _couple_page(request, status=400)
    link = shared_link(request, f"/couple/join/{code}/")
    return render(request, "couples/invitation.html", {"code": code, "link": link})


@require_recent_password  # changes who can see what
@require_http_methods(["GET", "HEAD", "POST"])
def join(request: HttpRequest, code: str = "") -> HttpResponse:
    code = request.POST.get("code", code).strip()
    if request.method == "GET":
        return _join_page(request, code)
    if not code:
        return _join_page(request, code, "Enter the code.")
    try:
        services.join(_user(request), code)
    except CoupleError as error:
        return _join_page(request, code, str(error))
    messages.success(request, "You have joined your partner's couple space.")
    return redirect(_after_joining(_user(request)))


def _after_joining(user: User) -> str:
    """Where a join goes on to: someone yet to take the private safety check, mostly a partner
    who has just signed up by the invitation link (accounts/invited.py), to the welcome page,
    which offers it first, where their sign-up would have gone; everyone else, the dashboard."""
    return "home" if latest_run(user, "safety") is not None else "onboarding"


def _join_page(request: HttpRequest, code: str, error: str = "") -> HttpResponse:
    """The join form (400 with `error`); it warns first when joining leaves behind a space of
    one's own holding daily answers, which the partner's space does not show."""
    context = {"code": code, "error": error, "leaves_own_space": _answered_alone(_user(request))}
    return render(request, "couples/join.html", context, status=400 if error else 200)


def _answered_alone(user: User) -> bool:
    couple = services.couple_of(user)
    alone = couple is not None and not couple.active_members().exclude(user=user).exists()
    return alone and Answer.objects.filter(user=user, daily__couple=couple).exists()


@require_recent_password  # changes who can see what
@require_POST
def leave(request: HttpRequest) -> HttpResponse:
    in_a_space = services.couple_of(_user(request)) is not None  # else services.leave says so
    if in_a_space and request.POST.get("confirm") != "yes":
        leave_error = "Tick the box to confirm that you want to leave."
        return _couple_page(request, status=400, leave_error=leave_error)
    return _attempt(
        request, lambda: services.leave(_user(request)), "You have left the couple space."
    )


@login_required
@require_POST
def notice_seen(request: HttpRequest) -> HttpResponse:
    """Dismiss the solo-mode notice."""
    services.dismiss_solo_notice(_user(request))
    return redirect("home")


def _attempt(request: HttpRequest, change, success: str) -> HttpResponse:  # type: ignore[no-untyped-def]
    try:
        change()
    except CoupleError as error:
        messages.error(request, str(error))
        return _couple_page(request, status=400)  # the page again, with why, as a 400
    messages.success(request, success)
    return redirect("couple")
