"""The daily question loop: each answers privately; both answers appear once both have answered.

The rule lives here and in `reveal` (whose answers reach whom), and only there. A pass is not an
answer: after a pass, nothing is revealed that day, so no one sees the other's words without
having shared their own.
"""

from __future__ import annotations

import copy
import unicodedata
from dataclasses import dataclass, replace
from datetime import date

from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from nearer.content.loader import default_content
from nearer.domain.model import DEPTH_NAMES, Question
from nearer.web.accounts.models import User
from nearer.web.assessments.services import OwnSafety
from nearer.web.couples.models import Couple, Membership
from nearer.web.daily import reveal
from nearer.web.daily.models import Answer, DailyQuestion
from nearer.web.daily.stays import SLACK, Memberships, memberships_of, opened_in_stay
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
    # A day before the person was in the couple space (see reveal.members_on), or opened while they
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

    @property
    def kind(self) -> str:
        """The question's form of closeness and depth, for its badge ("physical (nonsexual)
        closeness · light"); "" without a question."""
        if self.question is None:
            return ""
        form = default_content().in_a_sentence(self.question.form)
        parts = (f"{form} closeness" if form else "", DEPTH_NAMES.get(self.question.depth, ""))
        return " · ".join(part for part in parts if part)


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
    """Whether someone now in the couple space was in it on `day` (as reveal.members_on counts
    it), so could answer its question: a day before all of them stays unmade."""
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
    found = reveal.reveal(user.pk, daily, memberships)
    partner = found.exchanged[0] if found.exchanged else None
    now = reveal.partner_now(user.pk, daily, memberships)
    return DailyView(
        daily=daily,
        question=question,
        # Not revealed: one's own answer without a thanks or reply, which rows older code let in
        # can hold (an answer from a day opened while its writer was away).
        mine=found.mine if partner is not None or found.mine is None else own_only(found.mine),
        partners=partner,
        partner_has_answered=any(
            reveal.given_now(a, user.pk, memberships, now) for a in found.answered
        ),
        revealed=partner is not None,
        can_respond=partner is not None and reveal.both_here(user.pk, partner.user_id, memberships),
        partner_can_answer=now is not None,
        mine_unshared=reveal.unshared(found.mine, now, daily.couple_id, memberships),
    )


def _own(user_id: int, daily: DailyQuestion) -> Answer | None:
    """The person's own answer of `daily`, as their own only (own_only): one a day opened before
    they came still holds, from before such answers were refused."""
    own = next((a for a in daily.answers.all() if a.user_id == user_id), None)
    return own_only(own) if own is not None else None


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
    answers of those they were there with then (reveal.partners_of) goes; a third person's stays."""
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
        for joined, left in reveal.stays(user_id, memberships)
    ):
        return []
    partners = set(reveal.partners_of(user_id, reveal.members_on(daily, memberships), memberships))
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
