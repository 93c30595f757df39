"""Who is asking, and the API's side of what they may reach: objects are fetched through
nearer.web.access, shared with the pages, whose 404s the API answers as JSON (api/errors.py)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from django.http import HttpRequest
from django.utils import timezone
from pydantic import BeforeValidator

from nearer import days
from nearer.web.access import couple_for
from nearer.web.accounts.models import User
from nearer.web.accounts.reauth import recently_confirmed
from nearer.web.api.errors import refuse
from nearer.web.couples.models import Couple
from nearer.web.daily.services import EARLIEST


def _a_day(value: object) -> object:
    """A day in a path or a query as the pages read one (nearer.days): YYYY-MM-DD and nothing
    else, never a number of seconds since 1970 nor "20261127" (which pydantic's date would take)."""
    if isinstance(value, date):
        return value
    found = days.parse(value) if isinstance(value, str) else None
    if found is None:
        raise ValueError("expected a day as YYYY-MM-DD")
    return found


#: A day the API is given (the same in its OpenAPI document as a date).
Day = Annotated[date, BeforeValidator(_a_day)]


def user_of(request: HttpRequest) -> User:
    """The signed-in person, by token or by session (the auth classes guarantee one)."""
    user = request.auth
    assert isinstance(user, User)
    return user


def by_token(request: HttpRequest) -> bool:
    return getattr(request, "api_token", None) is not None


def couple_or_404(user: User) -> Couple:
    return couple_for(user)


def today() -> date:
    """Today in the person's own time zone (activated by the middleware or the token auth)."""
    day: date = timezone.localdate()
    return day


def past_or_today(day: date) -> date:
    """A day the person may write or read: today or earlier, in their own time zone."""
    if day > today():
        raise refuse("must be today or earlier in your time zone", field="day")
    if day < EARLIEST:
        raise refuse(f"must be {EARLIEST.isoformat()} or later", field="day")
    return day


def require_recent_password(request: HttpRequest) -> None:
    """By session, a step that changes who can see what needs the password typed in the last few
    minutes (accounts/reauth.py), as on the pages: a 403 otherwise. A token was itself made
    after that prompt and stands for its owner, so a request with one passes."""
    if not by_token(request) and not recently_confirmed(request):
        raise refuse(
            "Type your password again first, at /accounts/confirm/, then retry.", status=403
        )
