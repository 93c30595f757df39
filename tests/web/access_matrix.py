"""What the access matrices share: running one request in a savepoint, reading everything a
response carries (a zip export opened up, the email it sent), and the checks every request must
pass: no canary the viewer may not read, and nobody else's rows changed."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

from django.core import mail
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone

from nearer.web.accounts.models import User
from nearer.web.accounts.reauth import SESSION_KEY as CONFIRMED_AT
from nearer.web.couples import services as couples
from tests.web.canaries import Cast, hidden_from, snapshot
from tests.web.conftest import client_for


def readable(response: HttpResponse) -> str:
    """The text a response carries, with a zip archive's files opened up."""
    body = (
        b"".join(response.streaming_content)  # type: ignore[attr-defined]
        if response.streaming
        else response.content
    )
    if response.get("Content-Type", "").startswith("application/zip"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "\n".join(archive.read(name).decode() for name in archive.namelist())
    return body.decode(errors="replace")


def outbox() -> str:
    return "\n".join(
        f"{message.subject}\n{message.body}\n"
        + "\n".join(str(content) for content, _ in getattr(message, "alternatives", []))
        for message in mail.outbox
    )


def checked(
    cast: Cast, viewer: User | None, request: Callable[[], HttpResponse], label: str
) -> int:
    """Run one request and undo it afterwards, so every request of a route meets the same world.
    Fails when the response or the email it sent carries a canary the viewer may not read now,
    or when it changed a row of anyone but the viewer. Returns the status."""
    others = [p for p in cast.everyone() if viewer is None or p.user.pk != viewer.pk]
    ours = couples.couple_of(viewer) if viewer is not None else None

    def rows() -> list[dict[str, Any]]:
        return [snapshot(p, ours is not None and couples.couple_of(p.user) == ours) for p in others]

    mail.outbox = []
    with transaction.atomic():
        before = rows()
        response = request()
        seen = readable(response) + outbox()
        leaked = [canary for canary in hidden_from(viewer, cast) if canary in seen]
        assert not leaked, f"{label}: {leaked} in the response or the email"
        after = rows()
        changed = [
            p.user.display_name for p, a, b in zip(others, before, after, strict=True) if a != b
        ]
        assert not changed, f"{label}: changed the rows of {changed}"
        transaction.set_rollback(True)
    return response.status_code


def with_ids(data: dict[str, Any], ids: dict[str, object]) -> dict[str, Any]:
    """A form or body with someone else's ids added under every name a view might read; the
    request's own fields win, so the request still means what it meant."""
    return {**{k: v for k, v in ids.items() if v is not None}, **data}


def client_as(user: User | None) -> Client:
    """A browser signed in as `user`, who typed their password a moment ago, so that the steps
    behind a password prompt are reached and their access rules tested too."""
    client = client_for(user)
    if user is not None:
        session = client.session
        session[CONFIRMED_AT] = timezone.now().timestamp()
        session.save()
    return client
