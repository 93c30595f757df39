"""Sign up, sign in and out, profile. Password change and reset use Django's own views."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django.views.generic.edit import FormMixin

from nearer.web.accounts import invited, links
from nearer.web.accounts.forms import (
    LoginForm,
    PasswordForm,
    ProfileForm,
    ResetForm,
    SignUpForm,
)
from nearer.web.accounts.reauth import mark_confirmed
from nearer.web.accounts.sign_in_return import UNSENT
from nearer.web.accounts.signup import SIGNED_UP, sign_up
from nearer.web.audit.events import record
from nearer.web.security import sessions, throttle, tokens
from nearer.web.security.login import ThrottledLogin, ThrottledPasswordChange
from nearer.web.security.reset_email import ThrottledResetEmail
from nearer.web.vault import services as vault

logger = logging.getLogger(__name__)


# no-store, as the sign-in page (Django's LoginView): a browser then keeps the page out of its
# back-forward cache, so Back to it never brings back the email and name typed into it.
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    """The same answer for every valid form, whether its email has an account or not (see
    accounts/signup.py): on to the sign-in page, and from there to the welcome page, or to the
    invitation link the person came by (accounts/invited.py)."""
    if request.user.is_authenticated:
        return redirect("home")
    if request.method == "POST":
        pause = throttle.wait(throttle.sign_up_buckets(request), timezone.now())
        if pause is not None:
            return _sign_up_paused(request, pause)
    form = SignUpForm(request.POST if request.method == "POST" else None)
    wanted = invited.next_path(request)  # the form's address keeps it
    if request.method == "POST" and form.is_valid():
        sign_up(request, form, own_space=not invited.is_invitation(wanted))
        messages.success(request, SIGNED_UP)
        return redirect(_sign_in_after_sign_up(wanted))
    context = {"form": form, **_sign_up_links(wanted)}
    return render(request, "accounts/signup.html", context, status=_status(request, form))


def _sign_in_after_sign_up(wanted: str) -> str:
    """The sign-in page, then the invitation link `wanted` if it is one, else the welcome page:
    a new account's first steps, the private safety check first."""
    after = wanted if invited.is_invitation(wanted) else reverse("onboarding")
    return invited.with_next(reverse("login"), after)


def _sign_up_links(wanted: str) -> dict[str, object]:
    """What the sign-up page says of an invitation, and its link back to sign in, with `next`."""
    return {
        "invited": invited.is_invitation(wanted),
        "login_url": invited.with_next(reverse("login"), wanted),
    }


def _sign_up_paused(request: HttpRequest, pause: timedelta) -> HttpResponse:
    """429, saying how long, with what was typed kept (but the passwords), nothing checked."""
    kept = {name: request.POST.get(name, "") for name in ("email", "display_name", "time_zone")}
    context = {
        "form": SignUpForm(initial=kept),
        "wait_text": throttle.wait_words(pause),
        **_sign_up_links(invited.next_path(request)),
    }
    response = render(request, "accounts/signup.html", context, status=429)
    return throttle.with_retry_after(response, pause)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    # An empty or non-form POST is an invalid form (400), not a fresh page.
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Saved.")
        return redirect("profile")
    return render(request, "accounts/profile.html", {"form": form}, status=_status(request, form))


class InvalidIs400(FormMixin):
    """Django's own form views answer an invalid form with 200; here, as everywhere in nearer,
    it is a 400, so clients and tests can tell."""

    def form_invalid(self, form: object) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)


class LoginView(ThrottledLogin, InvalidIs400, auth.LoginView):
    form_class = LoginForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        wanted = str(context.get(self.redirect_field_name, ""))  # "" unless on this site
        return {
            **context,
            "unsent": self.request.GET.get(UNSENT) == "1",  # see sign_in_return
            "invited": invited.is_invitation(wanted),  # see accounts/invited.py
            "signup_url": invited.with_next(reverse("signup"), wanted),
        }

    def form_valid(self, form: Any) -> HttpResponse:
        vault.unlock_at_login(form.get_user(), form.cleaned_data["password"])
        return super().form_valid(form)


class PasswordChangeView(ThrottledPasswordChange, InvalidIs400, auth.PasswordChangeView):
    form_class = PasswordForm

    def form_valid(self, form: Any) -> HttpResponse:
        with transaction.atomic():  # the data key is re-wrapped with the password's change
            data = form.cleaned_data
            vault.change_password(form.user, data["old_password"], data["new_password1"])
            response = super().form_valid(form)
        # Every other sign-in ends, and every API token: a changed password is often a response
        # to someone else in, who may have made a token while they were.
        sessions.end_all(self.request.user, keep=getattr(self.request, "sign_in", None))
        tokens.revoke_all(self.request.user)
        mark_confirmed(self.request)
        record(self.request.user, "password_changed")
        return response


# no-store, as the sign-up page: Back to it never brings back the email typed into it.
@method_decorator(never_cache, name="dispatch")
class PasswordResetView(ThrottledResetEmail, InvalidIs400, auth.PasswordResetView):
    form_class = ResetForm

    def form_valid(self, form: Any) -> HttpResponse:
        """The email's link starts with a trusted origin (accounts/links.py), never with the
        host the request named; with none to trust, no email, and the same answer."""
        try:
            self.extra_email_context = {"origin": links.trusted_origin(self.request)}
        except links.NoTrustedOrigin:
            logger.error("Not sent: a password-reset email needs NEARER_PUBLIC_URL (hosts are *)")
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetConfirmView(InvalidIs400, auth.PasswordResetConfirmView):
    def form_valid(self, form: object) -> HttpResponse:
        response = super().form_valid(form)
        user = form.user  # type: ignore[attr-defined]
        sessions.end_all(user)  # Django's session hash already refuses them; this tidies up
        tokens.revoke_all(user)  # nothing refuses a token but this
        throttle.forget_account(user.get_username(), user.pk)
        record(user, "password_reset")
        return response


def _status(request: HttpRequest, form: object) -> int:
    """400 for a posted form with errors, so clients and tests can tell."""
    return 400 if request.method == "POST" and getattr(form, "errors", None) else 200
