"""The dashboard's content: a person's own trends against their own baseline, shared
appreciations, practice, and the next step."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from nearer.domain.insights import MIN_BASELINE, trend
from nearer.web import access, charts
from nearer.web.accounts.models import User
from nearer.web.assessments import services as assessments
from nearer.web.assessments.models import REMEASURE_AFTER, Run
from nearer.web.couples.services import Together, couple_of, partner_of, times_together
from nearer.web.daily.models import Answer, CheckIn, shared_within
from nearer.web.daily.services import NoSuchDay
from nearer.web.plans import services as plans

DAYS_SHOWN = 90
Measure = tuple[str, Callable[[CheckIn], float], tuple[int, int]]
MEASURES: dict[str, Measure] = {  # name: (label, how to read a check-in, 1..5 or 1..7 range)
    "closeness": ("Closeness", lambda c: float(c.closeness), (1, 7)),
    "responsiveness": (
        "Felt understood and cared for",
        lambda c: (c.understood + c.validated + c.cared_for) / 3,
        (1, 5),
    ),
    "mood": ("Mood", lambda c: float(c.pleasantness), (1, 5)),
    "stress": ("Outside stress", lambda c: float(c.stress), (1, 5)),
}


def dashboard_context(user: User, today: date) -> dict[str, Any]:
    """The page's context: the dashboard's data with a chart per measure."""
    data = dashboard_data(user, today)
    data["measures"] = [{**m, "chart": _chart(m)} for m in data["measures"]]
    return data


def dashboard_data(user: User, today: date) -> dict[str, Any]:
    """The dashboard as data, shared by the page and the JSON API."""
    since = today - timedelta(days=DAYS_SHOWN)
    checkins = list(
        CheckIn.objects.filter(user=user, day__gte=since, day__lte=today).order_by("day")
    )
    partner = partner_of(user)
    together = times_together(user) if partner else []
    return {
        "measures": [measure(name, checkins, today) for name in MEASURES],
        "min_baseline": MIN_BASELINE,
        "checked_in_today": any(c.day == today for c in checkins),
        "appreciations": _shared(partner, together, since, "appreciation") if partner else [],
        "needs": _shared(partner, together, since, "need") if partner else [],
        "days_practised": plans.days_practised_in_month(user, today),
        "next_step": next_step(user, today),
        "checkin_count": len(checkins),
    }


def measure(name: str, checkins: list[CheckIn], today: date) -> dict[str, Any]:
    """One measure over the check-ins (oldest first): its range, daily values and trend."""
    label, read, (low, high) = MEASURES[name]
    values = [(c.day, read(c)) for c in checkins]
    found = trend(values, today)
    return {
        "name": name,
        "label": label,
        "low": low,
        "high": high,
        "values": values,
        "trend": found,
    }


def _chart(measured: dict[str, Any]) -> object:
    days, values = every_day(measured["values"])
    series = [charts.Series(measured["label"], values, "#7a4fb3", weekly=True)]
    return charts.line(days, series, measured["low"], measured["high"])


def every_day(values: list[tuple[date, float]]) -> tuple[list[date], list[float | None]]:
    """Every day from the first (day, value) to the last, with None for a day without one, so
    the chart breaks its line over days without a check-in instead of drawing a slope across."""
    if not values:
        return [], []
    by_day = dict(values)
    first, last = values[0][0], values[-1][0]
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return days, [by_day.get(day) for day in days]


def _shared(partner: User, together: list[Together], since: date, field: str) -> list[CheckIn]:
    """The partner's last five `field`s ("appreciation" or "need") shared with you, in a time
    the two of you were in a couple space `together` (couples.times_together), newest first."""
    shared = CheckIn.objects.filter(shared_within(field, together), user=partner, day__gte=since)
    return list(shared.order_by("-day")[:5])


def _set_aside(user: User, today: date) -> bool:
    """Whether today's question is set aside for the person, or was opened before they came
    (daily.services.view_for): then there is nothing to answer, and the next step is the
    check-in."""
    try:
        seen = access.day_view_for(user, today)
        return seen.set_aside or seen.before_joining
    except NoSuchDay:
        return False


def _due_again_since(user: User, run: Run | None) -> date | None:
    """The day of `run`, the person's latest Intimacy Profile, when it is old enough to take
    again (REMEASURE_AFTER, longer than the wait for a retake); None otherwise."""
    if run is None or run.completed_at is None:
        return None
    if timezone.now() - run.completed_at < REMEASURE_AFTER:
        return None
    return user.day_of(run.completed_at)


def next_step(user: User, today: date) -> tuple[str, str]:
    """(text, url) of the one most useful thing to do now."""
    latest: dict[str, Run | None] = {}  # the profile's is wanted again below: read once
    for instrument_id in assessments.ORDER:
        latest[instrument_id] = assessments.latest_run(user, instrument_id)
        if latest[instrument_id] is None:
            title = (
                "your private safety check"
                if instrument_id == "safety"
                else access.instrument_for(instrument_id).title
            )
            return (f"Take {title}", f"/assessments/{instrument_id}/take/")
    couple = couple_of(user)
    if couple is None:
        return ("Create your couple space", "/couple/")
    answered = Answer.objects.filter(user=user, daily__couple=couple, daily__day=today).exists()
    if not answered and not _set_aside(user, today):
        return ("Answer today's question", "/daily/today/")
    if not CheckIn.objects.filter(user=user, day=today).exists():
        return ("Check in: about a minute", "/daily/checkin/")
    if (since := _due_again_since(user, latest["profile"])) is not None:
        changed = f"See what has changed since {since.day} {since:%B %Y}"
        return (f"{changed}: take the Intimacy Profile again", "/assessments/profile/take/")
    if couple.plan_paused or not plans.practices_for(user, plans.plan_for(couple, today)):
        return ("Look back at your answers together", "/daily/history/")  # nothing to try
    return ("Try one of this week's practices", "/plan/")
