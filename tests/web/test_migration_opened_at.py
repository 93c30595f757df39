"""daily 0009 gives the days there were before it the time they were opened: the earliest it can
have been, in the earliest time zone, so no later partner reads a day opened with someone else;
exact where every answer came after the last answerer joined and no one left the space before
that join (who may have opened the day with the stayer), so a joiner keeps their join day."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from nearer.content.loader import default_content
from nearer.web.accounts.models import User
from nearer.web.couples.models import Couple, Invitation, Membership
from nearer.web.daily import services
from nearer.web.daily.models import Answer, DailyQuestion
from tests.web.conftest import make_user

BEFORE = ("daily", "0008_checkin_shared_at")
NOV_25 = date(2026, 11, 25)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


def executor() -> MigrationExecutor:
    return MigrationExecutor(connections[DEFAULT_DB_ALIAS])


@pytest.fixture
def before_0009(transactional_db: None) -> Iterator[type]:
    """The database as it was before daily 0009: its DailyQuestion, without opened_at. Migrating
    forward again is the step under test; the fixture ends at the latest state whatever."""
    latest = list(executor().loader.graph.leaf_nodes())
    executor().migrate([BEFORE])
    try:
        yield executor().loader.project_state(BEFORE).apps.get_model("daily", "dailyquestion")
    finally:
        executor().migrate(latest)


def upgrade() -> None:
    executor().migrate(list(executor().loader.graph.leaf_nodes()))


def stay(user: User, couple: Couple, joined: datetime, left: datetime | None = None) -> None:
    """`user` in `couple` from `joined`; one who joins another used a code of theirs then."""
    maker = Membership.objects.filter(couple=couple).order_by("joined_at").first()
    if maker is not None:
        Invitation.objects.create(
            couple=couple,
            created_by=maker.user,
            code_hash=f"{couple.pk}-{user.pk}",
            created_at=joined - timedelta(minutes=5),
            used_at=joined,
        )
    Membership.objects.create(user=user, couple=couple, joined_at=joined, left_at=left)


def a_question() -> str:
    return default_content().questions[0].id


def bob_left_and_carol_came(before_0009: type) -> tuple[User, User, User, Any]:
    """Alice, Bob and Carol, and Alice's 25 November as 0008 kept it: she is in Brisbane
    (UTC+10) and opened it at 14:30 UTC on the 24th with Bob, who left at 15:00; Carol joined
    at 20:00."""
    alice, bob, carol = (make_user(name) for name in ("alice", "bob", "carol"))
    space = Couple.objects.create(created_at=at(1, 9))
    stay(alice, space, at(1, 9))
    stay(bob, space, at(2, 9), left=at(24, 15))
    stay(carol, space, at(24, 20))
    old = before_0009.objects.create(couple_id=space.pk, day=NOV_25, question_id=a_question())
    return alice, bob, carol, old


def test_a_day_opened_in_brisbane_before_a_new_partner_came_stays_out_of_their_sight(
    before_0009: type,
) -> None:
    _, bob, carol, old = bob_left_and_carol_came(before_0009)

    upgrade()

    opened = DailyQuestion.objects.get(pk=old.pk)
    assert opened.opened_at <= at(24, 14, 30)
    assert services.view_for(carol, opened).before_joining
    assert not services.view_for(bob, opened).before_joining


def test_a_day_made_before_its_space_is_taken_as_opened_when_the_space_was_made(
    before_0009: type,
) -> None:
    alice = make_user("alice")
    space = Couple.objects.create(created_at=at(24, 16))
    stay(alice, space, at(24, 16))
    old = before_0009.objects.create(couple_id=space.pk, day=NOV_25, question_id=a_question())
    upgrade()
    assert DailyQuestion.objects.get(pk=old.pk).opened_at == at(24, 16)


def test_a_joiner_keeps_the_join_day_they_and_their_partner_answered_together(
    before_0009: type,
) -> None:
    alice, carol = make_user("alice"), make_user("carol")
    space = Couple.objects.create(created_at=at(1, 9))
    stay(alice, space, at(1, 9))
    stay(carol, space, at(25, 9))
    old = before_0009.objects.create(couple_id=space.pk, day=NOV_25, question_id=a_question())
    for person, minute in ((carol, 5), (alice, 10)):
        Answer.objects.create(
            daily_id=old.pk, user=person, text=f"{person}'s", answered_at=at(25, 10, minute)
        )

    upgrade()

    opened = DailyQuestion.objects.get(pk=old.pk)
    assert opened.opened_at == at(25, 9)
    seen = services.view_for(carol, opened)
    assert seen.question is not None and seen.partners is not None
    assert seen.partners.text == f"{alice}'s"


def test_a_day_answered_for_an_earlier_partner_stays_out_of_the_joiners_sight(
    before_0009: type,
) -> None:
    alice, _, carol, old = bob_left_and_carol_came(before_0009)
    Answer.objects.create(daily_id=old.pk, user=alice, text="for Bob", answered_at=at(24, 14, 35))
    Answer.objects.create(daily_id=old.pk, user=carol, text="mine", answered_at=at(24, 20, 10))

    upgrade()

    opened = DailyQuestion.objects.get(pk=old.pk)
    assert opened.opened_at <= at(24, 14, 35)
    assert services.view_for(carol, opened).before_joining


def test_a_day_answered_only_after_a_joiner_came_stays_with_the_partner_who_left_before(
    before_0009: type,
) -> None:
    """Late answers say nothing of when a day was opened: Alice opened it with Bob (who never
    answered) before he left, and she and Carol answering it later does not make it Carol's."""
    alice, bob, carol, old = bob_left_and_carol_came(before_0009)
    Answer.objects.create(daily_id=old.pk, user=alice, text="alice's", answered_at=at(24, 21))
    Answer.objects.create(daily_id=old.pk, user=carol, text="carol's", answered_at=at(24, 22))

    upgrade()

    opened = DailyQuestion.objects.get(pk=old.pk)
    assert opened.opened_at <= at(24, 14, 30)
    assert services.view_for(carol, opened).before_joining
    assert not services.view_for(bob, opened).before_joining


def test_a_day_answered_after_a_join_stays_early_when_the_earlier_partner_is_deleted(
    before_0009: type,
) -> None:
    """A deleted partner's stay is gone with them; the space going solo still tells of them."""
    alice, carol = make_user("alice"), make_user("carol")
    space = Couple.objects.create(created_at=at(1, 9), solo_since=at(24, 15))
    stay(alice, space, at(1, 9))
    stay(carol, space, at(24, 20))
    old = before_0009.objects.create(couple_id=space.pk, day=NOV_25, question_id=a_question())
    Answer.objects.create(daily_id=old.pk, user=alice, text="alice's", answered_at=at(24, 21))
    Answer.objects.create(daily_id=old.pk, user=carol, text="carol's", answered_at=at(24, 22))

    upgrade()

    assert DailyQuestion.objects.get(pk=old.pk).opened_at <= at(24, 14, 30)
