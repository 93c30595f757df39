"""The dashboard, onboarding, support resources and the health check."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from nearer.content.loader import default_content
from nearer.web.accounts.models import User
from nearer.web.assessments import services as assessments
from nearer.web.insights.dashboard import dashboard_context
from nearer.web.rendering import page
from nearer.web.safety.reminders import screen_offer


@login_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    context = dashboard_context(user, timezone.localdate())
    context["offer_screen_again"] = screen_offer(user, timezone.now())  # theirs alone
    return page(request, "insights/dashboard.html", context)


@login_required
@require_safe
def onboarding(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    steps = [
        (i, assessments.instrument(i), assessments.latest_run(user, i) is not None)
        for i in assessments.ORDER
    ]
    minutes = sum(found.minutes for _, found, _ in steps if found is not None)
    return page(request, "insights/onboarding.html", {"steps": steps, "minutes": minutes})


@never_cache  # for everyone: a kept copy would tell whoever opens the browser help was sought
@require_safe
def support(request: HttpRequest) -> HttpResponse:
    country = request.GET.get("country", "")[:2]
    content = default_content()
    countries = [(code, COUNTRY_NAMES.get(code, code)) for code in content.resources_by_country]
    return render(
        request,
        "insights/support.html",
        {
            "resources": content.resources_for(country),
            "countries": sorted(countries, key=lambda pair: pair[1]),
            "country": country.upper(),
        },
    )


#: Names for the country codes of the support list (resources.yaml); a code without one shows as
#: itself.
COUNTRY_NAMES = {
    "AU": "Australia", "CA": "Canada", "DE": "Germany", "GB": "United Kingdom", "IE": "Ireland",
    "NZ": "New Zealand", "US": "United States",
}  # fmt: skip


@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def root(request: HttpRequest) -> HttpResponse:
    return redirect("home" if request.user.is_authenticated else "login")
