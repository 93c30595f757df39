"""Who may read or change what: one helper per kind of object, used by the pages and the API.

Each helper takes the person asking and what they asked for, and returns the object only when it
is theirs to reach; otherwise it raises `NotYours`, a 404 that reads the same whether the object
is missing or belongs to someone else, so a partner or a stranger learns nothing from it. Pages
show the 404 page; the API answers its JSON 404 with the message (see api/errors.py).

Nothing here takes an object's primary key from another couple into account: every lookup
starts from the person (their membership, their couple, their own rows), so an id swapped into a
path, form, JSON body or query string can only ever find the person's own object or nothing.

What the partner may see of a daily answer is not decided here but in `daily.services.view_for`
(the reveal rule); `day_view_for` is the way to reach it.
"""

from __future__ import annotations

from datetime import date

from django.http import Http404

from nearer.domain.model import Instrument, Practice
from nearer.web.accounts.models import User
from nearer.web.api.models import Token
from nearer.web.assessments import services as assessments
from nearer.web.assessments.models import Run
from nearer.web.chats import services as chats
from nearer.web.chats.models import ChatImport
from nearer.web.couples.models import Couple, Invitation, Membership
from nearer.web.daily import services as daily
from nearer.web.daily.models import CheckIn, DailyQuestion
from nearer.web.plans import services as plans
from nearer.web.plans.models import PracticeLog, WeekPlan
from nearer.web.security.models import SignIn

NO_COUPLE = "You are not in a couple space. Create one, or join your partner's with a code."


class NotYours(Http404):
    """Not found, or not yours: the message never says which, and may be shown as is."""


class NoCoupleSpace(NotYours):
    """The person is in no couple space now: never joined one, or left it (in another tab,
    perhaps, with a form still open here). It tells them only about themselves, so the pages
    say so rather than "not found" (errorpages.not_found)."""


# couple space, membership, invitation


def membership_for(user: User) -> Membership:
    """The person's current membership; a past one is reachable only through shared history."""
    found: Membership | None = (
        Membership.objects.filter(user=user, left_at__isnull=True).select_related("couple").first()
    )
    if found is None:
        raise NoCoupleSpace(NO_COUPLE)
    return found


def couple_for(user: User) -> Couple:
    """The couple space the person is in now."""
    couple: Couple = membership_for(user).couple
    return couple


def invitation_for(user: User, code: str) -> Invitation:
    """An invitation of the person's own couple space, by its code (to show it to its maker).
    Joining with a partner's code goes through couples.services.join, which checks the code."""
    found: Invitation | None = Invitation.objects.filter(
        couple=couple_for(user), code_hash=Invitation.hash(code)
    ).first()
    if found is None:
        raise NotYours("No such invitation.")
    return found


# daily question and answers


def daily_for(user: User, day: date) -> DailyQuestion:
    """The question of `day` in the person's current couple space (made on first use). The day is
    checked by the caller: a page 404s on a day out of range, the API refuses it by name."""
    return daily.question_for(couple_for(user), day)


def day_view_for(user: User, day: date) -> daily.DailyView:
    """The person's own answer of `day`, and the partner's only once both have answered."""
    return daily.view_for(user, daily_for(user, day))


# check-ins


def checkin_or_none(user: User, day: date) -> CheckIn | None:
    """The person's own check-in of `day`, if any. A partner's check-in is never reachable; what
    they chose to share is read through api.checkins.shared_by."""
    found: CheckIn | None = CheckIn.objects.filter(user=user, day=day).first()
    return found


def checkin_for(user: User, day: date) -> CheckIn:
    found = checkin_or_none(user, day)
    if found is None:
        raise NotYours("No check-in of yours on that day.")
    return found


# assessments


def instrument_for(instrument_id: str) -> Instrument:
    found: Instrument | None = assessments.instrument(instrument_id)
    if found is None:
        raise NotYours("No such instrument.")
    return found


def run_for(user: User, instrument_id: str) -> Run:
    """The person's own latest completed run of an instrument; a partner's run is reached only
    through the side-by-side report, and the safety screen never."""
    found = assessments.latest_run(user, instrument_for(instrument_id).id)
    if found is None:
        raise NotYours("No run of yours for that instrument.")
    return found


# week plan and practices


def week_plan_for(user: User, day: date) -> WeekPlan:
    """The plan of the week of `day` for the person's current couple space (made on first use)."""
    return plans.plan_for(couple_for(user), day)


def practice_for(user: User, practice_id: str, day: date) -> Practice:
    """A practice of the plan of the week of `day` that the person may see; any other is not
    found."""
    week = week_plan_for(user, day)
    practices: list[Practice] = plans.practices_for(user, week)
    found = next((p for p in practices if p.id == practice_id), None)
    if found is None:
        raise NotYours("That practice is not in this week's plan.")
    return found


def practice_log_for(user: User, practice_id: str, day: date) -> PracticeLog:
    """The person's own record of doing a practice on `day`."""
    found: PracticeLog | None = PracticeLog.objects.filter(
        user=user, practice_id=practice_id, day=day
    ).first()
    if found is None:
        raise NotYours("Not marked done on that day.")
    return found


# API tokens


def token_for(user: User, token_id: int) -> Token:
    found: Token | None = Token.objects.filter(user=user, pk=token_id).first()
    if found is None:
        raise NotYours("No such token.")
    return found


# sign-ins (sessions)


def sign_in_for(user: User, sign_in_id: int) -> SignIn:
    found: SignIn | None = SignIn.objects.filter(user=user, pk=sign_in_id).first()
    if found is None:
        raise NotYours("No such sign-in.")
    return found


# chat imports


def chat_import_for(user: User, pk: int) -> ChatImport:
    """An import `user` is one of the two people of (uploader or partner)."""
    found: ChatImport | None = chats.imports_for(user).filter(pk=pk).first()
    if found is None:
        raise NotYours("No such chat import.")
    return found
