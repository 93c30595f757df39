"""Sign up, sign in and out, profile. Password change and reset use Django's own views."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods
from django.views.generic.edit import FormMixin

from nearer.web.accounts.forms import (
    EMAIL_TAKEN,
    LoginForm,
    PasswordForm,
    ProfileForm,
    SignUpForm,
)
from nearer.web.accounts.models import User
from nearer.web.accounts.reauth import mark_confirmed
from nearer.web.audit.events import record
from nearer.web.couples.services import create_couple
from nearer.web.security import sessions, throttle, tokens
from nearer.web.security.login import ThrottledLogin, ThrottledPasswordChange
from nearer.web.security.reset_email import ThrottledResetEmail
from nearer.web.vault import services as vault


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = SignUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = _create_account(form)
        if user is not None:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("onboarding")
    return render(request, "accounts/signup.html", {"form": form}, status=_status(request, form))


def _create_account(form: SignUpForm) -> User | None:
    """The new account with its data key and solo couple space, all or nothing; None, with the
    form's email error, when another request took the email after the form checked it (a
    double click, two tabs)."""
    try:
        with transaction.atomic():
            user = form.save()
            user.vault_unlocked = vault.enrol(user, form.cleaned_data["password1"])
            create_couple(user)  # solo mode from the first minute; the partner can join any time
    except IntegrityError:
        if not User.objects.filter(email=form.cleaned_data["email"]).exists():
            raise
        form.add_error("email", EMAIL_TAKEN)
        return None
    return user


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    # An empty or non-form POST is an invalid form (400), not a fresh page.
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Saved.")
        return redirect("profile")
    return render(request, "accounts/profile.html", {"form": form}, status=_status(request, form))


class InvalidIs400(FormMixin):  # type: ignore[type-arg]
    """Django's own form views answer an invalid form with 200; here, as everywhere in nearer,
    it is a 400, so clients and tests can tell."""

    def form_invalid(self, form: object) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)  # type: ignore[attr-defined, no-any-return]


class LoginView(ThrottledLogin, InvalidIs400, auth.LoginView):
    form_class = LoginForm

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
        sessions.end_all(self.request.user, keep=getattr(self.request, "sign_in", None))  # type: ignore[arg-type]
        tokens.revoke_all(self.request.user)  # type: ignore[arg-type]
        mark_confirmed(self.request)
        record(self.request.user, "password_changed")  # type: ignore[arg-type]
        return response


class PasswordResetView(ThrottledResetEmail, InvalidIs400, auth.PasswordResetView):
    pass


class PasswordResetConfirmView(InvalidIs400, auth.PasswordResetConfirmView):
    def form_valid(self, form: object) -> HttpResponse:
        response = super().form_valid(form)
        user = form.user  # type: ignore[attr-defined]
        sessions.end_all(user)  # Django's session hash already refuses them; this tidies up
        tokens.revoke_all(user)  # nothing refuses a token but this
        throttle.forget_account(user.get_username())
        record(user, "password_reset")
        return response


def _status(request: HttpRequest, form: object) -> int:
    """400 for a posted form with errors, so clients and tests can tell."""
    return 400 if request.method == "POST" and getattr(form, "errors", None) else 200
