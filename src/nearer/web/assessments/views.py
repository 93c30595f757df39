"""Taking the instruments and reading the reports, single and side by side."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods, require_safe

from nearer.content.loader import default_content
from nearer.domain.model import Resource
from nearer.web import access
from nearer.web.accounts.models import User
from nearer.web.assessments import reports, services
from nearer.web.assessments.models import Run
from nearer.web.rendering import page
from nearer.web.safety.countries import country_for


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
@require_safe
def overview(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    rows = [_overview_row(user, i) for i in services.ORDER]
    return page(request, "assessments/overview.html", {"rows": rows})


def _overview_row(user: User, instrument_id: str) -> dict[str, object]:
    can_take = services.can_take(user, instrument_id)
    return {
        "instrument": services.instrument(instrument_id),
        "last": services.latest_run(user, instrument_id),
        "can_take": can_take,
        # Its date would say when a check nobody can read was taken: none is shown.
        "locked": instrument_id == "safety" and services.safety_locked(user),
        "retake": "" if can_take else services.retake_words(user, instrument_id),
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def take(request: HttpRequest, instrument_id: str) -> HttpResponse:
    user, found = _user(request), access.instrument_for(instrument_id)
    error, given = None, dict(request.POST.items()) if request.method == "POST" else {}
    if request.method == "POST":
        try:
            run = services.save_run(user, found, services.parse_answers(found, request.POST))
        except services.AnswerError as problem:
            error = str(problem)
        else:
            _say_what_is_unscored(request, run)
            return redirect(_next_step(user, found.id))
    elif not services.can_take(user, found.id):
        messages.info(request, services.retake_words(user, found.id))
        return redirect("assessments")
    unfinished = services.unfinished_answers(user, found.id) if not error else {}
    given = given or {k: str(v) for k, v in unfinished.items()}
    groups = [(scale, found.items_of(scale.id)) for scale in found.scales]
    values = range(found.response.min, found.response.max + 1)
    context = {
        "instrument": found,
        "groups": groups,
        "values": values,
        "given": given,
        "error": error,
        "last": services.latest_run(user, found.id),
        "unfinished": bool(unfinished),
    }
    return page(request, "assessments/take.html", context, status=400 if error else 200)


def _say_what_is_unscored(request: HttpRequest, run: Run) -> None:
    """A run saved with parts it has too few answers to score (Enter pressed early, say)."""
    unscored = services.unscored_parts(run)
    if unscored:
        named = ", ".join(unscored[:3]) + (
            f" and {len(unscored) - 3} more" if len(unscored) > 3 else ""
        )
        messages.info(
            request,
            f"Saved. Too few answers yet to score {named}: answer them whenever you like; the "
            "four weeks until a retake start once every part is scored.",
        )


def _next_step(user: User, done: str) -> str:
    """After the safety check, always its own page (support resources first where it raised a
    concern): the same address whatever it found, so a shared browser's history tells nothing.
    During onboarding go on to the next instrument not yet taken; afterwards, the results."""
    if done == "safety":
        return "/assessments/safety/result/"
    for instrument_id in services.ORDER:
        if services.latest_run(user, instrument_id) is None:
            return f"/assessments/{instrument_id}/take/"
    return "/assessments/report/"


@login_required
@require_safe
def safety_result(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    result = services.safety_of(user)
    resources = _resources(request, user)
    context = {"result": result, "resources": resources, "next": _next_step(user, "")}
    return page(request, "assessments/safety_result.html", context)


@login_required
@require_safe
def report(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    context = {**reports.report_context(user), "resources": _resources(request, user)}
    return page(request, "assessments/report.html", context)


def _resources(request: HttpRequest, user: User) -> tuple[Resource, ...]:
    """Support for the country asked for, else the person's time zone's, then international."""
    country = country_for(request.GET.get("country"), user.time_zone)
    return default_content().resources_for(country)
