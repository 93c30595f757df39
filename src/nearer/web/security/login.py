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
    """Refuse attempts unheard while a pause is in force (429, saying how long); count each
    password before it is checked (throttle.reserve) and keep the wrong ones; on the right one,
    give it back, clear the account's count and remember this browser."""

    request: HttpRequest
    buckets: list[throttle.Bucket]
    reserved = False  # this attempt is counted (throttle.reserve) and not yet answered

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        email = posted_email(request)
        browser = trusted.browser_for(request, email)
        if browser is not None:  # this account signed in here before: its own count
            self.buckets = [throttle.browser_bucket(browser, email)]
        else:
            self.buckets = [throttle.account_bucket(email), throttle.address_bucket(request)]
        # A password the form will check is counted before it is, so that guesses sent at once
        # cannot all slip under the limit; a form that checks none is only refused while paused.
        checked = _will_be_checked(request)
        pause = _reserve_if(checked, self.buckets)
        if pause is not None:
            return self.paused(pause)
        self.reserved = checked
        try:
            return super().post(request, *args, **kwargs)  # type: ignore[misc]
        finally:
            if self.reserved:  # never answered (an error): counted as the wrong one it may be
                throttle.keep(self.buckets, timezone.now())

    def form_valid(self, form: Any) -> HttpResponse:
        self.reserved = False
        throttle.give_back(self.buckets)
        throttle.succeed(self.buckets)
        response: HttpResponse = super().form_valid(form)  # type: ignore[misc]
        trusted.remember(self.request, response, form.get_user().get_username())
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        if self.reserved:
            self.reserved = False
            pause = throttle.keep(self.buckets, timezone.now())
            owner = _account(posted_email(self.request))
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


def _will_be_checked(request: HttpRequest) -> bool:
    """Whether the sign-in form will check a password: both an email and a password sent."""
    return bool(posted_email(request) and request.POST.get("password"))


def _reserve_if(checked: bool, buckets: list[throttle.Bucket]) -> timedelta | None:
    """The pause refusing this attempt, if any: counted first (reserve) when a password will be
    checked, else only looked up."""
    now = timezone.now()
    return throttle.reserve(buckets, now) if checked else throttle.wait(buckets, now)


def _account(email: str) -> User | None:
    """The account a failed sign-in was for, if any. A NUL byte is in no email address, and
    PostgreSQL refuses it in a query outright."""
    return None if "\x00" in email else User.objects.filter(email=email).first()


class ThrottledPasswordChange:
    """The password change form's old password is a guess like any other: counted in the
    account's prompt count (as at the password prompt), refused unheard (429) while paused."""

    request: HttpRequest
    reserved = False  # the old password is counted (throttle.reserve) and not yet answered

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # A typed old password is counted before it is checked, as at the login form.
        typed = bool(request.POST.get("old_password"))
        pause = _reserve_if(typed, buckets_for(request))
        if pause is not None:
            return self.paused(pause, self.get_form_class()(request.user))  # type: ignore[attr-defined]
        self.reserved = typed
        try:
            return super().post(request, *args, **kwargs)  # type: ignore[misc]
        finally:
            if self.reserved:  # never answered (an error): counted as the wrong one it may be
                throttle.keep(buckets_for(request), timezone.now())

    def form_valid(self, form: Any) -> HttpResponse:
        self._give_back()
        return super().form_valid(form)  # type: ignore[misc]

    def form_invalid(self, form: Any) -> HttpResponse:
        # Only a password that was typed and checked is a guess: a missing one is not.
        if form.has_error("old_password", "password_incorrect"):
            self.reserved = False
            record(self.request.user, "login_failed")
            pause = throttle.keep(buckets_for(self.request), timezone.now())
            if pause is not None:
                return self.paused(pause, form)
        self._give_back()  # the old password was right (or not typed): only the new one was refused
        return super().form_invalid(form)  # type: ignore[misc]

    def _give_back(self) -> None:
        if self.reserved:
            self.reserved = False
            throttle.give_back(buckets_for(self.request))

    def paused(self, pause: timedelta, form: Any) -> HttpResponse:
        wait = throttle.wait_words(pause)
        messages.error(
            self.request, f"Too many wrong passwords. Please wait {wait}, then try again."
        )
        context = self.get_context_data(form=form)  # type: ignore[attr-defined]
        response: HttpResponse = self.render_to_response(context, status=429)  # type: ignore[attr-defined]
        return throttle.with_retry_after(response, pause)
