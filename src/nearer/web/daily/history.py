"""The list of earlier questions: the days of the person's couple space they may read, newest
first, and their own answers in spaces they have left (`elsewhere`)."""

from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.utils import timezone

from nearer.web.accounts.models import User
from nearer.web.assessments.services import OwnSafety
from nearer.web.couples.models import Couple
from nearer.web.daily.models import DailyQuestion
from nearer.web.daily.services import DailyView, Span, question_by_id, view_for
from nearer.web.daily.stays import SLACK, memberships_of
from nearer.web.plans.services import withheld_for


def history(
    user: User, couple: Couple, limit: int = 60, before: date | None = None
) -> list[DailyView]:
    """The couple's days up to the person's own today (a partner in a later time zone may have
    opened a day that has not come yet for this person), newest first, as this person may see
    them (a question set aside for them shows as such, see view_for), none before they were
    there or opened before they came: at most `limit` of them, and only days before `before`
    when it is given (the next page: the last day shown)."""
    today = timezone.localdate()  # the person's own: their time zone is the active one
    memberships = memberships_of(couple.pk)  # once, not three queries a day
    stays = [(joined, left) for uid, joined, left in memberships if uid == user.pk]
    found = DailyQuestion.objects.filter(_within(stays), couple=couple, day__lte=today)
    if before is not None:
        found = found.filter(day__lt=before)
    # Within a stay, only its first days (a day's slack either way) can be opened before it.
    days = list(found.prefetch_related("answers")[: limit + 3 * len(stays)])
    safety = OwnSafety(user)  # once, not once a day that needs it
    views = [view_for(user, daily, memberships, safety) for daily in days]
    here = [view for view in views if not view.before_joining][:limit]
    away = _answered_elsewhere(user, couple, today, limit, before, safety)
    # Stable: on a day of both, the current couple space's comes first.
    return sorted(here + away, key=lambda view: view.daily.day, reverse=True)[:limit]


def _answered_elsewhere(
    user: User, couple: Couple, today: date, limit: int, before: date | None, safety: OwnSafety
) -> list[DailyView]:
    """The person's own answers and passes in couple spaces they have left (their own solo space
    too): theirs to keep reading, as the export keeps them, with the question they saw and
    nothing of anyone else's (`elsewhere`)."""
    found = DailyQuestion.objects.filter(answers__user=user, day__lte=today).exclude(couple=couple)
    if before is not None:
        found = found.filter(day__lt=before)
    views = []
    for daily in found.prefetch_related("answers")[:limit]:
        own = next(a for a in daily.answers.all() if a.user_id == user.pk)
        held = withheld_for(user, daily.question_id, daily.day, safety)
        question = None if held else question_by_id(daily.question_id)
        views.append(DailyView(daily, question, own, None, False, False, held, elsewhere=True))
    return views


def _within(stays: list[Span]) -> Q:
    """The days the `stays` hold (stays.covers); none when there are none."""
    held = Q(pk__in=[])
    for joined, left in stays:
        days = Q(day__gte=joined.date() - SLACK)
        held |= days if left is None else days & Q(day__lte=left.date() + SLACK)
    return held
