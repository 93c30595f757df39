from __future__ import annotations

from django.http import HttpRequest

from nearer.web.couples.services import couple_of, partner_of


def couple(request: HttpRequest) -> dict[str, object]:
    """The signed-in person's couple and partner, for the navigation."""
    user = request.user
    if not user.is_authenticated:
        return {}
    return {"couple": couple_of(user), "partner": partner_of(user)}
