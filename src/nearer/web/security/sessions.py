"""The index of a person's signed-in sessions, and the idle and absolute limits on each.

A sign-in row is made when someone signs in (signals.py) and its id kept in the session. The
middleware then checks every request against it: a session whose row is gone was ended from
another device; one idle longer than NEARER_SESSION_IDLE_MINUTES or older than
NEARER_SESSION_DAYS has expired. Ending a sign-in deletes its row and Django's session data, so
nothing unlocked in that session (such as a decrypted key) outlives it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Q
from django.http import HttpRequest

from nearer.web.audit.events import record
from nearer.web.security.devices import device_label
from nearer.web.security.models import SignIn

SESSION_KEY = "nearer_sign_in"
TOUCH_EVERY = timedelta(minutes=1)  # last-seen is written at most once a minute, not every hit


def idle_limit() -> timedelta:
    return timedelta(minutes=settings.NEARER_SESSION_IDLE_MINUTES)


def absolute_limit() -> timedelta:
    return timedelta(seconds=settings.SESSION_COOKIE_AGE)


def start(request: HttpRequest, user: AbstractBaseUser, now: datetime) -> SignIn:
    """Index the session `request` has just signed in to, replacing any row it had before."""
    previous = request.session.get(SESSION_KEY)
    if previous is not None:
        SignIn.objects.filter(pk=previous, user_id=user.pk).delete()
    if request.session.session_key is None:
        request.session.save()
    forget_stale(user, now)
    sign_in: SignIn = SignIn.objects.create(
        user=user,
        session_key=request.session.session_key,
        created_at=now,
        last_seen_at=now,
        device=device_label(request.headers.get("User-Agent", "")),
    )
    request.session[SESSION_KEY] = sign_in.pk
    return sign_in


def current(request: HttpRequest, now: datetime) -> tuple[SignIn | None, str]:
    """This request's sign-in and "" if it may go on; else None and why not ("ended"/"expired").

    A session signed in before sessions were indexed is indexed now rather than thrown out."""
    user = request.user
    sign_in_id = request.session.get(SESSION_KEY)
    if sign_in_id is None:
        assert isinstance(user, AbstractBaseUser)
        return start(request, user, now), ""
    sign_in = SignIn.objects.filter(pk=sign_in_id, user_id=user.pk).first()
    if sign_in is None:
        return None, "ended"
    if expired(sign_in, now):
        record(sign_in.user, "session_expired", session=sign_in.pk)
        sign_in.delete()
        return None, "expired"
    if now - sign_in.last_seen_at >= TOUCH_EVERY:
        SignIn.objects.filter(pk=sign_in.pk).update(last_seen_at=now)
        sign_in.last_seen_at = now
    return sign_in, ""


def expired(sign_in: SignIn, now: datetime) -> bool:
    seen: datetime = sign_in.last_seen_at
    made: datetime = sign_in.created_at
    return now - seen > idle_limit() or now - made > absolute_limit()


def follow_key(request: HttpRequest, sign_in: SignIn) -> None:
    """Keep the row pointing at the session after Django gave it a new key (a password change)."""
    key = request.session.session_key
    if key and key != sign_in.session_key and request.session.get(SESSION_KEY) == sign_in.pk:
        SignIn.objects.filter(pk=sign_in.pk).update(session_key=key)


def end(sign_in: SignIn) -> None:
    """Sign that session out: its row and Django's session data both go."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    store(session_key=sign_in.session_key).delete()
    sign_in.delete()


def end_all(user: AbstractBaseUser, keep: SignIn | None = None) -> list[int]:
    """End every sign-in of `user` but `keep`; the ids ended."""
    ended = []
    for sign_in in SignIn.objects.filter(user_id=user.pk).exclude(pk=getattr(keep, "pk", None)):
        ended.append(sign_in.pk)
        end(sign_in)
    return ended


def forget_stale(user: AbstractBaseUser, now: datetime) -> None:
    """Drop rows of sessions past their limits that were never used again."""
    stale = Q(last_seen_at__lt=now - idle_limit()) | Q(created_at__lt=now - absolute_limit())
    for sign_in in SignIn.objects.filter(stale, user_id=user.pk):
        end(sign_in)
