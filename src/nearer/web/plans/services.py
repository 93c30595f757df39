"""The couple's plan for a week, made by the domain from what the couple has shared with nearer."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, Max, OuterRef, QuerySet, Subquery
from django.utils import timezone

from nearer.content.loader import default_content
from nearer.domain.causes import RankedCause, rank_causes
from nearer.domain.model import Practice
from nearer.domain.pacing import Comfort, PartnerState
from nearer.domain.plan import (
    MAX_MINUTES,
    MIN_MINUTES,
    RECENT_WEEKS,
    PlanRequest,
    doable_by,
    make_plan,
    offerable,
)
from nearer.domain.plan import WeekPlan as MadePlan
from nearer.domain.plan import opens_up as domain_opens_up
from nearer.domain.safety import allowed_practices, withholds_practice
from nearer.web.accounts.models import User
from nearer.web.assessments import services as assessments
from nearer.web.assessments.services import OwnSafety, couple_is_safe
from nearer.web.couples.models import Couple, Membership
from nearer.web.daily.models import Answer, CheckIn, DailyQuestion
from nearer.web.plans.models import PracticeLog, WeekPlan

COMFORT_DAYS = 14
HARD_WEEK_DAYS = 7  # the last week of them, for pacing.hard_week


class PlanError(ValueError):
    """A change the plan's rules do not allow; the message is shown as is."""


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def members(couple: Couple) -> list[User]:
    return [m.user for m in couple.active_members().order_by("joined_at")]


def partner_state(user: User, couple: Couple, day: date, depth: int) -> PartnerState:
    profile = assessments.scores(user, "profile") or {}
    return PartnerState(
        profile=profile,
        safety=assessments.safety_gate(user),
        comfort=comfort(user, couple, day, depth),
    )


def comfort(user: User, couple: Couple, day: date, depth: int) -> Comfort:
    """What the person's last two weeks show: questions answered at `depth` (the questions'
    depth before this week's plan), passes at any depth, how understood they felt, over the two
    weeks and at each check-in of the last one. Only what they did in the present time together
    in `couple` counts (`together_since`): a hard week alone, or answers and check-ins with an
    earlier partner, pace no one they are with later, nor make someone who has done nothing
    since look present."""
    since = day - timedelta(days=COMFORT_DAYS)
    began = together_since(user, couple)
    if began is None:
        answers, checkins = Answer.objects.none(), CheckIn.objects.none()
    else:
        answers = Answer.objects.filter(
            user=user, daily__couple=couple, answered_at__gte=began, daily__day__lte=day
        ).filter(daily__day__gt=since)
        first_day = user.day_of(began)
        checkins = CheckIn.objects.filter(user=user, day__gte=first_day)
        checkins = checkins.filter(day__gt=since, day__lte=day)
    understood = checkins.aggregate(v=Avg("understood"))["v"]
    last_week = checkins.filter(day__gt=day - timedelta(days=HARD_WEEK_DAYS))
    answered = answers.filter(passed=False).values_list("daily__question_id", flat=True)
    return Comfort(
        answered=sum(1 for question_id in answered if depth_of(question_id) == depth),
        passed=answers.filter(passed=True).count(),
        felt_understood=None if understood is None else to_percent(understood),
        understood_last_week=tuple(
            to_percent(score) for score in last_week.values_list("understood", flat=True)
        ),
        away=not answers.exists() and not checkins.exists(),
    )


def together_since(user: User, couple: Couple) -> datetime | None:
    """When the present time together in `couple` began: the join of the last of those now in
    it (their own, while alone); None when `user` is not in it now. Check-ins count from its day
    on the person's own clock (they are dated so), answers from the moment itself."""
    joins = dict(
        Membership.objects.filter(couple=couple, left_at__isnull=True).values_list(
            "user_id", "joined_at"
        )
    )
    return max(joins.values()) if user.pk in joins else None


def to_percent(understood: float) -> float:
    """A check-in's 1–5 "felt understood" (or a mean of them) on pacing's 0–100 scale."""
    return (understood - 1) / 4 * 100


def depth_of(question_id: str) -> int | None:
    return next((q.depth for q in default_content().questions if q.id == question_id), None)


def likely_causes(couple: Couple, practices: list[Practice] | None = None) -> list[RankedCause]:
    people = members(couple)
    partners = {str(user.pk): assessments.all_latest_answers(user) for user in people}
    return rank_causes(default_content(), partners, practices)


def offered_practices(couple: Couple) -> list[Practice]:
    return allowed_practices(default_content().practices, couple_is_safe(couple))


def plan_for(couple: Couple, day: date) -> WeekPlan:
    """The plan of the week that holds `day`, made on first use from what is known then (a couple
    not both screened clear gets nothing that needs safety) and then kept as it was: a change in
    the middle of the week would show the partner that something happened. What a person who is
    not clear may see of a kept plan is `practices_for` and `withheld_for`. One made before
    someone now in the space joined is made again for them (`made_before_joining`)."""
    start = monday(day)
    found = WeekPlan.objects.filter(couple=couple, week_start=start)
    existing: WeekPlan | None = with_partners(found).first()
    if existing is None:
        return _make(couple, start, day)
    if not made_before_joining(existing, couple):
        return existing
    WeekPlan.objects.filter(pk=existing.pk).delete()  # the days opened keep their questions
    return _make(couple, start, day, depth=1)


def made_before_joining(plan: WeekPlan, couple: Couple) -> bool:
    """Whether someone now in the space joined after `plan` was made, in a week they can read (its
    last day no earlier than the day before they joined, time zones' slack). Such a plan was made
    for someone else: for one alone (light, whatever their check: pacing.next_depth), or with an
    earlier partner; so the week is made again for the two, light, as a new partnership begins.
    The days of it already opened keep their question (a day never changes under anyone's eyes);
    the rest are drawn from the new plan."""
    latest = latest_join(couple)
    if latest is None or latest <= plan.created_at:
        return False
    return plan.days()[-1] >= latest.date() - timedelta(days=1)


def latest_join(couple: Couple) -> datetime | None:
    """When the last of those now in the space joined it: where this partnership began."""
    joined: datetime | None = couple.active_members().aggregate(at=Max("joined_at"))["at"]
    return joined


def is_clear(user: User, safety: OwnSafety | None = None) -> bool:
    """Whether the person's own private check is taken and raised no concern, for their own
    pages (assessments.own_gate: a check locked by a reset reads as not taken). `safety` is
    theirs when the caller has it already (one per request); None reads it now."""
    return (safety or OwnSafety(user)).gate.clear


def practices_for(user: User, plan: WeekPlan, safety: OwnSafety | None = None) -> list[Practice]:
    """The plan's practices as `user` may see them: all of them for someone clear; for someone
    who is not (a concern raised in the middle of the week, a partner who has not taken the
    check yet), none that `withholds_practice`. Only their own view changes: the partner's
    stays as the week began, so it tells nothing; the next week is made light for both. Alone
    (a partner gone in the middle of a week kept as made), none for two (domain.plan.doable_by)
    until someone joins and the week is made again (made_before_joining). Someone left with
    nothing to do is offered practices for one that suit anyone (for_anyone_alone), never left
    with nothing to try. `safety`: as is_clear."""
    clear, partners = is_clear(user, safety), partners_in(plan)
    shown = doable_by(allowed_practices(practices_of(plan), clear), partners)
    return shown if shown or (clear and partners >= 2) else for_anyone_alone()


def partners_in(plan: WeekPlan) -> int:
    """How many people are in the plan's couple space now: 2, or 1 for someone alone. Read
    with the plan when plan_for found it kept (`with_partners`), else now."""
    known: int | None = getattr(plan, "partners_now", None)
    here = Membership.objects.filter(couple_id=plan.couple_id, left_at__isnull=True)
    return known if known is not None else here.count()


def with_partners(plans: QuerySet[WeekPlan]) -> QuerySet[WeekPlan]:
    """`plans` each with `partners_now` (partners_in), in the same query."""
    here = Membership.objects.filter(couple=OuterRef("couple"), left_at__isnull=True)
    counted = here.values("couple").annotate(n=Count("pk")).values("n")
    return plans.annotate(partners_now=Subquery(counted))


def shown_practices(
    user: User, plan: WeekPlan, today: date, safety: OwnSafety | None = None
) -> list[Practice]:
    """The plan page's practices: `practices_for`, then those the person marked done `today`
    that the week no longer holds (a week made again at a join, `made_before_joining`), so
    their own mark stays in sight where the month counts it. Their own logs only: the partner
    sees nothing of them; none withheld for them now, nor for two while alone. `safety`: as
    is_clear."""
    shown = practices_for(user, plan, safety)
    held = {p.id for p in shown}
    logs = PracticeLog.objects.filter(user=user, day=today).exclude(practice_id__in=held)
    done = set(logs.values_list("practice_id", flat=True))
    kept = [p for p in default_content().practices if p.id in done]
    return shown + doable_by(allowed_practices(kept, is_clear(user, safety)), partners_in(plan))


def for_anyone_alone() -> list[Practice]:
    """Practices one person does alone that suit anyone, someone afraid of their partner too:
    the smallest two, the same for everyone."""
    alone = [
        p
        for p in default_content().practices
        if p.participants == "one" and not withholds_practice(p)
    ]
    return sorted(alone, key=lambda p: (p.depth, p.minutes, p.id))[:2]


def suggested_practices(user: User, couple: Couple, day: date) -> list[Practice]:
    """The practices the person's report may suggest: those a plan of this week could hold
    (domain.plan.offerable: its depth, how many are in the space, within the couple's minutes a
    week), the ones needing safety only while the week's plan was made for a couple both clear
    and the person is clear still, so a concern raised in the middle of the week changes nothing
    the partner sees (as `practices_for`)."""
    week = plan_for(couple, day)
    partners = couple.active_members().count()
    open_to_all = opens_up(week) and is_clear(user)
    fitting = offerable(default_content().practices, open_to_all, partners, week.depth)
    return [p for p in fitting if p.weekly_minutes <= couple.minutes_per_week]


def opens_up(week: WeekPlan) -> bool:
    """Whether the week's plan drew on what needs safety (domain.plan.opens_up), from what it
    was made with: both checks clear, its depth, the week before's."""
    before = WeekPlan.objects.filter(
        couple=week.couple_id, week_start=week.week_start - timedelta(7)
    )
    earlier = before.values_list("depth", flat=True).first()
    previous = week.depth if earlier is None else earlier
    return domain_opens_up(week.made_safe, week.depth, previous)


def withheld_for(
    user: User, question_id: str, day: date | None = None, safety: OwnSafety | None = None
) -> bool:
    """Whether a question of a kept plan is set aside for `user`: it needs safety and they are
    not clear (as `practices_for`). A day before the one a partnership of theirs ended on is its
    shared history, kept readable (as leaving promises): set aside then only after a concern. The
    day it ended on is not: a new partner may be there by then, with today's question.
    `safety` is the person's, read once for a page that asks of many questions or days (as
    is_clear); None reads it now."""
    if not needs_safety(question_id):
        return False
    safety = safety or OwnSafety(user)
    ended = safety.ended
    if day is not None and ended is not None and day < timezone.localdate(ended):
        return safety.gate.concern
    return not safety.gate.clear


def needs_safety(question_id: str) -> bool:
    return any(q.id == question_id and q.needs_safety for q in default_content().questions)


def _request(couple: Couple, start: date, day: date, current_depth: int) -> PlanRequest:
    people = members(couple)
    began = latest_join(couple)
    return PlanRequest(
        week_start=start,
        partners=[partner_state(user, couple, day, current_depth) for user in people],
        causes=likely_causes(couple, offered_practices(couple)),
        minutes_per_week=couple.minutes_per_week,
        current_depth=current_depth,
        asked=_asked(couple, start, began),
        seed=couple.pk,
        offered=_offered(couple, start, began),
    )


def _offered(couple: Couple, start: date, began: datetime | None) -> dict[date, list[str]]:
    """The practices of each of the last weeks' plans before `start`'s, as they were made (for
    domain.plan.staleness): never as someone's check shows them, so the week-to-week change
    tells nothing about a check."""
    since = start - timedelta(weeks=RECENT_WEEKS)
    earlier = _this_partnership(couple, began).filter(week_start__gte=since, week_start__lt=start)
    return dict(earlier.values_list("week_start", "practice_ids"))


def _this_partnership(couple: Couple, began: datetime | None) -> QuerySet[WeekPlan]:
    """The couple's plans made since the partnership now in the space `began` (latest_join):
    what was made before, alone or with someone else, followed their checks, and a new
    partnership's plans follow nothing of that."""
    plans = WeekPlan.objects.filter(couple=couple)
    return plans if began is None else plans.filter(created_at__gte=began)


def _asked(couple: Couple, start: date, began: datetime | None) -> dict[str, date]:
    """Each question's latest day, asked or still to come: the days opened, and the days other
    weeks' plans hold it for. Partners days apart (time zones, a day not yet opened) make the
    next week's plan while this week's last questions wait: they count as asked on their day.
    Only since the partnership `began` (`_this_partnership`), and the days its newest partner can
    read."""
    days: dict[str, date] = {}
    planned = [
        (plan.question_on(day), day)
        for plan in _this_partnership(couple, began).exclude(week_start=start)
        if plan.question_ids
        for day in plan.days()
    ]
    opened = DailyQuestion.objects.filter(couple=couple)
    if began is not None:  # the days a partner who joined can read (time zones' slack)
        opened = opened.filter(day__gte=began.date() - timedelta(days=1))
    opened = opened.values_list("question_id", "day")
    for question_id, day in [*planned, *opened]:
        days[question_id] = max(days.get(question_id, date.min), day)
    return days


def _fields(made: MadePlan) -> dict[str, object]:
    return {
        "depth": made.depth,
        "question_ids": [d.question.id for d in made.questions],
        "practice_ids": [p.practice.id for p in made.practices],
        "focus_forms": list(made.focus_forms),
        "focus_causes": list(made.focus_causes),
    }


def _make(couple: Couple, start: date, day: date, depth: int | None = None) -> WeekPlan:
    current = couple.question_depth if depth is None else depth
    made = make_plan(default_content(), _request(couple, start, day, current))
    safe = couple_is_safe(couple)
    try:
        with transaction.atomic():
            plan: WeekPlan = WeekPlan.objects.create(
                couple=couple,
                week_start=start,
                made_safe=safe,
                created_at=timezone.now(),  # the instant made_before_joining reads
                **_fields(made),
            )
    except IntegrityError:  # the partner's request made it a moment earlier
        made_first: WeekPlan = WeekPlan.objects.get(couple=couple, week_start=start)
        return made_first
    Couple.objects.filter(pk=couple.pk).update(question_depth=made.depth)
    return plan


def practices_of(plan: WeekPlan) -> list[Practice]:
    by_id = {p.id: p for p in default_content().practices}
    return [by_id[i] for i in plan.practice_ids if i in by_id]


def done_day(shown: date | None, today: date) -> date:
    """The day a practice is marked done on: the day the page showed it (`shown`) when that is
    today or yesterday, so a page opened before midnight and sent after counts for the evening
    it was done in; else today (a page left open for days, or none said)."""
    return shown if shown is not None and today - timedelta(days=1) <= shown <= today else today


def mark_done(user: User, practice: Practice, day: date) -> None:
    """Mark a practice done on `day` (once a day): one of the plan of `day`'s week as the person
    sees it, which the caller has found through access.practice_for (a 404 for any other)."""
    PracticeLog.objects.get_or_create(user=user, practice_id=practice.id, day=day)


def update_schedule(couple: Couple, minutes: int | None, paused: bool | None) -> Couple:
    """Minutes a week for practices (MIN_MINUTES to MAX_MINUTES) and whether the plan is paused;
    None leaves a setting as it is. The next plan made uses them (`first_week_to_use_settings`)."""
    if minutes is not None and not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise PlanError(f"Minutes per week must be from {MIN_MINUTES} to {MAX_MINUTES}.")
    changes = {"minutes_per_week": minutes, "plan_paused": paused}
    changes = {key: value for key, value in changes.items() if value is not None}
    if changes:
        Couple.objects.filter(pk=couple.pk).update(**changes)
        couple.refresh_from_db()
    return couple


def first_week_to_use_settings(couple: Couple, today: date) -> date:
    """The Monday of the first week whose plan is not yet made, after `today`'s: the first that
    a change of settings shapes. Usually next week; a week later when a partner days ahead (a
    time zone far east) has already begun next week, whose plan is kept as it was made."""
    week = monday(today) + timedelta(days=7)
    made = set(
        WeekPlan.objects.filter(couple=couple, week_start__gte=week).values_list(
            "week_start", flat=True
        )
    )
    while week in made:
        week += timedelta(days=7)
    return week


def days_practised_in_month(user: User, day: date) -> int:
    """Consistency, not a streak: a missed day costs nothing."""
    logs = PracticeLog.objects.filter(user=user, day__year=day.year, day__month=day.month)
    practised: int = logs.values("day").distinct().count()
    return practised
