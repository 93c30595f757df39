"""One page template with named fragments: the full page for a browser, the fragment for HTMX."""

from __future__ import annotations

from collections.abc import Mapping

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def page(
    request: HttpRequest,
    template: str,
    context: Mapping[str, object],
    fragment: str | None = None,
    status: int = 200,
) -> HttpResponse:
    """Render `template`, or only its `{% partialdef fragment %}` when HTMX asked for it."""
    name = f"{template}#{fragment}" if fragment and getattr(request, "htmx", False) else template
    return render(request, name, dict(context), status=status)
