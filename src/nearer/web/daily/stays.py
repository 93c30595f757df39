"""Who was in the couple space when, and what each stay may read of the days opened in it.

A partnership sees nothing of what was opened before it began: a day's question chosen with an
earlier partner (a deep one tells that both were clear then), or for the one who stayed alone
after them, is theirs, never the next partner's. daily.services applies it with the reveal rule.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db.models import Q

from nearer.web.couples.models import Couple, Invitation, Membership
from nearer.web.daily.models import DailyQuestion

#: The time zones' reach: a day is "the same day" a day either way (see covers).
SLACK = timedelta(days=1)

#: A couple's memberships as (user id, joined at, left at or None).
Memberships = list[tuple[int, datetime, datetime | None]]


def memberships_of(couple_id: int) -> Memberships:
    return list(
        Membership.objects.filter(couple_id=couple_id).values_list(
            "user_id", "joined_at", "left_at"
        )
    )


def covers(joined: datetime, left: datetime | None, day: date) -> bool:
    """Whether a stay from `joined` until `left` (None: still there) holds `day`, a day's slack
    either way for time zones."""
    return joined.date() <= day + SLACK and (left is None or left.date() >= day - SLACK)


def opened_in_stay(user_id: int, daily: DailyQuestion, memberships: Memberships) -> bool:
    """Whether `daily` was opened while `user_id` was in the couple space, in a stay that holds
    its day: else it was opened before they came, or while they were away, with someone else or
    for someone alone, and
    nothing of it is theirs to read. One exception, the first pairing (`first_pairing`): the
    days a space's maker opened alone while waiting for their first partner, light whatever
    their check (plans.services), are the couple's from the start, so the two can answer the
    day of the join together."""
    return any(
        _opened_during(daily, joined, left)
        or (
            daily.opened_at < joined
            and _first_partner(user_id, joined, daily.couple_id, memberships)
        )
        for uid, joined, left in memberships
        if uid == user_id and covers(joined, left, daily.day)
    )


def opened_in_stays(user_id: int, couple_id: int, memberships: Memberships) -> Q:
    """The days `opened_in_stay` holds for `user_id`, as a query (what their history lists): in
    each stay, its days opened within it, and in the stay of a first pairing its days opened
    before it too. None when they have no stay."""
    held = Q(pk__in=[])
    for uid, joined, left in memberships:
        if uid != user_id:
            continue
        days, opened = Q(day__gte=joined.date() - SLACK), Q(opened_at__gte=joined)
        if left is not None:
            days &= Q(day__lte=left.date() + SLACK)
            opened &= Q(opened_at__lte=left)
        if _first_partner(user_id, joined, couple_id, memberships):
            opened |= Q(opened_at__lt=joined)
        held |= days & opened
    return held


def _opened_during(daily: DailyQuestion, joined: datetime, left: datetime | None) -> bool:
    """Whether `daily` was opened within the stay: one opened after they left (by the partner who
    stayed, the day after, within a day's slack) is not theirs, even once they come back."""
    return daily.opened_at >= joined and (left is None or daily.opened_at <= left)


def _first_partner(
    user_id: int, joined: datetime, couple_id: int, memberships: Memberships
) -> bool:
    """Whether `user_id`, joining at `joined`, was the first to join the maker of the space."""
    others = {uid for uid, _, _ in memberships if uid != user_id}
    return any(first_pairing(couple_id, other, joined, memberships) for other in others)


def first_pairing(couple_id: int, writer: int, start: datetime, memberships: Memberships) -> bool:
    """Whether `start`, when someone joined `writer`, is the first time anyone joined them, in a
    couple space they made and never left. Membership rows cannot tell it alone: an account
    deleted takes its rows with it, so an earlier partner may have gone without trace. What stays
    is when the space was made and the maker's own codes (only they could make any while they
    stayed), each used at the instant someone joined or voided at the instant a newer code was
    made (couples.services stamps both so)."""
    made = Couple.objects.filter(pk=couple_id).values_list("created_at", flat=True).first()
    founded = any(
        uid == writer and joined == made and (left is None or left >= start)
        for uid, joined, left in memberships
    )
    codes = Invitation.objects.filter(couple_id=couple_id, created_at__lt=start)
    times = list(codes.values_list("created_at", "used_at"))
    newer = {created for created, _ in times}
    return founded and all(used is None or used >= start or used in newer for _, used in times)
