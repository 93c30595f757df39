"""A couple's data written straight into any database alias, for backup and migration tests.

The services write to the default database only; these small builders take the alias, so a
scratch database can be filled the same way as the test database.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from nearer.web.accounts.models import User
from nearer.web.api.models import Token
from nearer.web.assessments.models import Run
from nearer.web.couples.models import Couple, Invitation, Membership
from nearer.web.daily.models import Answer, CheckIn, DailyQuestion
from nearer.web.plans.models import PracticeLog, WeekPlan
from tests.web.conftest import PASSWORD

#: alice's private check-in note, written before a backup: the row a restore must bring back.
CANARY = "canary: a private note of Alice, hers alone, written before the backup"
ALICE = "alice@example.org"
#: A well-formed check-in as the browser form posts it.
CHECKIN_FORM = {
    "pleasantness": 4,
    "energy": 3,
    "closeness": 5,
    "shared_feelings": 3,
    "understood": 4,
    "validated": 4,
    "cared_for": 5,
    "stress": 2,
    "emotion_words": ["calm", "grateful"],
    "appreciation": "You made tea.",
    "appreciation_shared": "on",
    "need": "",
    "note": "private words",
}


def yesterday() -> date:
    return timezone.localdate() - timedelta(days=1)


def make_checkin(
    using: str,
    user: User,
    day: date,
    note: str = "",
    appreciation: str = "You made tea.",
    need: str = "",
) -> CheckIn:
    return CheckIn.objects.using(using).create(
        user=user,
        day=day,
        pleasantness=4,
        energy=3,
        closeness=5,
        shared_feelings=3,
        understood=4,
        validated=4,
        cared_for=5,
        stress=2,
        appreciation=appreciation,
        need=need,
        note=note,
    )


def make_pair(using: str) -> tuple[User, User]:
    """alice and bob in a couple, with a day's answers, check-ins, a plan, a run and a token."""
    users = User.objects.db_manager(using)
    alice = users.create_user(ALICE, PASSWORD, display_name="Alice")
    bob = users.create_user("bob@example.org", PASSWORD, display_name="Bob")
    couple = Couple.objects.using(using).create()
    for person in (alice, bob):
        Membership.objects.using(using).create(user=person, couple=couple)
    Invitation.objects.using(using).create(couple=couple, created_by=alice, code_hash="0" * 64)
    day = yesterday()
    daily = DailyQuestion.objects.using(using).create(couple=couple, day=day, question_id="q1")
    Answer.objects.using(using).create(daily=daily, user=alice, text="A walk by the river.")
    Answer.objects.using(using).create(daily=daily, user=bob, text="Your laugh at breakfast.")
    make_checkin(using, alice, day, note=CANARY)
    make_checkin(using, bob, day, note="bob's own note")
    WeekPlan.objects.using(using).create(
        couple=couple, week_start=day - timedelta(days=day.weekday()), depth=1
    )
    PracticeLog.objects.using(using).create(user=bob, practice_id="walk", day=day)
    Run.objects.using(using).create(user=alice, instrument="profile", answers={"p1": 3})
    Token.objects.using(using).create(
        user=alice, name="phone", prefix="nrr_abc", key_hash=Token.hash("secret")
    )
    return alice, bob
