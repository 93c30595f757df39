"""couples 0003 marks, on the rows there were before it, when each stay last lost a partner."""

from __future__ import annotations

import importlib
from datetime import timedelta

from django.apps import apps
from django.utils import timezone

from nearer.web.accounts.models import User
from nearer.web.couples.models import Couple, Membership
from tests.web.conftest import make_user

backfill = importlib.import_module(
    "nearer.web.couples.migrations.0003_partnership_ended_at"
).mark_partnerships_ended


def stay(user: User, couple: Couple, days_ago: int, left_days_ago: int | None = None) -> Membership:
    now = timezone.now()
    left = None if left_days_ago is None else now - timedelta(days=left_days_ago)
    return Membership.objects.create(
        user=user, couple=couple, joined_at=now - timedelta(days=days_ago), left_at=left
    )


def test_the_backfill_marks_leaving_being_left_and_a_deleted_partners_solo_notice(
    db: None,
) -> None:
    alice, bob, carol, dan = (make_user(name) for name in ("alice", "bob", "carol", "dan"))
    first, second = Couple.objects.create(), Couple.objects.create()
    alice_with_bob = stay(alice, first, days_ago=30, left_days_ago=10)  # alice left bob
    bob_stays = stay(bob, first, days_ago=30)
    alone_then = stay(carol, second, days_ago=40, left_days_ago=5)  # her partner deleted, then
    Couple.objects.filter(pk=second.pk).update(solo_since=timezone.now() - timedelta(days=20))
    dan_alone = stay(dan, Couple.objects.create(), days_ago=3)  # never had a partner
    backfill(apps, None)
    for row in (alice_with_bob, bob_stays, alone_then, dan_alone):
        row.refresh_from_db()
    assert alice_with_bob.partnership_ended_at == alice_with_bob.left_at
    assert bob_stays.partnership_ended_at == alice_with_bob.left_at
    assert alone_then.partnership_ended_at == Couple.objects.get(pk=second.pk).solo_since
    assert dan_alone.partnership_ended_at is None
