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


def posted_email(request: HttpRequest) -> str:
    """The posted email as the sign-in looks the account up (accounts.models.normal_email: NFKC,
    trimmed, lowercased), so any case or a look-alike spelling ('ａlice@…', fullwidth) counts,
    and is logged, as the same account."""
    return normal_email(request.POST.get("username", ""))


class ThrottledLogin:
    """Refuse attempts unheard while a pause is in force (429, saying how long); count wrong
    passwords; on the right one, clear the account's count and remember this browser."""

    request: HttpRequest
    buckets: list[throttle.Bucket]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        email = posted_email(request)
        browser = trusted.browser_for(request, email)
        if browser is not None:  # this account signed in here before: its own count
            self.buckets = [throttle.browser_bucket(browser, email)]
        else:
            self.buckets = [throttle.account_bucket(email), throttle.address_bucket(request)]
        pause = throttle.wait(self.buckets, timezone.now())
        if pause is not None:
            return self.paused(pause)
        return super().post(request, *args, **kwargs)  # type: ignore[misc]

    def form_valid(self, form: Any) -> HttpResponse:
        throttle.succeed(self.buckets)
        response: HttpResponse = super().form_valid(form)  # type: ignore[misc]
        trusted.remember(self.request, response, form.get_user().get_username())
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        email = posted_email(self.request)
        if email and self.request.POST.get("password"):
            pause = throttle.fail(self.buckets, timezone.now())
            owner = _account(email)
            if owner is not None:
                record(owner, "login_failed")
                if pause is not None:
                    record(owner, "login_throttled", minutes=throttle.minutes(pause))
            if pause is not None:
                return self.paused(pause, form)
        return super().form_invalid(form)  # type: ignore[misc]

    def paused(self, pause: timedelta, form: Any = None) -> HttpResponse:
        context = self.get_context_data(  # type: ignore[attr-defined]
            # Unbound when the attempt went unheard: a bound form would check the password.
            form=form or self.get_form_class()(self.request),  # type: ignore[attr-defined]
            wait_minutes=throttle.minutes(pause),
            wait_text=throttle.wait_words(pause),
        )
        response: HttpResponse = self.render_to_response(context, status=429)  # type: ignore[attr-defined]
        return throttle.with_retry_after(response, pause)


def _account(email: str) -> User | None:
    """The account a failed sign-in was for, if any. A NUL byte is in no email address, and
    PostgreSQL refuses it in a query outright."""
    return None if "\x00" in email else User.objects.filter(email=email).first()


class ThrottledPasswordChange:
    """The password change form's old password is a guess like any other: counted in the
    account's prompt count (as at the password prompt), refused unheard (429) while paused."""

    request: HttpRequest

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        pause = throttle.wait(buckets_for(request), timezone.now())
        if pause is not None:
            return self.paused(pause, self.get_form_class()(request.user))  # type: ignore[attr-defined]
        return super().post(request, *args, **kwargs)  # type: ignore[misc]

    def form_invalid(self, form: Any) -> HttpResponse:
        # Only a password that was typed and checked is a guess: a missing one is not.
        if form.has_error("old_password", "password_incorrect"):
            user = self.request.user
            record(user, "login_failed")
            pause = throttle.fail(buckets_for(self.request), timezone.now())
            if pause is not None:
                return self.paused(pause, form)
        return super().form_invalid(form)  # type: ignore[misc]

    def paused(self, pause: timedelta, form: Any) -> HttpResponse:
        wait = throttle.wait_words(pause)
        messages.error(
            self.request, f"Too many wrong passwords. Please wait {wait}, then try again."
        )
        context = self.get_context_data(form=form)  # type: ignore[attr-defined]
        response: HttpResponse = self.render_to_response(context, status=429)  # type: ignore[attr-defined]
        return throttle.with_retry_after(response, pause)
