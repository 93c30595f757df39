"""Quick exit and the neutral page it lands on; dismissing the repeated private check."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from nearer.web.accounts.models import User
from nearer.web.safety.models import ScreenReminder


@csrf_exempt  # a stale token (signed in or out in another tab) must never stop someone leaving
@require_POST
def quick_exit(request: HttpRequest) -> HttpResponse:
    """End the session and go to the neutral page. The button's form posts here without
    JavaScript; with it, quick-exit.js posts here in the background while it replaces the page.
    Signed out (the support page, sign-in, sign-up) it does the same: the anonymous session and
    whatever it held (a half-done password reset, a message waiting) is flushed with its cookie.
    A message still waiting to be shown ("Check-in saved", a pointer to support after a note's
    words), kept in a cookie of its own when the page it was for was never opened, is dropped
    too: the next person to open nearer on this device must not read it."""
    for _ in messages.get_messages(request):  # read, so the response clears their cookie
        pass
    logout(request)
    response = redirect("neutral")
    response.status_code = 303
    # Browsers that honour it also drop their cached copies of this site's pages, the
    # back-forward cache included (secure contexts only: HTTPS or localhost).
    response["Clear-Site-Data"] = '"cache"'
    return response


@require_safe
def neutral(request: HttpRequest) -> HttpResponse:
    """A plain weather page that looks like nothing to do with nearer: no name, no links back,
    nothing fetched from elsewhere. Signed in or not, it shows the same."""
    return render(request, "safety/weather.html", {"place": request.GET.get("q", "")[:40]})


@login_required
@require_POST
def dismiss_screen_reminder(request: HttpRequest) -> HttpResponse:
    """ "Not now" on the offer to take the private check again: hidden until the next period."""
    user = request.user
    assert isinstance(user, User)
    ScreenReminder.objects.update_or_create(user=user, defaults={"dismissed_at": timezone.now()})
    return redirect("home")
