"""Data rights in the browser: download everything (a zip), delete the account. Both ask for the
password again first."""

from __future__ import annotations

from datetime import timedelta

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
from nearer.web.accounts.reauth import check_password, why_refused
from nearer.web.audit.events import record
from nearer.web.couples.services import partner_of
from nearer.web.security import throttle

#: What a person types to confirm deletion (compared without case or surrounding spaces).
CONFIRMATION = "delete my account"
TYPE_PASSWORD = "Type your password to download your data."


def password_refusal(request: HttpRequest, password: str) -> tuple[str, timedelta | None]:
    """Why the password typed again before deleting the account is refused ("" when it is
    right), and the pause in force, if any: counted like the other prompts, in the account's
    prompt count (reauth.check_password), so a borrowed session or token cannot guess the
    password here and guesses at the login form from elsewhere never stop the owner. While
    paused, even the right password is refused unheard, with the wait, never as a wrong one.
    Callers check the typed words first and the password only when they are right, so that a
    refusal never tells a right password from a wrong one."""
    right, pause = check_password(request, password)
    if pause is not None:
        return throttle.refusal(pause), pause
    return ("" if right else why_refused(password)), None


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def export(request: HttpRequest) -> HttpResponse:
    """All of my data as a zip (JSON, a CSV per table, a README), after the password again, each
    time: it hands out every private note at once. A refusal is the same page, saying why."""
    user = request.user
    assert isinstance(user, User)
    if request.method != "POST":
        return render(request, "accounts/export.html", {})
    password = request.POST.get("password", "")
    refusal, pause = password_refusal(request, password) if password else (TYPE_PASSWORD, None)
    if refusal:
        response = render(
            request, "accounts/export.html", {"error": refusal}, status=429 if pause else 400
        )
        return throttle.with_retry_after(response, pause) if pause else response
    response = HttpResponse(export_zip(collect(user)), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{FILENAME}"'
    response["Cache-Control"] = "no-store"
    record(user, "export")
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete(request: HttpRequest) -> HttpResponse:
    """What deleting does to each kind of shared item, then the password and a typed phrase."""
    user = request.user
    assert isinstance(user, User)
    context: dict[str, object] = {"has_partner": partner_of(user) is not None}
    if request.method == "POST":
        errors, pause = _deletion_errors(request)
        if not errors:
            logout(request)  # first, while the account still exists to sign out of
            delete_account(user)
            messages.success(request, "Your account and everything in it have been deleted.")
            return redirect("login")
        context["errors"] = errors
        context["typed"] = request.POST.get("confirm", "")[:100]  # kept; the password is not
        if pause is not None:
            response = render(request, "accounts/delete.html", context, status=429)
            return throttle.with_retry_after(response, pause)
        return render(request, "accounts/delete.html", context, status=400)
    return render(request, "accounts/delete.html", context)


def _deletion_errors(request: HttpRequest) -> tuple[dict[str, str], timedelta | None]:
    """What stops the deletion, by field, and the pause in force, if any. The typed words come
    first: without them the password is not checked (nor counted), so "only the words are
    wrong" can never tell a guesser that the password was right."""
    if not confirmed(request.POST.get("confirm", "")):
        return {"confirm": f"Type “{CONFIRMATION}” to confirm."}, None
    refusal, pause = password_refusal(request, request.POST.get("password", ""))
    return ({"password": refusal} if refusal else {}), pause


def confirmed(typed: str) -> bool:
    """Whether `typed` is the confirmation phrase (without case or surrounding spaces)."""
    return typed.strip().lower() == CONFIRMATION
