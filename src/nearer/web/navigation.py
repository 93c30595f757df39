"""The main navigation's sections, and which of them a page belongs to, so that its link is
marked as the current one on every page of the section (a report, a past day, a chat), not only
on the page the link opens."""

from __future__ import annotations

from django.http import HttpRequest

#: (path prefix, section), the longest prefixes first: the first that a path starts with wins.
SECTIONS = (
    ("/daily/checkin/", "checkin"),
    ("/daily/", "today"),
    ("/home/", "home"),
    ("/plan/", "plan"),
    ("/assessments/", "assessments"),
    ("/chats/", "chats"),
    ("/couple/", "couple"),
    ("/accounts/", "account"),
    ("/support/", "support"),
)


def section_of(path: str) -> str | None:
    """The section `path` belongs to ("today" for /daily/day/2026-01-02/), or None for a page
    of no section (the welcome page, the neutral page)."""
    return next((section for prefix, section in SECTIONS if path.startswith(prefix)), None)


def section(request: HttpRequest) -> dict[str, object]:
    """Context processor: `nav_section`, the section of the page being shown."""
    return {"nav_section": section_of(request.path)}
