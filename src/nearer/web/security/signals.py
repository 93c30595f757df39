"""Every sign-in, by any path (the login form, a test's force_login), is indexed and
written to the person's activity log; every sign-out likewise."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone

from nearer.web.accounts.reauth import mark_confirmed
from nearer.web.audit.events import record
from nearer.web.security import sessions
from nearer.web.security.models import SignIn


@receiver(user_logged_in)
def signed_in(sender: Any, request: HttpRequest, user: AbstractBaseUser, **kwargs: Any) -> None:
    sign_in = sessions.start(request, user, timezone.now())
    mark_confirmed(request)  # the real way in, the login form, has just typed it
    record(user, "login", session=sign_in.pk, device=sign_in.device)


@receiver(user_logged_out)
def signed_out(
    sender: Any, request: HttpRequest, user: AbstractBaseUser | None, **kwargs: Any
) -> None:
    if user is None:
        return
    sign_in_id = request.session.get(sessions.SESSION_KEY)
    if sign_in_id is None:
        record(user, "logout")
        return
    SignIn.objects.filter(pk=sign_in_id, user_id=user.pk).delete()
    record(user, "logout", session=sign_in_id)
