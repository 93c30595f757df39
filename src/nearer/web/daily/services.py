"""The daily question loop: each answers privately; both answers appear once both have answered.

The rule lives here and only here. A pass is not an answer: after a pass, nothing is revealed
that day, so no one sees the other's words without having shared their own.
"""

from __future__ import annotations

import copy
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from nearer.content.loader import default_content
from nearer.domain.model import Question
from nearer.web.accounts.models import User
from nearer.web.assessments.services import OwnSafety
from nearer.web.couples.models import Couple, Membership
from nearer.web.daily.models import Answer, DailyQuestion
from nearer.web.daily.stays import (
    SLACK,
    Memberships,
    covers,
    first_pairing,
    memberships_of,
    opened_in_stay,
)
from nearer.web.plans.services import plan_for, withheld_for

#: The earliest day the app accepts: before any couple used nearer, and it keeps date arithmetic
#: (a week back, sixty days back) in range.
EARLIEST = date(2000, 1, 1)


#: The refusal of a thanks or reply once the partner has gone: the same words whether they left
#: or deleted their account, so it does not tell which.
PARTNER_GONE = (
    "Your partner is no longer in this couple space: their answer stays as it was shared."
)


class DailyError(ValueError):
    """A change the rules do not allow; the message is shown as is."""


class NoSuchDay(Http404):
    """A day before anyone now in the couple space was in it, never opened: there is nothing to
    read, and reading it makes nothing (a 404 on the pages and in the API)."""


@dataclass(frozen=True)
class DailyView:
    """What one partner may see of one day's question."""

    daily: DailyQuestion
    question: Question | None
    mine: Answer | None
    partners: Answer | None  # only once both have answered
    partner_has_answered: bool  # whether, not what
    revealed: bool
    set_aside: bool = False  # a question that needs safety, for someone not clear: not shown
    # Revealed, and both are still in the couple space: thanks and replies go only between two
    # people who are both there (a partner who left gets nothing written after they left).
    can_respond: bool = False
    # A day before the person was in the couple space (see members_on), or opened while they
    # were not: nothing to answer, and nothing said of anyone's answer (`mine` is their own, if
    # earlier code let one in, without a partner's thanks or reply).
    before_joining: bool = False
    # Not revealed: whether someone in the couple space with the person now can still answer
    # this day with them (else an answer waits for no one: opened before they came, or the
    # partner of that day has gone), and whether the person's own answer was written outside
    # this time together (while the partner was away), so is not shared with them until sent
    # again. partner_has_answered counts only an answer given in this time together.
    partner_can_answer: bool = False
    mine_unshared: bool = False
    # A day of a couple space the person has left, in their history for their own answer only
    # (see `history`): nothing of anyone else's, nothing to answer now.
    elsewhere: bool = False


def question_for(couple: Couple, day: date) -> DailyQuestion:
    """The question of `day`, the same for both: the week's plan's question for that weekday,
    chosen on first use and then kept, so a day never changes under anyone's eyes. A question
    that needs safety is set aside, in `view_for`, for whoever is not clear."""
    existing: DailyQuestion | None = DailyQuestion.objects.filter(couple=couple, day=day).first()
    if existing is not None:
        return existing
    if not _someone_there_on(couple, day):
        raise NoSuchDay("No question on that day.")
    return _new_question(couple, day)


def _someone_there_on(couple: Couple, day: date) -> bool:
    """Whether someone now in the couple space was in it on `day` (as members_on counts it), so
    could answer its question: a day before all of them stays unmade."""
    joins = couple.memberships.filter(left_at__isnull=True).values_list("joined_at", flat=True)
    return any(joined.date() <= day + SLACK for joined in joins)


def _planned(couple: Couple, day: date) -> str:
    return plan_for(couple, day).question_on(day)


def _new_question(couple: Couple, day: date) -> DailyQuestion:
    question_id = _planned(couple, day)
    try:
        with transaction.atomic():
            made: DailyQuestion = DailyQuestion.objects.create(
                couple=couple, day=day, question_id=question_id, opened_at=timezone.now()
            )
            return made
    except IntegrityError:
        made_first: DailyQuestion = DailyQuestion.objects.get(couple=couple, day=day)
        return made_first


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


def _stays(who: int, memberships: Memberships) -> list[Span]:
    return [(joined, left) for uid, joined, left in memberships if uid == who]


def _together(one: int, other: int, memberships: Memberships) -> list[Span]:
    """The spans of time when both were in the couple space."""
    spans = []
    for a in _stays(one, memberships):
        for b in _stays(other, memberships):
            start = max(a[0], b[0])
            ends = [end for end in (a[1], b[1]) if end is not None]
            end = min(ends) if ends else None
            if end is None or start <= end:
                spans.append((start, end))
    return spans


def partners_of(user_id: int, people: set[int], memberships: Memberships) -> list[int]:
    """The people of the day who were in the couple space at the same time as `user_id`, the
    latest to join first. Only between two of them can answers be revealed: someone who left
    before another joined never shared the space with them, even on the same day."""
    shared = [
        (max(joined for joined, _ in _stays(other, memberships)), other)
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


def _both_here(one: int, other: int, memberships: Memberships) -> bool:
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
class _Reveal:
    """What the reveal rule finds for one person on a day they were in the couple space."""

    mine: Answer | None
    answered: list[Answer]  # the partners' answers given to them (not passes)
    exchanged: list[Answer]  # of those, the ones theirs was given for in turn


def _reveal(user_id: int, daily: DailyQuestion, memberships: Memberships) -> _Reveal:
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
    return _Reveal(mine, answered, exchanged)


def view_for(
    user: User,
    daily: DailyQuestion,
    memberships: Memberships | None = None,
    safety: OwnSafety | None = None,
) -> DailyView:
    """The reveal rule: the partner's answer shows once both of them have answered (a pass is not
    an answer) while they shared the couple space: what a partner answers after the other left,
    or answered for an earlier partner, is never revealed between them. On a day before the
    person was in the couple space, or opened before they came (stays.opened_in_stay), there is
    nothing for them: no question, no answer to give, and nothing said of anyone's.
    `memberships` and the person's `safety` come from a caller that has read them already (see
    history); None reads them now."""
    if memberships is None:
        memberships = memberships_of(daily.couple_id)
    if not opened_in_stay(user.pk, daily, memberships):  # first: set aside or not tells of it
        return DailyView(daily, None, _own(user.pk, daily), None, False, False, before_joining=True)
    if withheld_for(user, daily.question_id, daily.day, safety):  # answered or passed: nothing new
        return DailyView(daily, None, None, None, False, False, set_aside=True)
    question = question_by_id(daily.question_id)
    found = _reveal(user.pk, daily, memberships)
    partner = found.exchanged[0] if found.exchanged else None
    now = _partner_now(user.pk, daily, memberships)
    return DailyView(
        daily=daily,
        question=question,
        # Not revealed: one's own answer without a thanks or reply, which rows older code let in
        # can hold (an answer from a day opened while its writer was away).
        mine=found.mine if partner is not None or found.mine is None else own_only(found.mine),
        partners=partner,
        partner_has_answered=any(_given_now(a, user.pk, memberships, now) for a in found.answered),
        revealed=partner is not None,
        can_respond=partner is not None and _both_here(user.pk, partner.user_id, memberships),
        partner_can_answer=now is not None,
        mine_unshared=_unshared(found.mine, now, daily.couple_id, memberships),
    )


def _own(user_id: int, daily: DailyQuestion) -> Answer | None:
    """The person's own answer of `daily`, as their own only (own_only): one a day opened before
    they came still holds, from before such answers were refused."""
    own = next((a for a in daily.answers.all() if a.user_id == user_id), None)
    return own_only(own) if own is not None else None


def _partner_now(user_id: int, daily: DailyQuestion, memberships: Memberships) -> int | None:
    """The partner in the couple space with `user_id` now, when the day is theirs too (opened
    in a stay of theirs that holds it): the one an answer of today can still be exchanged with."""
    here = {uid for uid, _, left in memberships if left is None and uid != user_id}
    return next((uid for uid in here if opened_in_stay(uid, daily, memberships)), None)


def _current(one: int, other: int, memberships: Memberships) -> Span | None:
    return next((s for s in _together(one, other, memberships) if s[1] is None), None)


def _given_now(answer: Answer, reader: int, memberships: Memberships, now: int | None) -> bool:
    """Whether `answer`, by the partner here now, was given to `reader` in this time together."""
    span = _current(reader, answer.user_id, memberships) if answer.user_id == now else None
    return span is not None and _given(answer, span, answer.daily.couple_id, memberships)


def _unshared(
    mine: Answer | None, now: int | None, couple_id: int, memberships: Memberships
) -> bool:
    """Whether `mine`, an answer, was written outside the time together with `now`."""
    if mine is None or mine.passed or now is None:
        return False
    span = _current(mine.user_id, now, memberships)
    return span is None or not _given(mine, span, couple_id, memberships)


#: What ends a line, in any of Unicode's ways.
LINE_BREAKS = ("\n", "\r", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")


def visible(text: str) -> bool:
    """Whether `text` shows anything: not only spaces and invisible marks (a zero-width space, a
    byte order mark, a direction mark), which would let an empty answer open the partner's."""
    return any(not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Cc") for ch in text)


@transaction.atomic
def answer(user: User, daily: DailyQuestion, text: str, passed: bool) -> Answer:
    """Answer or pass; an answer can be changed until both have answered."""
    text = text.strip()
    if not passed and not visible(text):
        raise DailyError("Write an answer, or pass for today.")
    seen = view_for(user, daily)
    if seen.before_joining:
        raise DailyError("You were not in this couple space when this day's question came.")
    if seen.set_aside:
        raise DailyError("There is no question to answer on this day.")
    if seen.revealed:
        raise DailyError("Both of you have answered; answers are kept as they were shared.")
    found: Answer
    found, _ = Answer.objects.update_or_create(
        daily=daily,
        user=user,
        defaults={"text": "" if passed else text, "passed": passed, "answered_at": timezone.now()},
    )
    return found


def respond(user: User, daily: DailyQuestion, thank: bool, reply: str) -> Answer:
    """A thank-you and a one-line reply to the partner's revealed answer, while both are in the
    couple space (see DailyView.can_respond)."""
    seen = view_for(user, daily)
    partner_answer = seen.partners
    if partner_answer is None:
        raise DailyError("You can respond once both of you have answered.")
    if not seen.can_respond:
        raise DailyError(PARTNER_GONE)
    reply = reply.strip() if visible(reply) else ""
    if not thank and not reply:
        raise DailyError("Thank your partner, or write a reply.")
    if len(reply) > 280 or any(mark in reply for mark in LINE_BREAKS):
        raise DailyError("Keep the reply to one line (280 characters at most).")
    # Read again under a lock, and each writes only its own column: a thank-you and a reply sent
    # at the same moment (two tabs, two devices) both stay, where saving the answer as first read
    # would put back what the other had just written.
    with transaction.atomic():
        answer: Answer = Answer.objects.select_for_update().get(pk=partner_answer.pk)
        changed = []
        if thank and answer.thanked_at is None:
            answer.thanked_at = timezone.now()
            changed.append("thanked_at")
        if reply:
            answer.reply = reply
            changed.append("reply")
        answer.save(update_fields=changed)
    return answer


def withdraw_responses(user: User) -> None:
    """Take back every thanks and reply `user` gave: called as their account is deleted, while
    their memberships still tell who they were in the couple space with, so that nothing of theirs
    stays on a partner's answer for a later partner to read as their own. Not by today's reveal
    rule, which older code did not always follow (it let a partner back after time away exchange
    on a day opened while away): on every day they answered while in the space, what is on the
    answers of those they were there with then (partners_of) goes; a third person's stays."""
    couples = Membership.objects.filter(user=user).values_list("couple_id", flat=True)
    days = DailyQuestion.objects.filter(
        couple_id__in=couples, answers__user=user, answers__passed=False
    ).prefetch_related("answers")
    seen: dict[int, Memberships] = {}
    for daily in days:
        if daily.couple_id not in seen:
            seen[daily.couple_id] = memberships_of(daily.couple_id)
        for answered in _responded_to_by(user.pk, daily, seen[daily.couple_id]):
            answered.thanked_at, answered.reply = None, ""
            answered.save(update_fields=["thanked_at", "reply"])


def _responded_to_by(user_id: int, daily: DailyQuestion, memberships: Memberships) -> list[Answer]:
    """The answers of `daily` that may hold a thanks or reply of `user_id`: those with one, of
    the people they were in the couple space with, when they gave an answer of their own there."""
    answers = list(daily.answers.all())
    mine = next((a for a in answers if a.user_id == user_id and not a.passed), None)
    if mine is None or not any(
        joined <= mine.answered_at and (left is None or mine.answered_at <= left)
        for joined, left in _stays(user_id, memberships)
    ):
        return []
    partners = set(partners_of(user_id, members_on(daily, memberships), memberships))
    return [a for a in answers if a.user_id in partners and (a.thanked_at or a.reply)]


def question_by_id(question_id: str) -> Question | None:
    """The content's question of that id; None when the content no longer holds it."""
    return next((q for q in default_content().questions if q.id == question_id), None)


def own_only(answer: Answer) -> Answer:
    """`answer`, its writer's own, as it reads without a partner's part: no thanks, no reply (a
    copy, never saved). What a day reads where nothing of anyone else's reaches its writer."""
    alone = copy.copy(answer)
    alone.thanked_at, alone.reply = None, ""
    return alone


def shared_history(user: User) -> list[DailyView]:
    """Every day's question of every couple space the person was in, as they may see it: theirs,
    and the partner's answer where both answered. What leaving keeps readable, and what the export
    holds: a day set aside for them still holds their own answer (see `_own_part`)."""
    couples = Membership.objects.filter(user=user).values_list("couple_id", flat=True)
    days = DailyQuestion.objects.filter(couple_id__in=couples).prefetch_related("answers")
    safety = OwnSafety(user)  # once, not once a day that needs it
    views = (_own_part(user, view_for(user, daily, safety=safety), safety) for daily in days)
    return [view for view in views if view.mine or view.revealed]


def _own_part(user: User, view: DailyView, safety: OwnSafety) -> DailyView:
    """`view`, and on a day set aside for `user`, or opened before they came (one they answered
    before that was refused), their own answer or pass with it: it is theirs to keep, while
    nothing more of that day (partner's answer, thanks, reply) reaches them. On a day opened
    before they came that they answered all the same (nearer took such answers before daily
    0009), the question they answered is theirs too, unless it is set aside for them now."""
    if not (view.set_aside or view.before_joining):
        return view
    own = next((own_only(a) for a in view.daily.answers.all() if a.user_id == user.pk), None)
    if own is None or view.set_aside:
        return replace(view, mine=own)
    daily = view.daily
    if withheld_for(user, daily.question_id, daily.day, safety):
        return replace(view, mine=own, set_aside=True)
    return replace(view, mine=own, question=question_by_id(daily.question_id))
