"""The list of earlier questions: the days of the person's couple space they may read, newest
first, and their own answers in spaces they have left (`elsewhere`)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from nearer.web.accounts.models import User
from nearer.web.assessments.services import OwnSafety
from nearer.web.couples.models import Couple
from nearer.web.daily.models import DailyQuestion
from nearer.web.daily.services import DailyView, own_only, question_by_id, view_for
from nearer.web.daily.stays import memberships_of, opened_in_stays
from nearer.web.plans.services import withheld_for


def history(
    user: User, couple: Couple | None, limit: int = 60, before: date | None = None
) -> list[DailyView]:
    """The days of `couple` (the person's space now; None: they have none) up to the person's own
    today (a partner in a later time zone may have opened a day that has not come yet for this
    person), newest first, as this person may see them (a question set aside for them shows as
    such, see view_for), none before they were there or opened before they came; and their own
    answers in spaces they have left (`elsewhere`). At most `limit` days, each with all its
    entries (a day of both lists both, never one page each: see first_days), and only days
    before `before` when it is given (the next page: the last day shown)."""
    today = timezone.localdate()  # the person's own: their time zone is the active one
    safety = OwnSafety(user)  # once, not once a day that needs it
    here = _here(user, couple, today, limit, before, safety) if couple is not None else []
    away = _answered_elsewhere(user, couple, today, limit, before, safety)
    # Stable: on a day of both, the current couple space's comes first.
    merged = sorted(here + away, key=lambda view: view.daily.day, reverse=True)
    return first_days(merged, limit)


def first_days(views: list[DailyView], count: int) -> list[DailyView]:
    """The entries of `views` (newest first) of their `count` newest days, every entry of each:
    a page never ends in the middle of a day, so paging by the last day shown loses none."""
    days = set(sorted({view.daily.day for view in views}, reverse=True)[:count])
    return [view for view in views if view.daily.day in days]


def _here(
    user: User, couple: Couple, today: date, limit: int, before: date | None, safety: OwnSafety
) -> list[DailyView]:
    """The couple's days the person may read, as the query stays.opened_in_stays picks them (the
    same rule as view_for's, so none of the `limit` fetched is left out after)."""
    memberships = memberships_of(couple.pk)  # once, not three queries a day
    held = opened_in_stays(user.pk, couple.pk, memberships)
    found = DailyQuestion.objects.filter(held, couple=couple, day__lte=today)
    if before is not None:
        found = found.filter(day__lt=before)
    days = found.prefetch_related("answers")[:limit]
    views = [view_for(user, daily, memberships, safety) for daily in days]
    return [view for view in views if not view.before_joining]


def _answered_elsewhere(
    user: User,
    couple: Couple | None,
    today: date,
    limit: int,
    before: date | None,
    safety: OwnSafety,
) -> list[DailyView]:
    """The person's own answers and passes in couple spaces they have left (their own solo space
    too; every one, when they are in none now), of the `limit` newest days that hold one: theirs
    to keep reading, as the export keeps them, with the question they saw and nothing of anyone
    else's (`elsewhere`: no partner's answer, thanks or reply)."""
    found = DailyQuestion.objects.filter(answers__user=user, day__lte=today)
    if couple is not None:
        found = found.exclude(couple=couple)
    if before is not None:
        found = found.filter(day__lt=before)
    days = list(found.order_by("-day").values_list("day", flat=True).distinct()[:limit])
    if not days:
        return []
    views = []
    for daily in found.filter(day__gte=days[-1]).prefetch_related("answers"):
        own = next(a for a in daily.answers.all() if a.user_id == user.pk)
        held = withheld_for(user, daily.question_id, daily.day, safety)
        question = None if held else question_by_id(daily.question_id)
        mine = own_only(own)
        views.append(DailyView(daily, question, mine, None, False, False, held, elsewhere=True))
    return views
