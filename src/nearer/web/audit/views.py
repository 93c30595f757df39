"""The person's own activity log: newest first, their lines only."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from nearer.web.audit.events import PER_PAGE, label
from nearer.web.audit.models import Event
from nearer.web.rendering import page


@login_required
@require_GET
def activity(request: HttpRequest) -> HttpResponse:
    events = Event.objects.filter(user_id=request.user.pk)
    paginated = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        {"at": event.at, "label": label(event.kind), "ids": sorted(event.ids.items())}
        for event in paginated
    ]
    return page(request, "audit/activity.html", {"page": paginated, "rows": rows}, "events")
