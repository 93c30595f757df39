"""Saving a day's check-in from the page: one a person a day, and two saves of the same day at
the same moment (a double click, a resent form) never fail: the later replaces the earlier, as a
save a moment later would. (The API answers the same collision with a 409 instead, so a program
learns that it should send again; see api.checkins.)

A page opened before the day's check-in was saved elsewhere (another tab, another device) is
another matter: the page carries the revision it was opened on (`opened`), and a save from it
over a newer check-in is refused with what was typed shown again, instead of silently wiping
the note or the shared appreciation saved meanwhile. Sending it again then replaces that one,
knowingly. A double click sends the same words twice: no conflict, the same check-in."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.utils.crypto import salted_hmac

from nearer.web import access
from nearer.web.accounts.models import User
from nearer.web.daily.forms import CheckInForm
from nearer.web.daily.models import CheckIn

NEWER = (
    "This day's check-in was saved again after you opened this page (in another tab or on "
    "another device), so nothing was saved here. What you typed is below: save it to replace "
    "that one, or open the day again to see it first."
)


def revision(checkin: CheckIn | None) -> str:
    """A short stamp of the check-in as it stands ("none" when there is none), for the page to
    send back as `opened`: any save in between changes it. Keyed with the server's secret, so it
    tells nothing of what it stamps. The API's ETag of a check-in is this stamp (api.checkins).

    It stamps the row as its columns hold it, private text as sealed, so one version has one
    stamp whether the person's key is open in the request or not; `checkin` must be as read
    from the database (a check-in just saved holds its plaintext: read it again)."""
    if checkin is None:
        return "none"
    values = [str(checkin.__dict__[field.attname]) for field in CheckIn._meta.concrete_fields]
    stamp: str = salted_hmac("nearer.checkin-revision", repr(values)).hexdigest()
    return stamp[:32]


def save_checkin(user: User, day: date, data: QueryDict) -> tuple[CheckInForm, CheckIn | None]:
    """The form as checked, and the saved check-in (None when the form is invalid or was opened
    on an older check-in than the one there now: see NEWER)."""
    form = _checked(user, day, data)
    if not form.is_valid():
        return form, None
    try:
        return form, _write(form, user, day)
    except IntegrityError:  # saved by another request between our read and our write
        form = _checked(user, day, data)
        if not form.is_valid():
            return form, None
        return form, _write(form, user, day)


def _checked(user: User, day: date, data: QueryDict) -> CheckInForm:
    """The form over the check-in there now, refused when it was opened on an older one and
    would change it. A form that sends no `opened` (an older page) is not checked."""
    existing = access.checkin_or_none(user, day)
    opened = data.get("opened")
    form = CheckInForm(data, instance=existing)
    # None now but something when opened: deleted since, and nothing there to lose.
    stale = existing is not None and opened is not None and opened != revision(existing)
    if stale and form.is_valid() and form.has_changed():
        form.add_error(None, NEWER)
    return form


def _write(form: CheckInForm, user: User, day: date) -> CheckIn:
    with transaction.atomic():  # a failed insert spoils no enclosing transaction
        saved = form.save(commit=False)
        saved.user, saved.day = user, day
        saved.save()
    return saved
