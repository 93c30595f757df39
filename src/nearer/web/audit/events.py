"""Record a line in a person's own activity log.

The log answers "what happened to my account?" — sign-ins, exports, changes to who can see what —
and nothing more. Each line is a kind from the closed set below, a time, and ids: row ids (ints)
or short labels such as a coarse device name ("Firefox on Linux"). Never content, never an email,
never an IP address: the person reading the log is the account holder, and a stolen database
should tell a thief no more about where someone signed in from than it must. Raw addresses live
only in the short-lived login-throttle counters (nearer.web.security), which keep a hash. Nor is
a line kept for ever: older than NEARER_ACTIVITY_DAYS, it goes when the next line is written.
"""

from __future__ import annotations

import re
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.paginator import Paginator
from django.utils import timezone

from nearer.web.audit.models import Event

# The closed set of kinds, each with the sentence the activity page shows.
KINDS: dict[str, str] = {
    "login": "Signed in",
    "login_failed": "A wrong password was typed",
    "login_throttled": "Sign-ins paused after too many wrong passwords",
    "logout": "Signed out",
    "session_ended": "Ended a session",
    "session_expired": "A session ended after its time limit",
    "password_changed": "Changed the password",
    "password_reset": "Reset the password by email",
    "recovery_used": "Used the recovery code",
    "reauthenticated": "Confirmed the password for a sensitive step",
    "export": "Downloaded all data",
    "sharing_changed": "Changed what is shared",
    "couple_joined": "Joined a couple space",
    "couple_left": "Left a couple space",
    "partner_joined": "Your partner joined your couple space",
    "partner_left": "Your partner left the couple space",
    "token_created": "Created an API token",
    "token_revoked": "Revoked an API token",
    "account_deleted": "Deleted the account",
}

# Lines a page of the log shows, on the activity page and in the API.
PER_PAGE = 50

ID_NAME = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
# Labels, not text: letters, digits and a little punctuation, short.
LABEL = re.compile(r"^[\w .:/+()-]{0,64}$")


def log_of(user: AbstractBaseUser) -> Paginator[Event]:
    """`user`'s own activity log, newest first, in pages of PER_PAGE lines."""
    return Paginator(Event.objects.filter(user_id=user.pk), PER_PAGE)


def record(user: AbstractBaseUser, kind: str, **ids: int | str) -> None:
    """Add a line to `user`'s activity log, timed now.

    `kind` must be one of KINDS; each id is an int or a short label (at most 64 letters, digits,
    spaces and `.:/+()-`). Anything else raises ValueError, so content cannot slip in by mistake.
    The person's lines older than NEARER_ACTIVITY_DAYS are deleted at the same time.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown audit kind {kind!r}; add it to KINDS first")
    for name, value in ids.items():
        if not ID_NAME.match(name):
            raise ValueError(f"audit id name {name!r} must be a short lower-case identifier")
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise ValueError(f"audit id {name} must be an int or a short label")
        if isinstance(value, str) and not LABEL.match(value):
            raise ValueError(f"audit id {name} must be a short label, not text")
    now = timezone.now()
    Event.objects.create(user=user, kind=kind, at=now, ids=dict(ids))
    old = now - timedelta(days=settings.ACTIVITY_DAYS)
    Event.objects.filter(user=user, at__lt=old).delete()


def label(kind: str) -> str:
    """The sentence for `kind`; the kind itself for one recorded before it was renamed."""
    return KINDS.get(kind, kind)
