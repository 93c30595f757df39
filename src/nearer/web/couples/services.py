"""Creating, joining and leaving a couple space. Views and the API call these, never the models
directly, so the rules (one couple per person, two per couple, codes used once) live here."""

from __future__ import annotations

import secrets
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from nearer.web.accounts.models import User
from nearer.web.audit.events import record
from nearer.web.couples.models import Couple, Invitation, Membership

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read aloud without mistakes


class CoupleError(Exception):
    """A rule stopped the change; the message is shown to the person as is."""


class CodeRefused(CoupleError):
    """The invitation code itself is the trouble: wrong, expired, used, or one's own."""


def couple_of(user: User) -> Couple | None:
    membership = (
        Membership.objects.filter(user=user, left_at__isnull=True).select_related("couple").first()
    )
    return membership.couple if membership else None


def partner_of(user: User) -> User | None:
    """The other person in `user`'s couple space now, or None; one query."""
    other = (
        Membership.objects.filter(
            left_at__isnull=True, couple__memberships__user=user, couple__memberships__left_at=None
        )
        .exclude(user=user)
        .select_related("user")
        .first()
    )
    return other.user if other else None


#: A time two people were in a couple space together: from, until (None: still).
Together = tuple[datetime, datetime | None]


def times_together(user: User) -> list[Together]:
    """Every time `user` and their present partner were in a couple space together, in any
    space, the present one last; none without a partner. What either shared in one of those
    times was shared with the other and stays so (a partner who comes back finds it again);
    what they shared while apart, or before they first came together, was shared with someone
    else, or with nobody yet, and stays out of the other's sight."""
    partner = partner_of(user)
    if partner is None:
        return []
    stays = Membership.objects.filter(user__in=[user, partner]).values_list(
        "user_id", "couple_id", "joined_at", "left_at"
    )
    mine = [(c, j, e) for u, c, j, e in stays if u == user.pk]
    theirs = [(c, j, e) for u, c, j, e in stays if u == partner.pk]
    spans = [overlap(j1, e1, j2, e2) for c1, j1, e1 in mine for c2, j2, e2 in theirs if c1 == c2]
    return sorted(span for span in spans if span is not None)


def overlap(
    joined: datetime, left: datetime | None, other_joined: datetime, other_left: datetime | None
) -> Together | None:
    """The time two stays (from `joined` until `left`, None: still there) share, or None."""
    start = max(joined, other_joined)
    ends = [end for end in (left, other_left) if end is not None]
    end = min(ends) if ends else None
    return (start, end) if end is None or start <= end else None


@transaction.atomic
def create_couple(user: User) -> Couple:
    if couple_of(user) is not None:
        raise CoupleError("You are already in a couple space.")
    # One instant: the maker's stay begins with the space (daily.stays.first_pairing).
    now = timezone.now()
    couple: Couple = Couple.objects.create(created_at=now)
    Membership.objects.create(user=user, couple=couple, joined_at=now)
    return couple


@transaction.atomic
def invite(user: User) -> str:
    """A fresh one-time code, shown once, for the user's couple; older unused codes stop working."""
    couple = couple_of(user)
    if couple is None:
        raise CoupleError("Create your couple space first.")
    if couple.active_members().count() >= 2:
        raise CoupleError("Your couple space already has two partners.")
    # Voided at the instant the new code is made, so a voided code is never taken for a join
    # (daily.stays.first_pairing).
    now = timezone.now()
    couple.invitations.filter(used_at__isnull=True).update(used_at=now)
    code = "-".join("".join(secrets.choice(CODE_ALPHABET) for _ in range(4)) for _ in range(3))
    invitation = Invitation.objects.create(
        couple=couple, created_by=user, code_hash=Invitation.hash(code), created_at=now
    )
    record(user, "sharing_changed", couple=couple.pk, invitation=invitation.pk)
    return code


@transaction.atomic
def join(user: User, code: str) -> Couple:
    """Join the partner's space. A solo space of one's own is left behind by itself; a space
    shared with someone else has to be left on purpose first."""
    current = couple_of(user)
    if current is not None and current.active_members().exclude(user=user).exists():
        raise CoupleError("You are already in a couple space. Leave it first to join another.")
    invitation = (
        Invitation.objects.select_for_update().filter(code_hash=Invitation.hash(code)).first()
    )
    if invitation is None or not invitation.usable() or not _inviter_stayed(invitation):
        raise CodeRefused("This code is not valid or has expired. Ask your partner for a new one.")
    couple: Couple = invitation.couple
    if couple.active_members().count() >= 2:
        raise CoupleError("This couple space already has two partners.")
    if couple == current:
        raise CodeRefused("This is your own invitation: give it to your partner.")
    now = timezone.now()  # the code is used at the instant of the join (daily.services)
    invitation.used_at = now
    invitation.save(update_fields=["used_at"])
    Membership.objects.filter(user=user, left_at__isnull=True).update(left_at=now)
    if current is not None:
        void_codes(current, user)  # the solo space left behind: no one is there to be joined
    Membership.objects.create(user=user, couple=couple, joined_at=now)
    # A new partnership begins light (plans.services.made_before_joining).
    Couple.objects.filter(pk=couple.pk).update(solo_since=None, question_depth=1)
    record(user, "couple_joined", couple=couple.pk)
    for partner in couple.active_members().exclude(user=user):
        record(partner.user, "partner_joined", couple=couple.pk)
    return couple


@transaction.atomic
def leave(user: User) -> None:
    """Leave the couple space. Private data stays with its owner; shared history stays readable."""
    couple = couple_of(user)
    now = timezone.now()
    mine = Membership.objects.filter(user=user, left_at__isnull=True)
    with_partner = couple is not None and couple.active_members().exclude(user=user).exists()
    updated = mine.update(left_at=now, **({"partnership_ended_at": now} if with_partner else {}))
    if not updated:
        raise CoupleError("You are not in a couple space.")
    if couple is not None:
        void_codes(couple, user)
        record(user, "couple_left", couple=couple.pk)
    partner_gone(couple)


def _inviter_stayed(invitation: Invitation) -> bool:
    """A code joins the person who made it: once they have left that space (for another, or
    alone), it joins no one."""
    stayed: bool = (
        invitation.couple.active_members().filter(user_id=invitation.created_by_id).exists()
    )
    return stayed


def void_codes(couple: Couple, inviter: User) -> None:
    """The unused codes `inviter` made for `couple` stop working: they have left it."""
    couple.invitations.filter(created_by=inviter, used_at__isnull=True).update(
        used_at=timezone.now()
    )


def partner_gone(couple: Couple | None) -> None:
    """After someone left `couple` or deleted their account (accounts.deletion): whoever stays
    gets the same `partner_left` line in their activity log and the same solo-mode notice, so
    they are never told which it was."""
    if couple is None:
        return
    stayers = couple.active_members()
    for partner in stayers:
        record(partner.user, "partner_left", couple=couple.pk)
    stayers.update(partnership_ended_at=timezone.now())
    mark_solo(couple)


def mark_solo(couple: Couple | None) -> None:
    """After someone left `couple` or deleted their account: a partner who stays alone gets the
    neutral solo-mode notice."""
    if couple is not None and couple.active_members().exists():
        Couple.objects.filter(pk=couple.pk).update(solo_since=timezone.now())


def dismiss_solo_notice(user: User) -> None:
    couple = couple_of(user)
    if couple is not None:
        Couple.objects.filter(pk=couple.pk).update(solo_since=None)
