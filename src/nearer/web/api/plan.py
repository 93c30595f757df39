"""This week's plan: seven questions, the practices with their steps, marking a practice done, and
the couple's settings. The plan is made by plans.services on first use and then kept."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field, StrictBool

from nearer.domain.plan import MAX_MINUTES, MIN_MINUTES
from nearer.web import access
from nearer.web.accounts.models import User
from nearer.web.api.access import Day, couple_or_404, past_or_today, today, user_of
from nearer.web.api.body import Body
from nearer.web.api.errors import ERRORS, Error
from nearer.web.assessments.services import OwnSafety
from nearer.web.couples.models import Couple
from nearer.web.plans import services
from nearer.web.plans.focus import focus_of
from nearer.web.plans.models import PracticeLog
from nearer.web.plans.questions import week_questions

router = Router(tags=["plan"])

#: The same bounds the plan page enforces (plans/views.py keeps them inline).


class PlanQuestionOut(Schema):
    day: date
    id: str
    text: str
    form: str
    depth: int


class PracticeOut(Schema):
    id: str
    title: str
    why: str
    steps: list[str]
    minutes: int
    cadence: str
    participants: str  # "both" or "one"
    contraindications: list[str]
    done_today: bool  # by you


class PlanOut(Schema):
    week_start: date  # a Monday
    depth: int
    focus_forms: list[str]
    focus_causes: list[str]
    paused: bool
    minutes_per_week: int
    days_practised_this_month: int  # yours; consistency, not a streak
    questions: list[PlanQuestionOut]
    practices: list[PracticeOut]


class SettingsIn(Body):
    """Only the fields given change; the next plan made uses them (usually next week's)."""

    minutes_per_week: int | None = Field(None, ge=MIN_MINUTES, le=MAX_MINUTES, strict=True)
    paused: StrictBool | None = None


def plan_out(user: User, couple: Couple) -> dict[str, object]:
    day = today()
    week = services.plan_for(couple, day)
    done = set(PracticeLog.objects.filter(user=user, day=day).values_list("practice_id", flat=True))
    safety = OwnSafety(user)  # read once, not once a question
    return {
        "week_start": week.week_start,
        "depth": week.depth,
        "focus_forms": week.focus_forms,
        "focus_causes": list(focus_of(week, services.is_clear(user, safety)).causes),
        "paused": couple.plan_paused,
        "minutes_per_week": couple.minutes_per_week,
        "days_practised_this_month": services.days_practised_in_month(user, day),
        "questions": [
            {"day": day, **_question(question)}
            for day, question in week_questions(user, week, safety)
        ],
        "practices": [
            {**vars(p), "done_today": p.id in done}
            for p in (
                [] if couple.plan_paused else services.shown_practices(user, week, day, safety)
            )
        ],
    }


def _question(question: object) -> dict[str, object]:
    return {key: getattr(question, key) for key in ("id", "text", "form", "depth")}


@router.get("", response={200: PlanOut, ERRORS: Error})
def get_plan(request: HttpRequest) -> dict[str, object]:
    """This week's plan for the two of you."""
    user = user_of(request)
    return plan_out(user, couple_or_404(user))


@router.post("/practices/{practice_id}/done", response={200: PlanOut, ERRORS: Error})
def mark_done(request: HttpRequest, practice_id: str, day: Day | None = None) -> dict[str, object]:
    """Mark a practice of this week's plan done today, or on `day` when that is yesterday (an
    app that showed the plan before midnight); an earlier `day` counts as today, a later one is
    refused; any other practice is a 404."""
    user = user_of(request)
    when = services.done_day(None if day is None else past_or_today(day), today())
    services.mark_done(user, access.practice_for(user, practice_id, when), when)
    return plan_out(user, couple_or_404(user))


@router.patch("/settings", response={200: PlanOut, ERRORS: Error})
def update_settings(request: HttpRequest, payload: SettingsIn) -> dict[str, object]:
    """Minutes a week for practices (10 to 600) and whether the plan is paused."""
    user = user_of(request)
    couple = couple_or_404(user)
    couple = services.update_schedule(couple, payload.minutes_per_week, payload.paused)
    return plan_out(user, couple)
