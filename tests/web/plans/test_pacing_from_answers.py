"""What the planner reads of a person's last two weeks (plans.services.comfort): only answers at
the depth the questions were at count towards going deeper, two weeks of nothing at all is a
pause to come back from a step lighter, and a hard last week eases the plan a step."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from nearer.content.loader import default_content
from nearer.web.accounts.models import User
from nearer.web.couples.models import Couple, Membership
from nearer.web.couples.services import couple_of
from nearer.web.daily.models import Answer, CheckIn, DailyQuestion
from nearer.web.plans import services
from nearer.web.plans.services import COMFORT_DAYS
from tests.web.conftest import client_for, screen
from tests.web.seeds import make_checkin


def space(user: User) -> Couple:
    found = couple_of(user)
    assert found is not None
    return found


def together_for(people: tuple[User, User], days: int) -> None:
    """Both joined the couple space `days` ago: their check-ins of those days are its."""
    joined = timezone.now() - timedelta(days=days)
    Membership.objects.filter(user__in=people).update(joined_at=joined)


def answer_at(user: User, depth: int, days: range, today: date) -> None:
    ids = [q.id for q in default_content().questions if q.depth == depth]
    for n in days:
        daily, _ = DailyQuestion.objects.get_or_create(
            couple=space(user), day=today - timedelta(days=n), defaults={"question_id": ids[n]}
        )
        Answer.objects.create(daily=daily, user=user, text="", passed=False)


def test_only_answers_at_the_current_depth_count_towards_going_deeper(
    couple: tuple[User, User],
) -> None:
    alice, _ = couple
    together_for(couple, days=30)
    today = timezone.localdate()
    answer_at(alice, depth=1, days=range(1, 6), today=today)
    answer_at(alice, depth=2, days=range(6, 9), today=today)
    assert services.comfort(alice, space(alice), today, depth=2).answered == 3
    assert services.comfort(alice, space(alice), today, depth=1).answered == 5


def test_answers_from_before_the_present_time_together_do_not_pace_it(
    couple: tuple[User, User],
) -> None:
    """Alice's answers with an earlier partner (or alone in the space) neither ready the new
    pair to go deeper nor make her look present: she has answered nothing with Bob."""
    alice, _ = couple  # Bob joined today
    Membership.objects.filter(user=alice).update(joined_at=timezone.now() - timedelta(days=30))
    today = timezone.localdate()
    answer_at(alice, depth=1, days=range(1, 6), today=today)
    Answer.objects.update(answered_at=timezone.now() - timedelta(days=3))
    found = services.comfort(alice, space(alice), today, depth=1)
    assert (found.answered, found.passed, found.away) == (0, 0, True)


def test_two_weeks_without_an_answer_or_a_check_in_is_time_away(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    together_for(couple, days=30)
    today = timezone.localdate()
    make_checkin("default", bob, today - timedelta(days=3))
    answer_at(alice, depth=1, days=range(20, 22), today=today)  # long before the two weeks
    assert services.comfort(alice, space(alice), today, depth=1).away
    assert not services.comfort(bob, space(bob), today, depth=1).away


def felt_understood(user: User, scores: list[int], today: date) -> None:
    """`user`'s check-ins, one a day back from `today`, felt understood `scores` (1–5) each."""
    for n, score in enumerate(scores):
        checkin = make_checkin("default", user, today - timedelta(days=n))
        CheckIn.objects.filter(pk=checkin.pk).update(understood=score)


@pytest.mark.parametrize(
    ("bobs_fortnight", "depth"),
    [
        ([2] * 7 + [4, 4, 4, 4, 3, 3, 3], 2),  # a hard week, the fortnight's mean 44.6
        ([1] + [5] * 13, 3),  # one bad day in a good fortnight
    ],
    ids=["hard week", "one bad day"],
)
def test_a_hard_week_eases_the_plan_a_step_the_same_for_both(
    couple: tuple[User, User], bobs_fortnight: list[int], depth: int
) -> None:
    alice, bob = couple
    screen(alice)
    screen(bob)
    Couple.objects.filter(pk=space(alice).pk).update(question_depth=3)
    together_for(couple, days=COMFORT_DAYS)
    today = timezone.localdate()
    felt_understood(alice, [4] * 14, today)
    felt_understood(bob, bobs_fortnight, today)
    alices, bobs = (client_for(user).get("/api/v1/plan").json() for user in couple)
    assert alices["depth"] == depth
    assert alices == bobs  # one shared plan: nothing in it says whose week was hard


def test_check_ins_from_before_joining_do_not_pace_the_couple(couple: tuple[User, User]) -> None:
    """A hard week alone, or with an earlier partner, is not the new partnership's."""
    _, bob = couple  # he joined today
    today = timezone.localdate()
    felt_understood(bob, [5, 1, 1, 1, 1, 1, 1], today)
    found = services.comfort(bob, space(bob), today, depth=1)
    assert found.understood_last_week == (100.0,)
    assert found.felt_understood == 100.0


def test_the_partner_who_stayed_is_paced_from_the_new_partners_join(
    couple: tuple[User, User],
) -> None:
    """Alice's hard week was with the partner before Bob (or alone in the space): from the day
    Bob joined, the two of them start afresh."""
    alice, _ = couple  # Bob joined today
    Membership.objects.filter(user=alice).update(joined_at=timezone.now() - timedelta(days=30))
    today = timezone.localdate()
    felt_understood(alice, [5, 1, 1, 1, 1, 1, 1], today)
    found = services.comfort(alice, space(alice), today, depth=1)
    assert found.understood_last_week == (100.0,)


def test_someone_who_only_checked_in_before_joining_is_away(couple: tuple[User, User]) -> None:
    _, bob = couple
    today = timezone.localdate()
    for n in range(1, 4):
        make_checkin("default", bob, today - timedelta(days=n))
    assert services.comfort(bob, space(bob), today, depth=1).away


@pytest.mark.parametrize(
    ("zone", "joined", "first_day"),
    [
        ("Pacific/Kiritimati", datetime(2026, 1, 5, 12, tzinfo=UTC), date(2026, 1, 6)),
        ("America/Los_Angeles", datetime(2026, 1, 6, 2, tzinfo=UTC), date(2026, 1, 5)),
    ],
    ids=["east of UTC", "west of UTC"],
)
def test_the_day_of_joining_is_the_persons_own(
    couple: tuple[User, User], zone: str, joined: datetime, first_day: date
) -> None:
    """Check-ins are dated on the person's own clock, so is the first day of their stay."""
    alice, bob = couple
    User.objects.filter(pk=bob.pk).update(time_zone=zone)
    bob.refresh_from_db()
    Membership.objects.filter(user=bob).update(joined_at=joined)
    Membership.objects.filter(user=alice).update(joined_at=joined - timedelta(days=30))
    felt_understood(bob, [5, 1], first_day)  # the day of joining, and the day before it
    found = services.comfort(bob, space(bob), first_day + timedelta(days=2), depth=1)
    assert found.understood_last_week == (100.0,)
