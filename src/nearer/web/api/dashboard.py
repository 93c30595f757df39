"""The dashboard as JSON: your own trends against your own baseline, what your partner shared,
your practice this month, and the next step. The data comes from insights.dashboard, which the
page uses too, so the two never disagree."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Router, Schema

from nearer.web.api.access import today, user_of
from nearer.web.api.errors import ERRORS, Error
from nearer.web.insights.dashboard import dashboard_data

router = Router(tags=["dashboard"])


class PointOut(Schema):
    day: date
    value: float


class MeasureOut(Schema):
    name: str  # closeness, responsiveness, mood, stress
    label: str
    low: int  # the range of the check-in answer
    high: int
    recent: float | None  # mean of the last 7 days
    baseline: float | None  # mean of the 8 weeks before them
    direction: str  # "higher", "lower" or "usual" (also when there is no baseline yet)
    unusual: bool
    points: list[PointOut]  # the last 90 days, oldest first


class AppreciationOut(Schema):
    day: date
    text: str


class NextStepOut(Schema):
    text: str
    url: str  # the browser page for it


class DashboardOut(Schema):
    measures: list[MeasureOut]
    checked_in_today: bool
    checkin_count: int
    appreciations: list[AppreciationOut]  # shared by your partner, newest first
    needs: list[AppreciationOut]  # needs or requests shared by your partner, newest first
    days_practised_this_month: int
    next_step: NextStepOut


@router.get("", response={200: DashboardOut, ERRORS: Error})
def get_dashboard(request: HttpRequest) -> dict[str, object]:
    """Your dashboard: your own check-in trends, never compared with anyone else's."""
    data = dashboard_data(user_of(request), today())
    text, url = data["next_step"]
    return {
        "measures": [_measure(m) for m in data["measures"]],
        "checked_in_today": data["checked_in_today"],
        "checkin_count": data["checkin_count"],
        "appreciations": [{"day": c.day, "text": c.appreciation} for c in data["appreciations"]],
        "needs": [{"day": c.day, "text": c.need} for c in data["needs"]],
        "days_practised_this_month": data["days_practised"],
        "next_step": {"text": text, "url": url},
    }


def _measure(measured: dict[str, object]) -> dict[str, object]:
    found = measured["trend"]
    return {
        **measured,
        "recent": found.recent,  # type: ignore[attr-defined]
        "baseline": found.baseline,  # type: ignore[attr-defined]
        "direction": found.direction,  # type: ignore[attr-defined]
        "unusual": found.unusual,  # type: ignore[attr-defined]
        "points": [{"day": d, "value": v} for d, v in measured["values"]],  # type: ignore[attr-defined]
    }
