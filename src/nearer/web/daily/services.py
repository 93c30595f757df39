"""The daily question loop: each answers privately; both answers appear once both have answered.

The rule lives here and only here. A pass is not an answer: after a pass, nothing is revealed
that day, so no one sees the other's words without having shared their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from nearer.content.loader import default_content
from nearer.domain.model import Question
from nearer.web.accounts.models import User
from nearer.web.assessments.services import couple_is_safe
from nearer.web.couples.models import Couple, Membership
from nearer.web.daily.models import Answer, DailyQuestion
from nearer.web.plans.services import plan_for

#: The earliest day the app accepts: before any couple used nearer, and it keeps date arithmetic
#: (a week back, sixty days back) in range.
EARLIEST = date(2000, 1, 1)


class DailyError(ValueError):
    """A change the rules do not allow; the message is shown as is."""


@dataclass(frozen=True)
class DailyView:
    """What one partner may see of one day's question."""

    daily: DailyQuestion
    question: Question | None
    mine: Answer | None
    partners: Answer | None  # only once both have answered
    partner_has_answered: bool  # whether, not what
    revealed: bool


def question_for(couple: Couple, day: date) -> DailyQuestion:
    """The question of `day`, the same for both: the week's plan's question for that weekday,
    chosen on first use and then kept. A kept question the couple's safety no longer allows (see
    plans.services.plan_for) is chosen again from the week's plan while no one has answered or
    passed it; once someone has, the day is under way and kept as it was shared."""
    existing = DailyQuestion.objects.filter(couple=couple, day=day).first()
    if existing is None:
        return _new_question(couple, day)
    if needs_safety(existing.question_id) and not couple_is_safe(couple):
        _choose_again(couple, existing)
    return existing


def needs_safety(question_id: str) -> bool:
    return any(q.id == question_id and q.needs_safety for q in default_content().questions)


def _planned(couple: Couple, day: date) -> str:
    plan = plan_for(couple, day)
    return plan.question_ids[day.weekday() % len(plan.question_ids)]


def _new_question(couple: Couple, day: date) -> DailyQuestion:
    question_id = _planned(couple, day)
    try:
        with transaction.atomic():
            return DailyQuestion.objects.create(couple=couple, day=day, question_id=question_id)
    except IntegrityError:
        return DailyQuestion.objects.get(couple=couple, day=day)


def _choose_again(couple: Couple, daily: DailyQuestion) -> None:
    """The day's question from the week's plan, made again, unless someone has answered or passed
    (checked in the statement that changes it, so an answer saved just before keeps its
    question)."""
    question_id = _planned(couple, daily.day)
    unanswered = DailyQuestion.objects.filter(pk=daily.pk, answers__isnull=True)
    if unanswered.update(question_id=question_id):
        daily.question_id = question_id


#: A couple's memberships as (user id, joined at, left at or None).
Memberships = list[tuple[int, datetime, datetime | None]]


def memberships_of(couple_id: int) -> Memberships:
    return list(
        Membership.objects.filter(couple_id=couple_id).values_list(
            "user_id", "joined_at", "left_at"
        )
    )


def members_on(daily: DailyQuestion, memberships: Memberships | None = None) -> set[int]:
    """Ids of the people who were in the couple space on the question's day (a day's slack either
    way for time zones). Who can answer, and whose answers a reveal may show, follows from it: a
    partner who left keeps the shared history; a later partner never sees an earlier one's answers.
    `memberships` are the couple's, when the caller has read them already (see history).
    """
    slack = timedelta(days=1)
    if memberships is None:
        memberships = memberships_of(daily.couple_id)
    return {
        user_id
        for user_id, joined, left in memberships
        if joined.date() <= daily.day + slack and (left is None or left.date() >= daily.day - slack)
    }


def partners_of(user_id: int, people: set[int], memberships: Memberships) -> list[int]:
    """The people of the day who were in the couple space at the same time as `user_id`, the
    latest to join first. Only between two of them can answers be revealed: someone who left
    before another joined never shared the space with them, even on the same day."""

    def stays(who: int) -> list[tuple[datetime, datetime | None]]:
        return [(joined, left) for uid, joined, left in memberships if uid == who]

    def overlap(a: tuple[datetime, datetime | None], b: tuple[datetime, datetime | None]) -> bool:
        return (b[1] is None or a[0] <= b[1]) and (a[1] is None or b[0] <= a[1])

    mine = stays(user_id)
    shared = [
        (max(joined for joined, _ in stays(other)), other)
        for other in people - {user_id}
        if any(overlap(a, b) for a in mine for b in stays(other))
    ]
    return [other for _, other in sorted(shared, reverse=True)]


def view_for(user: User, daily: DailyQuestion, memberships: Memberships | None = None) -> DailyView:
    """The reveal rule: the partner's answer shows once both of them have answered (a pass is not
    an answer), the partner being someone who shared the couple space with the person."""
    if memberships is None:
        memberships = memberships_of(daily.couple_id)
    people = members_on(daily, memberships)
    loaded = list(daily.answers.all())  # prefetched by history(); one query otherwise
    answers = {a.user_id: a for a in loaded if a.user_id in people}
    mine = answers.get(user.pk)
    theirs = [answers[p] for p in partners_of(user.pk, people, memberships) if p in answers]
    answered = [a for a in theirs if not a.passed]
    revealed = user.pk in people and mine is not None and not mine.passed and bool(answered)
    question = next((q for q in default_content().questions if q.id == daily.question_id), None)
    return DailyView(
        daily=daily,
        question=question,
        mine=mine,
        partners=answered[0] if revealed else None,
        partner_has_answered=bool(answered),
        revealed=revealed,
    )


@transaction.atomic
def answer(user: User, daily: DailyQuestion, text: str, passed: bool) -> Answer:
    """Answer or pass; an answer can be changed until both have answered."""
    text = text.strip()
    if user.pk not in members_on(daily):
        raise DailyError("This day's question was before you joined this couple space.")
    if not passed and not text:
        raise DailyError("Write an answer, or pass for today.")
    if view_for(user, daily).revealed:
        raise DailyError("Both of you have answered; answers are kept as they were shared.")
    found, _ = Answer.objects.update_or_create(
        daily=daily,
        user=user,
        defaults={"text": "" if passed else text, "passed": passed, "answered_at": timezone.now()},
    )
    return found


def respond(user: User, daily: DailyQuestion, thank: bool, reply: str) -> Answer:
    """A thank-you and a one-line reply to the partner's revealed answer."""
    partner_answer = view_for(user, daily).partners
    if partner_answer is None:
        raise DailyError("You can respond once both of you have answered.")
    if not thank and not reply.strip():
        raise DailyError("Thank your partner, or write a reply.")
    if thank and partner_answer.thanked_at is None:
        partner_answer.thanked_at = timezone.now()
    if reply.strip():
        if len(reply.strip()) > 280:
            raise DailyError("Keep the reply to one line (280 characters at most).")
        partner_answer.reply = reply.strip()
    partner_answer.save(update_fields=["thanked_at", "reply"])
    return partner_answer


def history(user: User, couple: Couple, limit: int = 60) -> list[DailyView]:
    """The couple's days up to the person's own today (a partner in a later time zone may have
    opened a day that has not come yet for this person), newest first, as this person may see
    them. A question the couple's safety no longer allows is chosen again, as in question_for."""
    today = timezone.localdate()  # the person's own: their time zone is the active one
    found = DailyQuestion.objects.filter(couple=couple, day__lte=today)
    days = list(found.prefetch_related("answers")[:limit])
    unsafe = [d for d in days if needs_safety(d.question_id) and not d.answers.all()]
    if unsafe and not couple_is_safe(couple):
        for daily in unsafe:
            _choose_again(couple, daily)
    memberships = memberships_of(couple.pk)  # once, not three queries a day
    return [view_for(user, daily, memberships) for daily in days]


def shared_history(user: User) -> list[DailyView]:
    """Every day's question of every couple space the person was in, as they may see it: theirs,
    and the partner's answer where both answered. What leaving keeps readable."""
    couples = Membership.objects.filter(user=user).values_list("couple_id", flat=True)
    days = DailyQuestion.objects.filter(couple_id__in=couples).prefetch_related("answers")
    return [
        view for view in (view_for(user, daily) for daily in days) if view.mine or view.revealed
    ]
