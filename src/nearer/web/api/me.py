"""The signed-in person: display name and time zone, validated by the browser's profile form."""

from __future__ import annotations

from django.http import HttpRequest
from django.middleware.csrf import get_token
from ninja import Router, Schema

from nearer.web.accounts.export import export_data
from nearer.web.accounts.forms import ProfileForm
from nearer.web.accounts.models import User
from nearer.web.api.access import by_token, user_of
from nearer.web.api.errors import ERRORS, Error, form_error

router = Router(tags=["me"])


class MeOut(Schema):
    id: int
    email: str
    display_name: str
    time_zone: str  # an IANA zone; "today" everywhere in the API is today in this zone


class MeIn(Schema):
    """Only the fields given change."""

    display_name: str | None = None
    time_zone: str | None = None


@router.get("", response={200: MeOut, ERRORS: Error})
def get_me(request: HttpRequest) -> User:
    """Who you are. With a session, this also sets the `csrftoken` cookie for unsafe requests."""
    if not by_token(request):
        get_token(request)
    return user_of(request)


@router.patch("", response={200: MeOut, ERRORS: Error})
def update_me(request: HttpRequest, payload: MeIn) -> User:
    """Change your display name or time zone (an IANA name such as `Europe/Berlin`)."""
    user = user_of(request)
    data = {"display_name": user.display_name, "time_zone": user.time_zone}
    data |= payload.model_dump(exclude_none=True)
    form = ProfileForm(data, instance=user)
    if not form.is_valid():
        user.refresh_from_db()  # the form wrote the rejected values onto the instance
        raise form_error(form)
    form.save()
    return user


@router.get("/export", response={200: dict[str, object], ERRORS: Error})
def export(request: HttpRequest) -> dict[str, object]:
    """Everything that is yours, as in the browser's "Download your data": your entries (private
    notes included) and the shared history of every couple space you were in."""
    return export_data(user_of(request))
