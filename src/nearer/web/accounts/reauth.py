"""The password again before a step that exposes or gives away data.

`require_recent_password` wraps a view: when the password was last typed in this session more
than REAUTH_WINDOW ago, a POST is answered with a password prompt that keeps the posted fields,
so confirming carries the step out. A POST that carries `password` confirms inline. Signing in,
changing the password, and the prompt all count as typing it. Wrong passwords here are throttled
like the login form's, counted once for the account across all its sessions and API tokens
(throttle.reauth_bucket): a borrowed session or token cannot be used to guess the password, not
even by making new tokens or sessions for fresh counts, and guesses at the login form from
elsewhere never pause the owner's own prompt.

Where it applies: changing who can see what — inviting to, joining and leaving a couple space,
and creating an API token (a token reads everything the account can). Export, which hands out
every private note at once, asks in its own form every time (data_views.export). Account deletion
asks for the password in its own form every time, checked by check_password like the prompt
(counted in the account's prompt count, by session or API token alike). Sharing one check-in
entry is chosen as it is written, by its author, and needs no prompt.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from nearer.web.audit.events import record
from nearer.web.errorpages import whole_page
from nearer.web.security import throttle
from nearer.web.security.attempt import answered

REAUTH_WINDOW = timedelta(minutes=5)
WRONG_PASSWORD = "That password is not right."
NO_PASSWORD = "Type your password."
SESSION_KEY = "nearer_password_at"

View = Callable[..., HttpResponse]


def mark_confirmed(request: HttpRequest) -> None:
    """The password was typed in this request: sensitive steps are open for REAUTH_WINDOW."""
    request.session[SESSION_KEY] = timezone.now().timestamp()


def recently_confirmed(request: HttpRequest) -> bool:
    confirmed_at = request.session.get(SESSION_KEY)
    if not isinstance(confirmed_at, int | float):
        return False
    age: float = timezone.now().timestamp() - confirmed_at
    return 0 <= age <= REAUTH_WINDOW.total_seconds()


def verify_password(
    user: AbstractBaseUser, password: str, buckets: list[throttle.Bucket]
) -> tuple[bool, timedelta | None]:
    """Whether `password` is `user`'s, counted by the login throttle in `buckets` (no default: a
    prompt counts in the account's prompt count, see buckets_for, never the login form's, which
    anyone can fill from elsewhere), and the pause in force when guessing must stop (the attempt
    is then refused unheard, as at the login form)."""
    reserved_at = timezone.now()
    pause = throttle.reserve(buckets, reserved_at)  # counted before it is checked
    if pause is not None:
        return False, pause
    with answered(buckets, reserved_at) as answer:
        right = user.check_password(password)
        pause = answer(right)  # before anything else that may fail (the audit record)
    if right:
        return True, None
    record(user, "login_failed")
    return False, pause


def buckets_for(request: HttpRequest) -> list[throttle.Bucket]:
    """Where a signed-in person's wrong passwords are counted: the account's prompt count, one
    for every session and API token of it (a count per session or token would give whoever holds
    one fresh guesses with each new token), and never the login form's, which guesses from
    elsewhere fill."""
    return [throttle.reauth_bucket(request.user.pk)]


def check_password(request: HttpRequest, password: str) -> tuple[bool, timedelta | None]:
    """verify_password for the signed-in person, counted in the account's prompt count; the right
    one opens the window (of a session: a request with an API token has none). An empty password
    (Enter pressed on an empty field) is no guess: refused unchecked and never counted, so it
    cannot pause the owner's own prompts."""
    if not password:
        return False, None
    user = request.user
    assert isinstance(user, AbstractBaseUser)
    right, pause = verify_password(user, password, buckets_for(request))
    if right:
        if getattr(request, "api_token", None) is None:
            mark_confirmed(request)
        record(user, "reauthenticated")
    return right, pause


def why_refused(password: str) -> str:
    """What a refused prompt says: an empty password was not checked (check_password)."""
    return WRONG_PASSWORD if password else NO_PASSWORD


def require_recent_password(view: View) -> View:
    """Decorate a view whose POST needs the password typed in the last few minutes.

    GET passes (showing a form is not the step). A POST with a `password` field is checked
    inline, every time. Any other POST goes through inside the window; outside it, the confirm
    page answers (403) with the original fields kept, and posting it repeats the step."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method in {"GET", "HEAD", "OPTIONS"}:
            return view(request, *args, **kwargs)
        if "password" in request.POST:
            password = request.POST["password"]
            right, pause = check_password(request, password)
            if not right:
                return _ask(request, request.path, _kept(request), pause, why_refused(password))
            return view(request, *args, **kwargs)
        if recently_confirmed(request):
            return view(request, *args, **kwargs)
        return _ask(request, request.path, _kept(request), None, error=None)

    signed_in: View = login_required(guarded)
    return signed_in


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest) -> HttpResponse:
    """Type the password again, then back to the page named by `next`."""
    target = request.POST.get("next", request.GET.get("next", ""))
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = reverse("profile")
    if request.method == "POST":
        password = request.POST.get("password", "")
        right, pause = check_password(request, password)
        if right:
            return redirect(target)
        return _ask(request, request.path, [("next", target)], pause, why_refused(password))
    return render(
        request, "accounts/confirm.html", {"action": request.path, "kept": [("next", target)]}
    )


def _kept(request: HttpRequest) -> list[tuple[str, str]]:
    """The posted fields to send again with the password (never the old token or password)."""
    skip = {"csrfmiddlewaretoken", "password"}
    return [(name, value) for name, value in request.POST.items() if name not in skip]


def _ask(
    request: HttpRequest,
    action: str,
    kept: list[tuple[str, str]],
    pause: timedelta | None,
    error: str | None,
) -> HttpResponse:
    """The confirm page: 403 before a password, 400 saying `error` after a refused one, 429
    while paused."""
    context: dict[str, object] = {"action": action, "kept": kept}
    status = 403
    if error is not None:
        context["error"], status = error, 400
    if pause is not None:
        context["error"] = throttle.refusal(pause)
        status = 429
    response = render(request, "accounts/confirm.html", context, status=status)
    if pause is not None:
        throttle.with_retry_after(response, pause)
    return whole_page(request, response)
