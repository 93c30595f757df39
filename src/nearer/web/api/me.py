"""The signed-in person: display name and time zone, validated by the browser's profile form."""

from __future__ import annotations

import base64
from datetime import datetime

from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from ninja import Router, Schema, Status

from nearer.web.accounts.archive import FILENAME, export_zip
from nearer.web.accounts.data_views import CONFIRMATION, confirmed, password_refusal
from nearer.web.accounts.deletion import delete_account
from nearer.web.accounts.export import collect, document
from nearer.web.accounts.forms import ProfileForm
from nearer.web.accounts.models import User
from nearer.web.api.access import by_token, require_recent_password, user_of
from nearer.web.api.body import Body
from nearer.web.api.errors import ERRORS, Error, Message, form_error, refuse
from nearer.web.api.head import headers_only, is_head
from nearer.web.audit.events import label, log_of, record
from nearer.web.security import throttle

router = Router(tags=["me"])


class MeOut(Schema):
    id: int
    email: str
    display_name: str
    time_zone: str  # an IANA zone; "today" everywhere in the API is today in this zone


class MeIn(Body):
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
def export(request: HttpRequest) -> dict[str, object] | HttpResponse:
    """Everything that is yours, as in the browser's "Download your data": your entries (private
    notes included) and the shared history of every couple space you were in. By session, the
    password must have been typed in the last few minutes, as for the browser's download."""
    require_recent_password(request)
    user = user_of(request)
    if is_head(request):  # no export built, decrypted or recorded for a HEAD
        return headers_only()
    record(user, "export")
    return document(collect(user))


class ArchiveOut(Schema):
    filename: str
    content_type: str
    base64: str  # the zip's bytes, base64-encoded


@router.get("/export/zip", response={200: ArchiveOut, ERRORS: Error})
def export_archive(request: HttpRequest) -> dict[str, str] | HttpResponse:
    """The same zip as the browser's "Download your data": `my-data.json` (the document of
    `GET /me/export`), a CSV file per table and a README.txt, base64-encoded in JSON."""
    require_recent_password(request)
    user = user_of(request)
    if is_head(request):
        return headers_only()
    archive = export_zip(collect(user))
    record(user, "export")
    return {
        "filename": FILENAME,
        "content_type": "application/zip",
        "base64": base64.b64encode(archive).decode("ascii"),
    }


class ActivityLine(Schema):
    at: datetime
    kind: str  # one of the closed set in docs/security.md
    label: str  # the sentence the activity page shows
    ids: dict[str, int | str]  # row ids and short labels, never content


class ActivityOut(Schema):
    lines: list[ActivityLine]
    page: int
    pages: int


@router.get("/activity", response={200: ActivityOut, ERRORS: Error})
def activity(request: HttpRequest, page: int = 1) -> dict[str, object]:
    """Your own activity log, newest first, as on the activity page: 50 lines a page
    (`?page=2`); a page past the last is 404."""
    paginator = log_of(user_of(request))
    if page < 1 or page > paginator.num_pages:
        pages = f"pages run from 1 to {paginator.num_pages}"
        raise refuse(f"there is no page {page}; {pages}", "page", status=404)
    lines = [
        {"at": event.at, "kind": event.kind, "label": label(event.kind), "ids": event.ids}
        for event in paginator.page(page)
    ]
    return {"lines": lines, "page": page, "pages": paginator.num_pages}


class DeleteIn(Body):
    password: str
    confirm: str  # the words "delete my account"


@router.delete("", response={200: Message, ERRORS: Error, 429: Error})
def delete_me(
    request: HttpRequest, payload: DeleteIn, response: HttpResponse
) -> dict[str, str] | Status[dict[str, str]]:
    """Delete your account for good, as on the browser's page that explains what happens to
    each shared item first. Needs `confirm` set to "delete my account" (checked first: without
    it the password is neither checked nor counted) and your password. Wrong passwords are
    counted for the account, across all its sessions and tokens: after 5, a 429 says how long
    to wait (and `Retry-After`), whatever the password; a 429 before any pause, with
    `Retry-After: 2` and "Other passwords for this account are being checked. Try again in a
    few seconds.", means others are being checked at that moment: nothing was counted."""
    user = user_of(request)
    if not confirmed(payload.confirm):
        raise refuse(f'Set confirm to "{CONFIRMATION}".', field="confirm")
    refusal, pause = password_refusal(request, payload.password)
    if pause is not None:
        throttle.with_retry_after(response, pause)
        return Status(429, {"detail": f"password: {refusal}", "field": "password"})
    if refusal:
        raise refuse(refusal, field="password")
    logout(request)  # first, while the account still exists to sign out of
    delete_account(user)
    return {"detail": "Your account and everything in it have been deleted."}
