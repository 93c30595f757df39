"""This week's plan: practices with their steps, marked done; consistency without streaks."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from nearer import days
from nearer.domain.model import DEPTH_NAMES
from nearer.web import access
from nearer.web.accounts.models import User
from nearer.web.assessments.services import OwnSafety
from nearer.web.couples.services import couple_of
from nearer.web.plans import schedule, services
from nearer.web.plans.focus import focus_of
from nearer.web.plans.forms import ScheduleForm
from nearer.web.plans.models import PracticeLog
from nearer.web.rendering import page


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
@require_safe
def plan(request: HttpRequest) -> HttpResponse:
    return _page(request)


def _page(
    request: HttpRequest,
    status: int = 200,
    error: str | None = None,
    marked: bool = False,
    settings_form: ScheduleForm | None = None,
) -> HttpResponse:
    """The plan page (or its practices fragment for HTMX), after any request that changed it;
    `error` is shown in the fragment, and so is a pause that came between the page and a
    practice `marked` done (by either partner, in another tab). `settings_form` is a refused
    one, shown as sent; None shows the settings as they stand."""
    user, today = _user(request), timezone.localdate()
    couple = couple_of(user)
    if couple is None:
        return redirect("couple")
    week = services.plan_for(couple, today)
    done_today = set(
        PracticeLog.objects.filter(user=user, day=today).values_list("practice_id", flat=True)
    )
    safety = OwnSafety(user)  # read once for the practices and for what the week leans toward
    focus = focus_of(week, services.is_clear(user, safety))
    # Paused: nothing asked of them; the week's practices come back when they resume.
    shown = [] if couple.plan_paused else services.shown_practices(user, week, today, safety)
    context = {
        "week": week,
        "focus": focus.sentence(),
        "depth_name": DEPTH_NAMES[week.depth],
        "depth_steps": ", ".join(DEPTH_NAMES.values()),
        "depth_count": len(DEPTH_NAMES),
        "practices": [(p, focus.serves(p)) for p in shown],
        "done_today": done_today,
        "days_practised": services.days_practised_in_month(user, today),
        "today": today,
        "error": error,
        "marked": marked,
        "couple": couple,
        "settings_form": settings_form or schedule.unbound_form(couple),
        "opened": schedule.revision(couple),  # the settings the page is opened on
    }
    return page(request, "plans/plan.html", context, fragment="practices", status=status)


@login_required
@require_POST
def done(request: HttpRequest, practice_id: str) -> HttpResponse:
    user, raw = _user(request), request.POST.get("day")
    shown = days.parse(raw)
    if raw is not None and shown is None:  # the page sends the day it showed: a date
        return _refused(request, f"The day {raw[:40]!r} is not a date (YYYY-MM-DD).")
    today = timezone.localdate()
    if shown is not None and shown > today:
        return _refused(request, f"The day {shown.isoformat()} has not come yet in your time zone.")
    day = services.done_day(shown, today)
    try:
        practice = access.practice_for(user, practice_id, day)
    except access.NotYours as gone:  # mostly a plan page left open into another week
        return _refused(request, str(gone), status=404)
    services.mark_done(user, practice, day)
    if request.htmx:
        return _page(request, marked=True)
    messages.success(request, "Marked as done. Well done.")
    return redirect("plan")


@login_required
@require_POST
def settings(request: HttpRequest) -> HttpResponse:
    couple = access.couple_for(_user(request))
    form, before = schedule.save_schedule(couple, request.POST)
    if before is None:
        return _settings_refused(request, form)
    week = services.first_week_to_use_settings(couple, timezone.localdate())
    messages.success(request, schedule.said(before, schedule.Schedule.of(couple), week))
    return redirect("plan")


def _settings_refused(request: HttpRequest, form: ScheduleForm) -> HttpResponse:
    """The page again with a 400 and the form as it was sent (the minutes typed, the pause
    ticked or not), so nothing chosen is lost: each problem at the page's top, and a field's
    next to it too, which it names in its aria-describedby."""
    problems = [*form.non_field_errors(), *form.errors.get("minutes_per_week", [])]
    if request.htmx:
        return _page(request, status=400, error=" ".join(problems))
    for problem in problems:
        messages.error(request, problem)
    return _page(request, status=400, settings_form=form)


def _refused(request: HttpRequest, problem: str, status: int = 400) -> HttpResponse:
    """The page again with `status` saying why: in the fragment for HTMX, else at the page's
    top. A 404 keeps the rule that what is not yours is not found, and still says which."""
    if request.htmx:
        return _page(request, status=status, error=problem)
    messages.error(request, problem)
    return _page(request, status=status)
