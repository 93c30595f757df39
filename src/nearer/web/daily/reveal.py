"""Whose daily answers reach whom: the times two people were in a couple space together, and
which answers were given within one of them. `services.view_for` turns what this finds into what
a page shows; nothing here reads the safety check or the content.

An answer reaches a reader only when it was written in a time the two were together (or, in a
space its writer made, before the first partner came: `stays.first_pairing`), on a day opened in
a stay of both. Two answers are exchanged when both were given within the same time together.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from nearer.web.couples.services import overlap
from nearer.web.daily.models import Answer, DailyQuestion
from nearer.web.daily.stays import (
    Memberships,
    covers,
    first_pairing,
    memberships_of,
    opened_in_stay,
)


def members_on(daily: DailyQuestion, memberships: Memberships | None = None) -> set[int]:
    """Ids of the people who were in the couple space on the question's day (a day's slack either
    way for time zones). Who can answer, and whose answers a reveal may show, follows from it: a
    partner who left keeps the shared history; a later partner never sees an earlier one's answers.
    `memberships` are the couple's, when the caller has read them already (see history).
    """
    if memberships is None:
        memberships = memberships_of(daily.couple_id)
    return {user_id for user_id, joined, left in memberships if covers(joined, left, daily.day)}


Span = tuple[datetime, datetime | None]  # from, until (None: still there)


def stays(who: int, memberships: Memberships) -> list[Span]:
    return [(joined, left) for uid, joined, left in memberships if uid == who]


def _together(one: int, other: int, memberships: Memberships) -> list[Span]:
    """The spans of time when both were in the couple space."""
    spans = (overlap(*a, *b) for a in stays(one, memberships) for b in stays(other, memberships))
    return [span for span in spans if span is not None]


def partners_of(user_id: int, people: set[int], memberships: Memberships) -> list[int]:
    """The people of the day who were in the couple space at the same time as `user_id`, the
    latest to join first. Only between two of them can answers be revealed: someone who left
    before another joined never shared the space with them, even on the same day."""
    shared = [
        (max(joined for joined, _ in stays(other, memberships)), other)
        for other in people - {user_id}
        if _together(user_id, other, memberships)
    ]
    return [other for _, other in sorted(shared, reverse=True)]


def _given(answer: Answer, span: Span, couple_id: int, memberships: Memberships) -> bool:
    """Whether `answer` was given to its reader in `span`, a time the two were in the space
    together: written before it ended (a partner who left never sees what came after), and
    during it, or before it in the one case where it was surely written alone: the first
    pairing of a space its writer made (see `stays.first_pairing`). One written alone after an
    earlier partner, or with them, or while the reader was away, never reaches the reader."""
    start, end = span
    if end is not None and answer.answered_at > end:
        return False
    if answer.answered_at >= start:
        return True
    return first_pairing(couple_id, answer.user_id, start, memberships)


def both_here(one: int, other: int, memberships: Memberships) -> bool:
    """Whether both are in the couple space now (neither has left since they last came in)."""
    here = {uid for uid, _, left in memberships if left is None}
    return {one, other} <= here


def _reaches(answer: Answer, reader: int, couple_id: int, memberships: Memberships) -> bool:
    """Whether `answer` was given to `reader` in some time the two were together."""
    return any(
        _given(answer, span, couple_id, memberships)
        for span in _together(reader, answer.user_id, memberships)
    )


def _exchanged(mine: Answer, theirs: Answer, couple_id: int, memberships: Memberships) -> bool:
    """Whether two answers were given to each other within one time together."""
    return any(
        _given(mine, span, couple_id, memberships) and _given(theirs, span, couple_id, memberships)
        for span in _together(mine.user_id, theirs.user_id, memberships)
    )


@dataclass(frozen=True)
class Reveal:
    """What the reveal rule finds for one person on a day they were in the couple space."""

    mine: Answer | None
    answered: list[Answer]  # the partners' answers given to them (not passes)
    exchanged: list[Answer]  # of those, the ones theirs was given for in turn


def reveal(user_id: int, daily: DailyQuestion, memberships: Memberships) -> Reveal:
    # Only the answers of those the day is theirs (opened in a stay of theirs): one written by a
    # partner back after days away on a day opened while they were away (earlier code let it in)
    # is revealed to no one, never to one side only.
    people = {p for p in members_on(daily, memberships) if opened_in_stay(p, daily, memberships)}
    loaded = list(daily.answers.all())  # prefetched by history(); one query otherwise
    answers = {a.user_id: a for a in loaded if a.user_id in people}
    mine = answers.get(user_id)
    theirs = [answers[p] for p in partners_of(user_id, people, memberships) if p in answers]
    couple_id = daily.couple_id
    answered = [a for a in theirs if not a.passed and _reaches(a, user_id, couple_id, memberships)]
    exchanged = [
        a
        for a in answered
        if mine is not None and not mine.passed and _exchanged(mine, a, couple_id, memberships)
    ]
    return Reveal(mine, answered, exchanged)


def partner_now(user_id: int, daily: DailyQuestion, memberships: Memberships) -> int | None:
    """The partner in the couple space with `user_id` now, when the day is theirs too (opened
    in a stay of theirs that holds it): the one an answer of today can still be exchanged with."""
    here = {uid for uid, _, left in memberships if left is None and uid != user_id}
    return next((uid for uid in here if opened_in_stay(uid, daily, memberships)), None)


def _current(one: int, other: int, memberships: Memberships) -> Span | None:
    return next((s for s in _together(one, other, memberships) if s[1] is None), None)


def given_now(answer: Answer, reader: int, memberships: Memberships, now: int | None) -> bool:
    """Whether `answer`, by the partner here now, was given to `reader` in this time together."""
    span = _current(reader, answer.user_id, memberships) if answer.user_id == now else None
    return span is not None and _given(answer, span, answer.daily.couple_id, memberships)


def unshared(
    mine: Answer | None, now: int | None, couple_id: int, memberships: Memberships
) -> bool:
    """Whether `mine`, an answer, was written outside the time together with `now`."""
    if mine is None or mine.passed or now is None:
        return False
    span = _current(mine.user_id, now, memberships)
    return span is None or not _given(mine, span, couple_id, memberships)
