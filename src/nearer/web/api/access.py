"""Who is asking and what they may reach: every route fetches through these, so the rule that a
partner's private entry or another couple's object is a 404 lives in one place."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from django.utils import timezone

from nearer.web.accounts.models import User
from nearer.web.api.errors import not_found, refuse
from nearer.web.couples.models import Couple
from nearer.web.couples.services import couple_of
from nearer.web.daily.services import EARLIEST

NO_COUPLE = "You are not in a couple space. Create one, or join your partner's with a code."


def user_of(request: HttpRequest) -> User:
    """The signed-in person, by token or by session (the auth classes guarantee one)."""
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


def by_token(request: HttpRequest) -> bool:
    return getattr(request, "api_token", None) is not None


def couple_or_404(user: User) -> Couple:
    couple = couple_of(user)
    if couple is None:
        raise not_found(NO_COUPLE)
    return couple


def today() -> date:
    """Today in the person's own time zone (activated by the middleware or the token auth)."""
    return timezone.localdate()


def past_or_today(day: date) -> date:
    """A day the person may write or read: today or earlier, in their own time zone."""
    if day > today():
        raise refuse("must be today or earlier in your time zone", field="day")
    if day < EARLIEST:
        raise refuse(f"must be {EARLIEST.isoformat()} or later", field="day")
    return day
