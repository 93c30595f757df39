"""Deleting an account: the person's rows go, and with them every key of theirs.

What happens to what was shared is said on the page before it happens (accounts/delete.html):
- their daily answers are deleted, also those the partner has already read, and with them the
  partner's thanks and replies to those answers; the partner's own answers stay theirs, without
  the thanks and replies this person gave them, and an answer the partner wrote while this person
  was there never reaches a later partner (daily.services);
- their check-ins go, shared appreciations and needs included, so they leave the partner's
  dashboard;
- chat analyses they uploaded or shared with the partner are deleted for both;
- a couple space shared with a partner stays the partner's, in solo mode, with a neutral notice
  and a `partner_left` line in their activity log (the same ones leaving gives, so the partner is
  not told which it was); a couple space no one else was ever in, or everyone else has left
  without trace, is deleted with its plans.
Everything else with a foreign key to the user (memberships, invitations, assessment runs,
practice logs, API tokens, the activity log and, with encryption at rest, the wrapped data key)
goes by ON DELETE CASCADE.
"""

from __future__ import annotations

from django.db import transaction

from nearer.web.accounts.models import User
from nearer.web.audit.events import record
from nearer.web.couples.models import Couple, Membership
from nearer.web.couples.services import couple_of, partner_gone
from nearer.web.daily.services import withdraw_responses


@transaction.atomic
def delete_account(user: User) -> None:
    """Delete `user` and everything that is theirs alone (see the module's docstring)."""
    current = couple_of(user)
    couple_ids = list(Membership.objects.filter(user=user).values_list("couple_id", flat=True))
    # The activity log is the person's own, so this line goes with the account (CASCADE), in the
    # same transaction: recorded for the kinds' completeness, never left behind as a trace.
    record(user, "account_deleted")
    withdraw_responses(user)  # before the memberships go: they tell what was revealed to whom
    user.delete()
    partner_gone(current)
    Couple.objects.filter(pk__in=couple_ids, memberships__isnull=True).delete()
