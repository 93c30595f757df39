"""The couple's plan for a week, made by the domain from what the couple has shared with nearer."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Avg

from nearer.content.loader import default_content
from nearer.domain.causes import RankedCause, rank_causes
from nearer.domain.model import Practice
from nearer.domain.pacing import Comfort, PartnerState
from nearer.domain.plan import PlanRequest, make_plan
from nearer.domain.plan import WeekPlan as MadePlan
from nearer.domain.safety import allowed_practices, withholds_practice
from nearer.web.accounts.models import User
from nearer.web.assessments import services as assessments
from nearer.web.assessments.services import couple_is_safe
from nearer.web.couples.models import Couple
from nearer.web.daily.models import Answer, CheckIn, DailyQuestion
from nearer.web.plans.models import PracticeLog, WeekPlan

COMFORT_DAYS = 14
MIN_MINUTES, MAX_MINUTES = 10, 600


class PlanError(ValueError):
    """A change the plan's rules do not allow; the message is shown as is."""


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def members(couple: Couple) -> list[User]:
    return [m.user for m in couple.active_members().order_by("joined_at")]


def partner_state(user: User, couple: Couple, day: date) -> PartnerState:
    profile = assessments.scores(user, "profile") or {}
    return PartnerState(
        profile=profile, safety=assessments.safety_gate(user), comfort=comfort(user, couple, day)
    )


def comfort(user: User, couple: Couple, day: date) -> Comfort:
    since = day - timedelta(days=COMFORT_DAYS)
    answers = Answer.objects.filter(
        user=user, daily__couple=couple, daily__day__gt=since, daily__day__lte=day
    )
    understood = CheckIn.objects.filter(user=user, day__gt=since, day__lte=day).aggregate(
        v=Avg("understood")
    )["v"]
    return Comfort(
        answered=answers.filter(passed=False).count(),
        passed=answers.filter(passed=True).count(),
        felt_understood=None if understood is None else (understood - 1) / 4 * 100,
    )


def likely_causes(couple: Couple, practices: list[Practice] | None = None) -> list[RankedCause]:
    people = members(couple)
    partners = {str(user.pk): assessments.all_latest_answers(user) for user in people}
    return rank_causes(default_content(), partners, practices)


def offered_practices(couple: Couple) -> list[Practice]:
    return allowed_practices(default_content().practices, couple_is_safe(couple))


def plan_for(couple: Couple, day: date) -> WeekPlan:
    """The plan of the week that holds `day`, made on first use and then kept as it was, with one
    exception: a kept plan holding content the couple's safety no longer allows (a concern raised
    mid-week, a partner who has not taken the private check joining) is made again at once, from
    what is known now and the depth the week started from, by the same rules that made it.
    Nothing marks the change: the plan reads as any lighter week does, so the partner learns
    nothing of why."""
    start = monday(day)
    existing = WeekPlan.objects.filter(couple=couple, week_start=start).first()
    if existing is None:
        return _make(couple, start, day)
    if holds_withheld(existing) and not couple_is_safe(couple):
        return _remake(couple, existing, day)
    return existing


def holds_withheld(plan: WeekPlan) -> bool:
    """Whether the plan holds a question that needs safety or a practice that needs vulnerability
    or touches conflict: what only a couple who are both screened clear may be offered."""
    content = default_content()
    unsafe_questions = {q.id for q in content.questions if q.needs_safety}
    unsafe_practices = {p.id for p in content.practices if withholds_practice(p)}
    return bool(
        unsafe_questions.intersection(plan.question_ids)
        or unsafe_practices.intersection(plan.practice_ids)
    )


def _request(couple: Couple, start: date, day: date, current_depth: int) -> PlanRequest:
    people = members(couple)
    asked = {
        d.question_id: d.day for d in DailyQuestion.objects.filter(couple=couple).order_by("day")
    }
    return PlanRequest(
        week_start=start,
        partners=[partner_state(user, couple, day) for user in people],
        causes=likely_causes(couple, offered_practices(couple)),
        minutes_per_week=couple.minutes_per_week,
        current_depth=current_depth,
        asked=asked,
        seed=couple.pk,
    )


def _fields(made: MadePlan) -> dict[str, object]:
    return {
        "depth": made.depth,
        "question_ids": [d.question.id for d in made.questions],
        "practice_ids": [p.practice.id for p in made.practices],
        "focus_forms": list(made.focus_forms),
        "focus_causes": list(made.focus_causes),
    }


def _make(couple: Couple, start: date, day: date) -> WeekPlan:
    made = make_plan(default_content(), _request(couple, start, day, couple.question_depth))
    try:
        with transaction.atomic():
            plan = WeekPlan.objects.create(couple=couple, week_start=start, **_fields(made))
    except IntegrityError:  # the partner's request made it a moment earlier
        return WeekPlan.objects.get(couple=couple, week_start=start)
    Couple.objects.filter(pk=couple.pk).update(question_depth=made.depth)
    return plan


def _remake(couple: Couple, plan: WeekPlan, day: date) -> WeekPlan:
    """`plan` made again from what is known now, starting from the depth the week started from
    (the depth of the plan before it), as `_make` would have on the week's first use."""
    earlier = WeekPlan.objects.filter(couple=couple, week_start__lt=plan.week_start)
    before = earlier.order_by("-week_start").values_list("depth", flat=True).first()
    start_depth = before or 1  # no plan before it: the light start every couple has
    made = make_plan(default_content(), _request(couple, plan.week_start, day, start_depth))
    fields = _fields(made)
    WeekPlan.objects.filter(pk=plan.pk).update(**fields)
    for name, value in fields.items():
        setattr(plan, name, value)
    if not WeekPlan.objects.filter(couple=couple, week_start__gt=plan.week_start).exists():
        Couple.objects.filter(pk=couple.pk).update(question_depth=made.depth)
    return plan


def practices_of(plan: WeekPlan) -> list[Practice]:
    by_id = {p.id: p for p in default_content().practices}
    return [by_id[i] for i in plan.practice_ids if i in by_id]


def mark_done(user: User, couple: Couple, practice_id: str, day: date) -> None:
    """Mark a practice of this week's plan done on `day` (once a day at most)."""
    if practice_id not in plan_for(couple, day).practice_ids:
        raise PlanError("That practice is not in this week's plan.")
    PracticeLog.objects.get_or_create(user=user, practice_id=practice_id, day=day)


def update_schedule(couple: Couple, minutes: int | None, paused: bool | None) -> Couple:
    """Minutes a week for practices (MIN_MINUTES to MAX_MINUTES) and whether the plan is paused;
    None leaves a setting as it is. Next week's plan uses them."""
    if minutes is not None and not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise PlanError(f"Minutes per week must be from {MIN_MINUTES} to {MAX_MINUTES}.")
    changes = {"minutes_per_week": minutes, "plan_paused": paused}
    changes = {key: value for key, value in changes.items() if value is not None}
    if changes:
        Couple.objects.filter(pk=couple.pk).update(**changes)
        couple.refresh_from_db()
    return couple


def days_practised_in_month(user: User, day: date) -> int:
    """Consistency, not a streak: a missed day costs nothing."""
    logs = PracticeLog.objects.filter(user=user, day__year=day.year, day__month=day.month)
    return logs.values("day").distinct().count()
