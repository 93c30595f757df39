"""The couple space: its state, creating it, inviting the partner, joining with a code, leaving.
Every rule (one couple a person, two a couple, codes used once) is in couples.services."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import StrictBool

from nearer.web import access
from nearer.web.accounts.links import shared_link
from nearer.web.accounts.models import User
from nearer.web.api.access import require_recent_password, user_of
from nearer.web.api.body import Body
from nearer.web.api.errors import ERRORS, Error, invalid, refuse
from nearer.web.couples import services
from nearer.web.couples.services import CodeRefused, CoupleError

router = Router(tags=["couple"])


class PartnerOut(Schema):
    display_name: str


class CoupleOut(Schema):
    status: Literal["none", "solo", "paired"]  # no couple space; only you; the two of you
    created_at: datetime | None
    partner: PartnerOut | None


class InvitationOut(Schema):
    code: str  # shown once; works once
    link: str
    expires_at: datetime


class JoinIn(Body):
    code: str


class LeaveIn(Body):
    confirm: StrictBool = False  # must be true: leaving is deliberate


def state(user: User) -> dict[str, object]:
    couple, partner = services.couple_of(user), services.partner_of(user)
    status = "none" if couple is None else ("paired" if partner else "solo")
    return {
        "status": status,
        "created_at": couple.created_at if couple else None,
        "partner": {"display_name": str(partner)} if partner else None,
    }


@router.get("", response={200: CoupleOut, ERRORS: Error})
def get_couple(request: HttpRequest) -> dict[str, object]:
    """Your couple space and your partner's display name, if they have joined."""
    return state(user_of(request))


@router.post("", response={201: CoupleOut, ERRORS: Error})
def create_couple(request: HttpRequest) -> Status[dict[str, object]]:
    """Create your couple space (you start solo; your partner joins with a code)."""
    user = user_of(request)
    try:
        services.create_couple(user)
    except CoupleError as error:
        raise refuse(str(error)) from None
    return Status(201, state(user))


@router.post("/invitations", response={201: InvitationOut, ERRORS: Error})
def create_invitation(request: HttpRequest) -> Status[dict[str, object]]:
    """A one-time code for your partner, valid 72 hours; earlier unused codes stop working."""
    require_recent_password(request)
    try:
        code = services.invite(user_of(request))
    except CoupleError as error:
        raise refuse(str(error)) from None
    invitation = access.invitation_for(user_of(request), code)
    link = shared_link(request, f"/couple/join/{code}/")
    return Status(201, {"code": code, "link": link, "expires_at": invitation.expires_at})


@router.post("/join", response={200: CoupleOut, ERRORS: Error})
def join_couple(request: HttpRequest, payload: JoinIn) -> dict[str, object]:
    """Join your partner's couple space with their code."""
    require_recent_password(request)
    user = user_of(request)
    if not payload.code.strip():
        raise invalid([("code", "Enter the code.")])
    try:
        services.join(user, payload.code)
    except CoupleError as error:
        field = "code" if isinstance(error, CodeRefused) else None
        raise refuse(str(error), field=field) from None
    return state(user)


@router.post("/leave", response={200: CoupleOut, ERRORS: Error})
def leave_couple(request: HttpRequest, payload: LeaveIn) -> dict[str, object]:
    """Leave the couple space. You keep your private entries; send `{"confirm": true}`."""
    require_recent_password(request)
    user = user_of(request)
    if not payload.confirm:
        raise refuse("must be true to leave the couple space", field="confirm")
    try:
        services.leave(user)
    except CoupleError as error:
        raise refuse(str(error)) from None
    return state(user)
