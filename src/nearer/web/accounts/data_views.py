"""Data rights in the browser: download everything (a zip), delete the account. Both ask for the
password again first."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from nearer.web.accounts.archive import FILENAME, export_zip
from nearer.web.accounts.deletion import delete_account
from nearer.web.accounts.export import collect
from nearer.web.accounts.models import User
from nearer.web.accounts.reauth import require_password_each_time, verify_password
from nearer.web.audit.events import record
from nearer.web.couples.services import partner_of

WRONG_PASSWORD = "That password is not right."
#: What a person types to confirm deletion (compared without case or surrounding spaces).
CONFIRMATION = "delete my account"


def password_confirmed(user: User, password: str) -> bool:
    """The password typed again before a step that cannot be undone or hands out everything.

    Counted by the login throttle, so a borrowed session cannot guess the password here."""
    return verify_password(user, password)[0]


@require_password_each_time  # the form's own `password` field, checked and throttled
@require_http_methods(["GET", "POST"])
def export(request: HttpRequest) -> HttpResponse:
    """All of my data as a zip (JSON, a CSV per table, a README), after the password again."""
    user = request.user
    assert isinstance(user, User)
    if request.method == "POST":
        response = HttpResponse(export_zip(collect(user)), content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{FILENAME}"'
        response["Cache-Control"] = "no-store"
        record(user, "export")
        return response
    return render(request, "accounts/export.html", {})


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest) -> HttpResponse:
    """What deleting does to each kind of shared item, then the password and a typed phrase."""
    user = request.user
    assert isinstance(user, User)
    context: dict[str, object] = {"has_partner": partner_of(user) is not None}
    if request.method == "POST":
        errors = _deletion_errors(
            user, request.POST.get("password", ""), request.POST.get("confirm", "")
        )
        if not errors:
            logout(request)  # first, while the account still exists to sign out of
            delete_account(user)
            messages.success(request, "Your account and everything in it have been deleted.")
            return redirect("login")
        context["errors"] = errors
        return render(request, "accounts/delete.html", context, status=400)
    return render(request, "accounts/delete.html", context)


def _deletion_errors(user: User, password: str, typed: str) -> dict[str, str]:
    errors = {}
    if not password_confirmed(user, password):
        errors["password"] = WRONG_PASSWORD
    if typed.strip().lower() != CONFIRMATION:
        errors["confirm"] = f"Type “{CONFIRMATION}” to confirm."
    return errors
