"""Today's question and the check-in. Reads top to bottom: fetch with permission, guard, change,
respond. What a partner may see is decided in daily.services, never here."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from nearer import days
from nearer.web import access, charts
from nearer.web.accounts.models import User
from nearer.web.couples.services import couple_of
from nearer.web.daily import history as daily_history
from nearer.web.daily import services
from nearer.web.daily.checkins import revision, save_checkin
from nearer.web.daily.forms import AnswerForm, CheckInForm, ReplyForm
from nearer.web.daily.models import CheckIn
from nearer.web.rendering import page
from nearer.web.safety.pointer import point_to_support_if_needed, pointer_for_text, say_on_next_page

HISTORY_PAGE = 60  # days on a page of earlier questions


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _day(raw: str | None) -> date:
    """A day from the URL: today or earlier, in the person's own time zone; else 404."""
    today: date = timezone.localdate()
    if raw is None:
        return today
    day = days.parse(raw)
    if day is None:
        raise Http404("No such day")
    if day > today:
        raise Http404("That day has not come yet")
    if day < services.EARLIEST:
        raise Http404("No such day")
    return day


@login_required
@require_safe
def today(request: HttpRequest, day: str | None = None) -> HttpResponse:
    return _today_page(request, day)


def _today_page(
    request: HttpRequest,
    day: str | None,
    status: int = 200,
    error: str | None = None,
    reply: str | None = None,
) -> HttpResponse:
    """A day's question page: the page itself, or again with a 400, the `error` and the `reply`
    typed, after a refused change."""
    user, when = _user(request), _day(day)
    if couple_of(user) is None:
        return redirect("couple")
    view = access.day_view_for(user, when)
    context = {
        "view": view,
        "form": AnswerForm(initial={"text": view.mine.text if view.mine else ""}),
        "reply_form": ReplyForm(),
        "reply_typed": reply,
        "error": error,
        "day": when,
        "is_today": when == timezone.localdate(),
    }
    return page(request, "daily/today.html", context, fragment="question", status=status)


@login_required
@require_POST
def answer(request: HttpRequest, day: str) -> HttpResponse:
    user, when = _user(request), _day(day)
    daily = access.daily_for(user, when)
    form = AnswerForm(request.POST)
    passed = request.POST.get("action") == "pass"
    error, support = None, None
    if form.is_valid():
        try:
            saved = services.answer(user, daily, form.cleaned_data["text"], passed)
            support = pointer_for_text(user.pk, saved.text)
        except services.DailyError as problem:
            error = str(problem)
    else:
        error = "; ".join(str(e) for errors in form.errors.values() for e in errors)
    if error is None and not request.htmx:
        say_on_next_page(request, support)
        return redirect("today_for", day=when.isoformat())
    context = {
        "view": services.view_for(user, daily),
        "form": form,
        "reply_form": ReplyForm(),
        "day": when,
        "error": error,
        "support": support,  # in the fragment itself: a message would wait for a later page
        "is_today": when == timezone.localdate(),
    }
    return page(
        request, "daily/today.html", context, fragment="question", status=400 if error else 200
    )


@login_required
@require_POST
def respond(request: HttpRequest, day: str) -> HttpResponse:
    user, when = _user(request), _day(day)
    daily = access.daily_for(user, when)
    form = ReplyForm(request.POST)
    typed = request.POST.get("reply", "").replace("\x00", "")  # given back, without NUL
    try:
        if not form.is_valid():
            raise services.DailyError(" ".join(form.errors["reply"]))
        reply = form.cleaned_data["reply"]
        services.respond(user, daily, request.POST.get("thank") == "yes", reply)
    except services.DailyError as problem:
        return _today_page(request, day, status=400, error=str(problem), reply=typed)
    say_on_next_page(request, pointer_for_text(user.pk, reply))
    return redirect("today_for", day=when.isoformat())


@login_required
@require_safe
def history(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    couple = couple_of(user)
    raw = request.GET.get("before")
    before = days.parse(raw)
    if raw is not None and before is None:
        context: dict[str, object] = {
            "views": [],
            "error": "before: not a day; give one as YYYY-MM-DD.",
        }
        return page(request, "daily/history.html", context, status=400)
    # One day more than shown, to know whether there is an earlier page to link to; without a
    # couple space now, one's own answers in those left.
    views = daily_history.history(user, couple, HISTORY_PAGE + 1, before)
    shown = daily_history.first_days(views, HISTORY_PAGE)
    earlier = shown[-1].daily.day if len(shown) < len(views) else None
    context = {"views": shown, "earlier": earlier, "paged": before is not None}
    return page(request, "daily/history.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def checkin(request: HttpRequest, day: str | None = None) -> HttpResponse:
    user = _user(request)
    raw = day or request.GET.get("day")
    if request.method == "POST" and _not_yet(user, raw):
        return _not_yet_page(request, user)
    when = _checkin_day(user, raw)
    if request.method == "POST":
        form, saved = save_checkin(user, when, request.POST)
        if saved is not None:
            messages.success(request, "Check-in saved. Thank you.")
            point_to_support_if_needed(request, saved)
            return redirect("home")
    else:
        form = CheckInForm(instance=access.checkin_or_none(user, when))
    status = 400 if request.method == "POST" else 200
    return _checkin_page(request, user, form, when, status)


def _checkin_page(
    request: HttpRequest, user: User, form: CheckInForm, when: date, status: int
) -> HttpResponse:
    recent = CheckIn.objects.filter(user=user).values_list("day", flat=True)[:14]
    circles = [charts.overlapping_circles(n) for n in range(1, 8)]
    context = {
        "form": form,
        "day": when,
        "existing": form.instance if form.instance.pk else None,
        "opened": revision(access.checkin_or_none(user, when)),  # what the page is opened on
        "recent": list(recent),
        "closeness_choices": list(zip(form["closeness"], circles, strict=True)),
    }
    return page(request, "daily/checkin.html", context, status=status)


def _not_yet(user: User, raw: str | None) -> bool:
    """Whether `raw` names a day that has not come yet where the person is now, and holds no
    check-in of theirs (a form opened before they moved west, or a day typed by hand)."""
    day = days.parse(raw)
    return day is not None and day > timezone.localdate() and not access.checkin_or_none(user, day)


def _not_yet_page(request: HttpRequest, user: User) -> HttpResponse:
    """The check-in sent again as today's, with what was typed, and why: nothing is lost."""
    today = timezone.localdate()
    existing = access.checkin_or_none(user, today)
    form = CheckInForm(request.POST, instance=existing)
    form.is_valid()  # its own problems shown too
    form.add_error(
        None,
        "That day has not come yet where you are now, so nothing was saved. Save this check-in "
        "as today's, or change it first."
        # Say so: a traveller gone west has most likely checked in on the day it now is.
        + (" Today already has a check-in of yours: saving this replaces it." if existing else ""),
    )
    return _checkin_page(request, user, form, today, status=400)


def _checkin_day(user: User, raw: str | None) -> date:
    """The day of a check-in page: as _day, and also a later day the person already has a
    check-in of (saved in a time zone further east than the one they are in now), so that an
    entry that exists stays readable and editable whatever the zone."""
    day = days.parse(raw)
    if day is not None and access.checkin_or_none(user, day) is not None:
        return day
    return _day(raw)
