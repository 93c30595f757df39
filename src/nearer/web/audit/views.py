"""The person's own activity log: newest first, their lines only."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from nearer.web.audit.events import label, log_of
from nearer.web.rendering import page


@login_required
@require_safe
def activity(request: HttpRequest) -> HttpResponse:
    paginated = log_of(request.user).get_page(request.GET.get("page"))
    rows = [
        {"at": event.at, "label": label(event.kind), "ids": sorted(event.ids.items())}
        for event in paginated
    ]
    return page(request, "audit/activity.html", {"page": paginated, "rows": rows}, "events")
