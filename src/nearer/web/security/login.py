"""The throttle at the login form and the password change form: mixins for Django's views
(see throttle.py for the numbers)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from nearer.web.accounts.models import User, normal_email
from nearer.web.accounts.reauth import buckets_for
from nearer.web.audit.events import record
from nearer.web.security import throttle, trusted
from nearer.web.security.attempt import answered


def posted_email(request: HttpRequest) -> str:
    """The posted email as the sign-in looks the account up (accounts.models.normal_email: NFKC,
    trimmed, lowercased), so any case or a look-alike spelling ('ａlice@…', fullwidth) counts,
    and is logged, as the same account."""
    return normal_email(request.POST.get("username", ""))


class ThrottledLogin:
    """Refuse attempts unheard while a pause is in force (429, saying how long); count each
    password before it is checked (throttle.reserve) and answer it as soon as the form has
    checked it, before the vault's work: keep a wrong one; give a right one back, clear the
    account's count and remember this browser."""

    request: HttpRequest
    buckets: list[throttle.Bucket]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        email = posted_email(request)
        browser = trusted.browser_for(request, email)
        if browser is not None:  # this account signed in here before: its own count
            self.buckets = [throttle.browser_bucket(browser, email)]
        else:
            self.buckets = [throttle.account_bucket(email), throttle.address_bucket(request)]
        # A password the form will check is counted before it is, so that guesses sent at once
        # cannot all slip under the limit; a form that checks none is only refused while paused.
        if not _will_be_checked(request):
            pause = throttle.wait(self.buckets, timezone.now())
            return self.paused(pause) if pause else super().post(request, *args, **kwargs)  # type: ignore[misc]
        reserved_at = timezone.now()
        pause = throttle.reserve(self.buckets, reserved_at)
        if pause is not None:
            return self.paused(pause)
        with answered(self.buckets, reserved_at) as answer:
            form = self.get_form()  # type: ignore[attr-defined]
            right = form.is_valid()  # the password is checked here
            pause = answer(right)
        if right:
            throttle.succeed(self.buckets)
            return self.form_valid(form)
        owner = _account(posted_email(request))
        if owner is not None:
            record(owner, "login_failed")
            if pause is not None:
                record(owner, "login_throttled", minutes=throttle.minutes(pause))
        return self.paused(pause, form) if pause else self.form_invalid(form)  # type: ignore[attr-defined]

    def form_valid(self, form: Any) -> HttpResponse:
        response: HttpResponse = super().form_valid(form)  # type: ignore[misc]
        trusted.remember(self.request, response, form.get_user().get_username())
        return response

    def unheard_form(self, busy: bool) -> Any:
        """The form for an attempt refused unheard: unbound (a bound one would check the
        password), keeping the typed email when BUSY, since it is to be sent again at once."""
        initial = {"username": self.request.POST.get("username", "")} if busy else {}
        return self.get_form_class()(self.request, initial=initial)  # type: ignore[attr-defined]

    def paused(self, pause: timedelta, form: Any = None) -> HttpResponse:
        busy = pause == throttle.BUSY
        context = self.get_context_data(  # type: ignore[attr-defined]
            form=form or self.unheard_form(busy),
            wait_minutes=throttle.minutes(pause),
            wait_text=None if busy else throttle.wait_words(pause),
            busy_text=throttle.refusal(pause) if busy else None,
        )
        response: HttpResponse = self.render_to_response(context, status=429)  # type: ignore[attr-defined]
        return throttle.with_retry_after(response, pause)


def _will_be_checked(request: HttpRequest) -> bool:
    """Whether the sign-in form will check a password: both an email and a password sent."""
    return bool(posted_email(request) and request.POST.get("password"))


def _account(email: str) -> User | None:
    """The account a failed sign-in was for, if any. A NUL byte is in no email address, and
    PostgreSQL refuses it in a query outright."""
    return None if "\x00" in email else User.objects.filter(email=email).first()


class ThrottledPasswordChange:
    """The password change form's old password is a guess like any other: counted in the
    account's prompt count (as at the password prompt), refused unheard (429) while paused, and
    answered as soon as the form has checked it, before the vault's work."""

    request: HttpRequest

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        buckets, now = buckets_for(request), timezone.now()
        form = self.get_form()  # type: ignore[attr-defined]
        # A typed old password is counted before it is checked, as at the login form.
        if not request.POST.get("old_password"):
            pause = throttle.wait(buckets, now)
            return self.paused(pause, form) if pause else super().post(request, *args, **kwargs)  # type: ignore[misc]
        pause = throttle.reserve(buckets, now)
        if pause is not None:
            return self.paused(pause, self.get_form_class()(request.user))  # type: ignore[attr-defined]
        with answered(buckets, now) as answer:
            valid = form.is_valid()  # the old password is checked here
            wrong = form.has_error("old_password", "password_incorrect")
            pause = answer(not wrong)  # a right old password with a refused new one is no guess
        if wrong:
            record(request.user, "login_failed")
        if pause is not None:
            return self.paused(pause, form)
        return self.form_valid(form) if valid else self.form_invalid(form)  # type: ignore[attr-defined]

    def paused(self, pause: timedelta, form: Any) -> HttpResponse:
        if pause == throttle.BUSY:
            messages.error(self.request, throttle.refusal(pause))
        else:
            wait = throttle.wait_words(pause)
            messages.error(
                self.request, f"Too many wrong passwords. Please wait {wait}, then try again."
            )
        context = self.get_context_data(form=form)  # type: ignore[attr-defined]
        response: HttpResponse = self.render_to_response(context, status=429)  # type: ignore[attr-defined]
        return throttle.with_retry_after(response, pause)
