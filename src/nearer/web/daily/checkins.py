"""Saving a day's check-in from the page: one a person a day, and two saves of the same day at
the same moment (a double click, a resent form) never fail: the later replaces the earlier, as a
save a moment later would. (The API answers the same collision with a 409 instead, so a program
learns that it should send again; see api.checkins.)"""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.http import QueryDict

from nearer.web import access
from nearer.web.accounts.models import User
from nearer.web.daily.forms import CheckInForm
from nearer.web.daily.models import CheckIn


def save_checkin(user: User, day: date, data: QueryDict) -> tuple[CheckInForm, CheckIn | None]:
    """The form as checked, and the saved check-in (None when the form is invalid)."""
    form = CheckInForm(data, instance=access.checkin_or_none(user, day))
    if not form.is_valid():
        return form, None
    try:
        return form, _write(form, user, day)
    except IntegrityError:  # saved by another request between our read and our write
        form = CheckInForm(data, instance=access.checkin_or_none(user, day))
        if not form.is_valid():
            return form, None
        return form, _write(form, user, day)


def _write(form: CheckInForm, user: User, day: date) -> CheckIn:
    with transaction.atomic():  # a failed insert spoils no enclosing transaction
        saved = form.save(commit=False)
        saved.user, saved.day = user, day
        saved.save()
    return saved
