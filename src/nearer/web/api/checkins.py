"""Check-ins: your own, in full; your partner's, only what they chose to share.

Fields are checked by the browser's check-in form, so the API and the page accept the same
values; the ranges in the schema are read from that form, not written twice.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, Literal

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema
from ninja.params.functions import Query
from pydantic import Field, StrictBool

from nearer.web import access
from nearer.web.accounts.models import User
from nearer.web.api.access import Day, past_or_today, today, user_of
from nearer.web.api.body import Body
from nearer.web.api.conditional import (
    etag,
    is_conditional,
    not_modified,
    refuse_unless_current,
)
from nearer.web.api.errors import ERRORS, LOCKED_WRITE, Error, form_error, refuse
from nearer.web.couples.services import Together, partner_of, times_together
from nearer.web.daily.checkins import revision
from nearer.web.daily.forms import EMOTION_WORDS, CheckInForm, why_locked
from nearer.web.daily.models import CheckIn, shared_within
from nearer.web.safety.pointer import pointer_for
from nearer.web.vault import keyring
from nearer.web.vault.fields import is_locked

router = Router(tags=["check-ins"])

EmotionWord = Literal[EMOTION_WORDS]  # type: ignore[valid-type]


def _scale(name: str) -> Any:
    """A 1..n answer with the range the browser's form offers."""
    values = [int(value) for value, _ in CheckInForm.base_fields[name].choices]
    return Field(ge=min(values), le=max(values), strict=True)


def _text(name: str) -> Any:
    return Field("", max_length=CheckIn._meta.get_field(name).max_length)


class CheckInIn(Body):
    """A whole day's check-in; sending it again for the same day replaces it."""

    pleasantness: int = _scale("pleasantness")
    energy: int = _scale("energy")
    emotion_words: list[EmotionWord] = []
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
        "crisis (an approximate English word list): a gentle sentence pointing to support; show "
        "it with a link to /support/, as the page does. Never stored.",
    )

    @staticmethod
    def resolve_support(obj: CheckIn) -> str | None:
        return getattr(obj, "support_pointer", None)

    @staticmethod
    def resolve_emotion_words(obj: CheckIn) -> list[str]:
        if is_locked(obj.emotions):
            return []  # not the lock's sentence cut into "words"; `note` says why
        return [word for word in obj.emotions.split(",") if word]

    @staticmethod
    def resolve_appreciation(obj: CheckIn) -> str:
        return _readable(obj, obj.appreciation)

    @staticmethod
    def resolve_need(obj: CheckIn) -> str:
        return _readable(obj, obj.need)

    @staticmethod
    def resolve_note(obj: CheckIn) -> str:
        return _readable(obj, obj.note)


def _readable(obj: CheckIn, value: str) -> str:
    """The text, or, where it does not open here, the true reason why (daily.forms.why_locked)."""
    return why_locked(obj.user_id, value) if is_locked(value) else value


class SharedOut(Schema):
    """What the partner chose to share on one day; None where they shared nothing."""

    day: date
    appreciation: str | None
    need: str | None


def shared_by(partner: User, since: date) -> list[dict[str, object]]:
    """The partner's shared appreciations and needs since `since`, newest first, each shared
    in a time the two of you were in a couple space together (couples.times_together; by when
    it was shared, not when the check-in was first saved): never a note, never a text they kept
    to themselves, never one shared while apart or with someone else."""
    together = times_together(partner)
    either = shared_within("appreciation", together) | shared_within("need", together)
    rows = CheckIn.objects.filter(either, user=partner, day__gte=since)
    return [
        {
            "day": row.day,
            "appreciation": row.appreciation
            if _shared_since(row, "appreciation", together)
            else None,
            "need": row.need if _shared_since(row, "need", together) else None,
        }
        for row in rows.order_by("-day")
    ]


def _shared_since(row: CheckIn, name: str, together: list[Together]) -> bool:
    at = getattr(row, f"{name}_shared_at")
    return (
        bool(getattr(row, f"{name}_shared") and getattr(row, name))
        and at is not None
        and any(start <= at and (end is None or at <= end) for start, end in together)
    )


@router.get("", response={200: list[CheckInOut], ERRORS: Error})
def list_checkins(
    request: HttpRequest, limit: int = Query(30, ge=1, le=366), before: Day | None = None
) -> list[CheckIn]:
    """Your own check-ins, newest first, in full: at most `limit`, and only of days before
    `before` (YYYY-MM-DD) when given; the next page is `before` the last day listed."""
    found = CheckIn.objects.filter(user=user_of(request))
    if before is not None:
        found = found.filter(day__lt=before)
    return list(found.order_by("-day")[:limit])


@router.get("/partner", response={200: list[SharedOut], ERRORS: Error})
def partner_shared(
    request: HttpRequest, days: int = Query(90, ge=1, le=366)
) -> list[dict[str, object]]:
    """What your partner shared with you in their check-ins over the last `days` days."""
    partner = partner_of(user_of(request))
    return shared_by(partner, today() - timedelta(days=days - 1)) if partner else []  # today too


def _own_day(user: User, day: date) -> tuple[date, CheckIn | None]:
    """A day of the person's check-ins and the one they have that day, if any: today or earlier in
    their time zone, or a later day they already have one of (saved in a zone further east than
    the one they are in now: an entry that exists stays readable and editable)."""
    found = access.checkin_or_none(user, day)
    return (day if found is not None else past_or_today(day)), found


@router.get("/{day}", response={200: CheckInOut, 304: None, ERRORS: Error})
def get_checkin(request: HttpRequest, day: Day, response: HttpResponse) -> CheckIn | HttpResponse:
    """Your check-in of a day; 404 when you have none. Its `ETag` names this version of it: send
    it back in `If-Match` to save over this version only, or in `If-None-Match` to read it only
    when it changed (a 304 Not Modified, with no body, when it has not)."""
    user = user_of(request)
    _own_day(user, day)
    found = access.checkin_for(user, day)
    current = revision(found)
    unchanged = not_modified(request, current)
    if unchanged is not None:
        return unchanged
    response["ETag"] = etag(current)
    return found


@router.put("/{day}", response={200: CheckInOut, ERRORS | {412}: Error})
def put_checkin(
    request: HttpRequest, day: Day, payload: CheckInIn, response: HttpResponse
) -> CheckIn:
    """Save your check-in of a day (today or earlier), replacing any earlier one of that day.
    With `If-Match: <its ETag>` only over the version read (a 412 when it was saved again
    since), with `If-None-Match: *` only where there is none yet (a 412 when there is one);
    without either, the last write wins. The answer's `ETag` names the version saved."""
    user = user_of(request)
    day, existing = _own_day(user, day)
    _refuse_private_while_locked(user, payload, existing)
    form = CheckInForm(payload.model_dump(), instance=existing)
    if not form.is_valid():
        raise form_error(form)
    saved = form.save(commit=False)
    saved.user, saved.day = user, day
    try:
        with transaction.atomic():
            _refuse_unless_current(request, user, day, hold=True)
            saved.save()
            stored = CheckIn.objects.get(pk=saved.pk)  # as sealed, for its revision
    except IntegrityError:  # the same day saved a moment earlier by another request
        _refuse_unless_current(request, user, day, hold=False)  # If-None-Match: * is a 412 now
        raise refuse(
            "A check-in for this day was saved at the same moment; send it again.", status=409
        ) from None
    saved.support_pointer = pointer_for(saved)
    response["ETag"] = etag(revision(stored))
    return saved


def _refuse_unless_current(request: HttpRequest, user: User, day: date, *, hold: bool) -> None:
    """A 412 when the request's If-Match or If-None-Match does not hold for the day's check-in
    there now. With `hold`, read again in the save's transaction, which holds it (FOR UPDATE on
    PostgreSQL; SQLite's transactions take the write lock as they begin, env.py), so no other
    save slips in between the check and this one; without, a plain read, outside any
    transaction (after a collision, when nothing is saved whatever it finds)."""
    if not is_conditional(request):
        return  # the last write wins
    found = CheckIn.objects.filter(user=user, day=day)
    now = (found.select_for_update() if hold else found).first()
    current = None if now is None else revision(now)
    refuse_unless_current(request, current, "This day's check-in")


def _refuse_private_while_locked(user: User, payload: CheckInIn, existing: CheckIn | None) -> None:
    """A 403 naming the first private field the body would write while the person's key is not
    open in this request (it could not be sealed), or whose locked text already there the save
    would replace, before anything is saved."""
    if keyring.current(user.pk) is not None:
        return

    def held(attribute: str) -> bool:  # private text of this day's check-in, locked here
        return existing is not None and is_locked(getattr(existing, attribute))

    private = {
        "emotion_words": bool(payload.emotion_words) or held("emotions"),
        "appreciation": (bool(payload.appreciation.strip()) and not payload.appreciation_shared)
        or held("appreciation"),
        "need": (bool(payload.need.strip()) and not payload.need_shared) or held("need"),
        "note": bool(payload.note.strip()) or held("note"),
    }
    field = next((name for name, written in private.items() if written), None)
    if field is not None:
        raise refuse(LOCKED_WRITE, field=field, status=403)
