"""The recovery code shown once, unlocking private entries again, and restoring old ones."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from nearer.web.accounts.reauth import check_password, why_refused
from nearer.web.accounts.sign_in_return import UNSENT
from nearer.web.audit.events import record
from nearer.web.security import throttle
from nearer.web.vault import keyring, services, sessions


def _next(request: HttpRequest) -> str:
    target: str = request.POST.get("next", request.GET.get("next", ""))
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    home: str = reverse("home")
    return home


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def recovery_code(request: HttpRequest) -> HttpResponse:
    """The new recovery code, once: after saying it is saved, it is gone for good."""
    if request.method == "POST":
        sessions.forget_code(request)
        return redirect(_next(request))
    code = sessions.pending_code(request)
    if code is None:
        sessions.forget_code(request)
        return redirect(_next(request))
    context = {"code": code, "next": _next(request)}
    response = render(request, "vault/recovery_code.html", context)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def unlock(request: HttpRequest) -> HttpResponse:
    """Your password again, to open your private entries in this browser. Counted like every
    password prompt (reauth.check_password); while paused, even the right password is answered
    429 with the wait, never as a wrong one."""
    user = request.user
    error, pause = "", None
    if request.method == "POST":
        password = request.POST.get("password", "")
        right, pause = check_password(request, password)
        unlocked = services.unlock(user, password) if right else None
        if unlocked is not None:
            sessions.hold(request, user.pk, unlocked.key_id, unlocked.key)
            if unlocked.new_recovery_code:
                sessions.keep_code(request, unlocked.new_recovery_code)
            return redirect(_next(request))
        error = why_refused(password)
        if pause is not None:
            error = throttle.refusal(pause)
    context = {"error": error, "next": _next(request), "unsent": request.GET.get(UNSENT) == "1"}
    if pause is not None:
        response = render(request, "vault/unlock.html", context, status=429)
        return throttle.with_retry_after(response, pause)
    return render(request, "vault/unlock.html", context, status=400 if error else 200)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def recover(request: HttpRequest) -> HttpResponse:
    """The recovery code of a key retired by a password reset brings its entries back."""
    user = request.user
    error = ""
    if request.method == "POST":
        try:
            restored = services.recover(user, request.POST.get("code", ""))
        except services.WrongRecoveryCode as wrong:
            error = str(wrong)
        except keyring.Locked:
            return redirect(f"{reverse('unlock')}?next={request.path}")
        else:
            record(user, "recovery_used")
            messages.success(request, f"Unlocked {restored} earlier entries.")
            return redirect("profile")
    context = {"error": error, "retired": bool(services.retired_keys(user))}
    return render(request, "vault/recover.html", context, status=400 if error else 200)
