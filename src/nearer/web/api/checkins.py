"""Check-ins: your own, in full; your partner's, only what they chose to share.

Fields are checked by the browser's check-in form, so the API and the page accept the same
values; the ranges in the schema are read from that form, not written twice.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, Literal

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field, StrictBool

from nearer.web import access
from nearer.web.accounts.models import User
from nearer.web.api.access import past_or_today, today, user_of
from nearer.web.api.errors import ERRORS, Error, form_error, refuse
from nearer.web.couples.services import partner_of, together_since
from nearer.web.daily.forms import EMOTION_WORDS, CheckInForm
from nearer.web.daily.models import CheckIn
from nearer.web.safety.pointer import pointer_for

router = Router(tags=["check-ins"])

EmotionWord = Literal[EMOTION_WORDS]  # type: ignore[valid-type]


def _scale(name: str) -> Any:
    """A 1..n answer with the range the browser's form offers."""
    values = [int(value) for value, _ in CheckInForm.base_fields[name].choices]  # type: ignore[attr-defined]
    return Field(ge=min(values), le=max(values), strict=True)


def _text(name: str) -> Any:
    return Field("", max_length=CheckIn._meta.get_field(name).max_length)


class CheckInIn(Schema):
    """A whole day's check-in; sending it again for the same day replaces it."""

    pleasantness: int = _scale("pleasantness")
    energy: int = _scale("energy")
    emotion_words: list[EmotionWord] = []  # type: ignore[valid-type]
    closeness: int = _scale("closeness")  # 1 two circles apart .. 7 almost one
    shared_feelings: int = _scale("shared_feelings")
    understood: int = _scale("understood")
    validated: int = _scale("validated")
    cared_for: int = _scale("cared_for")
    stress: int = _scale("stress")  # from outside the relationship
    appreciation: str = _text("appreciation")
    appreciation_shared: StrictBool = False
    need: str = _text("need")
    need_shared: StrictBool = False
    note: str = _text("note")  # private, always


class CheckInOut(Schema):
    day: date
    pleasantness: int
    energy: int
    emotion_words: list[str]
    closeness: int
    shared_feelings: int
    understood: int
    validated: int
    cared_for: int
    stress: int
    appreciation: str
    appreciation_shared: bool
    need: str
    need_shared: bool
    note: str
    created_at: datetime
    support: str | None = Field(
        None,
        description="Only in the answer to your own save, when your private text reads like a "
        "crisis (an approximate English word list): a gentle pointer to /support/. Never stored.",
    )

    @staticmethod
    def resolve_support(obj: CheckIn) -> str | None:
        return getattr(obj, "support_pointer", None)

    @staticmethod
    def resolve_emotion_words(obj: CheckIn) -> list[str]:
        return [word for word in obj.emotions.split(",") if word]


class SharedOut(Schema):
    """What the partner chose to share on one day; None where they shared nothing."""

    day: date
    appreciation: str | None
    need: str | None


def shared_by(partner: User, since: date) -> list[dict[str, object]]:
    """The partner's shared appreciations and needs since `since`, newest first, written since
    the two of you have shared the couple space (couples.together_since): never a note, never a
    text they kept to themselves, never one shared with an earlier partner."""
    shared = (Q(appreciation_shared=True) & ~Q(appreciation="")) | (
        Q(need_shared=True) & ~Q(need="")
    )
    together = together_since(partner)
    rows = CheckIn.objects.filter(shared, user=partner, day__gte=since)
    rows = rows.filter(created_at__gte=together) if together else rows.none()
    rows = rows.order_by("-day")
    return [
        {
            "day": row.day,
            "appreciation": row.appreciation
            if row.appreciation_shared and row.appreciation
            else None,
            "need": row.need if row.need_shared and row.need else None,
        }
        for row in rows
    ]


@router.get("", response={200: list[CheckInOut], ERRORS: Error})
def list_checkins(request: HttpRequest, limit: int = Query(30, ge=1, le=366)) -> list[CheckIn]:
    """Your own check-ins, newest first, in full."""
    return list(CheckIn.objects.filter(user=user_of(request)).order_by("-day")[:limit])


@router.get("/partner", response={200: list[SharedOut], ERRORS: Error})
def partner_shared(
    request: HttpRequest, days: int = Query(90, ge=1, le=366)
) -> list[dict[str, object]]:
    """What your partner shared with you in their check-ins over the last `days` days."""
    partner = partner_of(user_of(request))
    return shared_by(partner, today() - timedelta(days=days)) if partner else []


@router.get("/{day}", response={200: CheckInOut, ERRORS: Error})
def get_checkin(request: HttpRequest, day: date) -> CheckIn:
    """Your check-in of a day; 404 when you have none that day."""
    return access.checkin_for(user_of(request), past_or_today(day))


@router.put("/{day}", response={200: CheckInOut, ERRORS: Error})
def put_checkin(request: HttpRequest, day: date, payload: CheckInIn) -> CheckIn:
    """Save your check-in of a day (today or earlier), replacing any earlier one of that day."""
    user, day = user_of(request), past_or_today(day)
    form = CheckInForm(payload.model_dump(), instance=access.checkin_or_none(user, day))
    if not form.is_valid():
        raise form_error(form)
    saved = form.save(commit=False)
    saved.user, saved.day = user, day
    try:
        with transaction.atomic():
            saved.save()
    except IntegrityError:  # the same day saved a moment earlier by another request
        raise refuse(
            "A check-in for this day was saved at the same moment; send it again.", status=409
        ) from None
    saved.support_pointer = pointer_for(saved)  # type: ignore[attr-defined]
    return saved
