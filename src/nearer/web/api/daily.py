"""The daily question: each partner answers privately; the partner's answer appears only once both
have answered, as daily.services decides. Nothing here reads an Answer except through its views."""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.params.functions import Query
from pydantic import Field, StrictBool

from nearer.web import access
from nearer.web.accounts.models import User
from nearer.web.api.access import Day, past_or_today, today, user_of
from nearer.web.api.body import Body
from nearer.web.api.errors import ERRORS, ApiError, Error, form_error, invalid, refuse
from nearer.web.couples.services import couple_of
from nearer.web.daily import history as daily_history
from nearer.web.daily import services
from nearer.web.daily.forms import AnswerForm, ReplyForm
from nearer.web.daily.models import Answer, DailyQuestion
from nearer.web.daily.services import DailyError, DailyView
from nearer.web.safety.pointer import pointer_for_text

router = Router(tags=["daily"])


class QuestionOut(Schema):
    id: str
    text: str
    form: str  # emotional, intellectual, experiential, spiritual or physical
    depth: int  # 1 light, 2 personal, 3 vulnerable


class MyAnswerOut(Schema):
    text: str
    passed: bool
    answered_at: datetime
    thanked_by_partner: bool
    partner_reply: str


class PartnerAnswerOut(Schema):
    text: str
    answered_at: datetime
    thanked_by_me: bool
    my_reply: str


class DayOut(Schema):
    day: date
    question: QuestionOut | None
    mine: MyAnswerOut | None
    partner_has_answered: bool  # whether, never what
    revealed: bool  # both have answered (a pass is not an answer)
    partner: PartnerAnswerOut | None  # present only once revealed
    set_aside: bool  # no question for you on this day (question null); nothing to answer
    can_respond: bool  # a thank-you and a reply may be sent: revealed, both still here
    before_joining: bool  # before you came (or opened before): question null, nothing to answer
    elsewhere: bool  # history only: your own answer in a couple space you have left, alone
    # Not revealed: whether the partner in the couple space with you now can answer this day
    # with you (false: your answer is shared with no one), and whether your answer was written
    # before the two of you were together in the space again (shared once sent again). From
    # who was in the space when, never from anyone's safety check.
    partner_can_answer: bool
    mine_unshared: bool
    support: str | None = Field(
        None,
        description="Only in the answer to your own answer or reply, when what you wrote reads "
        "like a crisis (an approximate word list): a gentle sentence pointing to support; show "
        "it with a link to /support/, as the page does. Never stored.",
    )


class AnswerIn(Body):
    text: str


class RespondIn(Body):
    thank: StrictBool = False
    reply: str = ""  # one line, 280 characters at most


def day_out(view: DailyView) -> dict[str, object]:
    return {
        "day": view.daily.day,
        "question": view.question,
        "mine": _mine(view.mine) if view.mine else None,
        "partner_has_answered": view.partner_has_answered,
        "revealed": view.revealed,
        # `partners` is None until both have answered: the service decides, never this module.
        "partner": _theirs(view.partners) if view.partners else None,
        "set_aside": view.set_aside,
        "can_respond": view.can_respond,
        "before_joining": view.before_joining,
        "elsewhere": view.elsewhere,
        "partner_can_answer": view.partner_can_answer,
        "mine_unshared": view.mine_unshared,
    }


def _mine(answer: Answer) -> dict[str, object]:
    return {
        "text": answer.text,
        "passed": answer.passed,
        "answered_at": answer.answered_at,
        "thanked_by_partner": answer.thanked_at is not None,
        "partner_reply": answer.reply,
    }


def _theirs(answer: Answer) -> dict[str, object]:
    return {
        "text": answer.text,
        "answered_at": answer.answered_at,
        "thanked_by_me": answer.thanked_at is not None,
        "my_reply": answer.reply,
    }


def daily_for(user: User, day: date) -> DailyQuestion:
    return access.daily_for(user, past_or_today(day))


def shown(user: User, daily: DailyQuestion) -> dict[str, object]:
    return day_out(services.view_for(user, daily))


@router.get("/today", response={200: DayOut, ERRORS: Error})
def get_today(request: HttpRequest) -> dict[str, object]:
    """Today's question (today in your time zone), your answer and what you may see of theirs."""
    user = user_of(request)
    return shown(user, daily_for(user, today()))


@router.get("/history", response={200: list[DayOut], ERRORS: Error})
def get_history(
    request: HttpRequest, limit: int = Query(60, ge=1, le=366), before: Day | None = None
) -> list[dict[str, object]]:
    """Earlier questions, newest first, each as the day's own view: at most `limit` days (a day
    of both your space and one you left is listed twice, both on the same page), and only days
    before `before` (YYYY-MM-DD) when given; the next page is `before` the last day listed.
    Without a couple space now, your own answers in the spaces you left."""
    user = user_of(request)
    views = daily_history.history(user, couple_of(user), limit, before)
    return [day_out(view) for view in views]


@router.get("/{day}", response={200: DayOut, ERRORS: Error})
def get_day(request: HttpRequest, day: Day) -> dict[str, object]:
    """The question of a day (YYYY-MM-DD, today or earlier)."""
    user = user_of(request)
    return shown(user, daily_for(user, day))


@router.post("/{day}/answer", response={200: DayOut, ERRORS: Error})
def answer(request: HttpRequest, day: Day, payload: AnswerIn) -> dict[str, object]:
    """Answer, or change your answer until both of you have answered; `support` as for a
    check-in (safety.pointer)."""
    user = user_of(request)
    daily = daily_for(user, day)
    form = AnswerForm({"text": payload.text})
    if not form.is_valid():
        raise form_error(form)
    if not services.visible(form.cleaned_data["text"]):
        raise invalid([("text", "Write an answer, or pass for today.")])
    try:
        saved = services.answer(user, daily, form.cleaned_data["text"], passed=False)
    except DailyError as error:
        raise day_refused(error) from None
    return {**shown(user, daily), "support": pointer_for_text(user.pk, saved.text)}


@router.post("/{day}/pass", response={200: DayOut, ERRORS: Error})
def pass_day(request: HttpRequest, day: Day) -> dict[str, object]:
    """Pass for the day. A pass reveals nothing; you can still answer later."""
    user = user_of(request)
    daily = daily_for(user, day)
    try:
        services.answer(user, daily, "", passed=True)
    except DailyError as error:
        raise day_refused(error) from None
    return shown(user, daily)


@router.post("/{day}/respond", response={200: DayOut, ERRORS: Error})
def respond(request: HttpRequest, day: Day, payload: RespondIn) -> dict[str, object]:
    """Thank your partner for sharing and/or send a one-line reply, once both have answered;
    `support` as for your answer."""
    user = user_of(request)
    daily = daily_for(user, day)
    reply = valid_reply(payload)
    try:
        services.respond(user, daily, payload.thank, reply)
    except DailyError as error:
        raise day_refused(error) from None
    return {**shown(user, daily), "support": pointer_for_text(user.pk, reply)}


def valid_reply(payload: RespondIn) -> str:
    """The reply, checked as a field (a 422): one line of 280 characters at most, as the page's
    form takes it; a body with neither a thank-you nor a reply names no one field."""
    form = ReplyForm({"reply": payload.reply})
    if not form.is_valid():
        raise form_error(form)
    reply: str = form.cleaned_data["reply"] if services.visible(form.cleaned_data["reply"]) else ""
    if any(mark in reply for mark in services.LINE_BREAKS):
        raise invalid([("reply", ReplyForm.base_fields["reply"].error_messages["max_length"])])
    if not payload.thank and not reply:
        raise invalid([("__all__", "Thank your partner, or write a reply.")])
    return reply


def day_refused(error: DailyError) -> ApiError:
    """A rule of the day refused the change (both have answered, a day before you joined, a day
    set aside, a partner gone): a 400 naming the day, not a field of the body."""
    return refuse(str(error), field="day")
