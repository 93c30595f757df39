"""`{% chats_waiting as n %}`: how many chat imports wait for the signed-in person's agreement,
for the neutral badge beside Chat in the navigation (it says nothing of what they hold)."""

from __future__ import annotations

from typing import Any

from django import template

from nearer.web.chats.services import waiting_for

register = template.Library()


@register.simple_tag(takes_context=True)
def chats_waiting(context: dict[str, Any]) -> int:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    waiting: int = waiting_for(user).count()
    return waiting
