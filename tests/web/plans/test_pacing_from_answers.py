"""What the planner reads of a person's last two weeks (plans.services.comfort): only answers at
the depth the questions were at count towards going deeper, and two weeks of nothing at all is
a pause to come back from a step lighter."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from nearer.content.loader import default_content
from nearer.web.accounts.models import User
from nearer.web.couples.models import Couple
from nearer.web.couples.services import couple_of
from nearer.web.daily.models import Answer, DailyQuestion
from nearer.web.plans import services
from tests.web.seeds import make_checkin


def space(user: User) -> Couple:
    found = couple_of(user)
    assert found is not None
    return found


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
    today = timezone.localdate()
    answer_at(alice, depth=1, days=range(1, 6), today=today)
    answer_at(alice, depth=2, days=range(6, 9), today=today)
    assert services.comfort(alice, space(alice), today, depth=2).answered == 3
    assert services.comfort(alice, space(alice), today, depth=1).answered == 5


def test_two_weeks_without_an_answer_or_a_check_in_is_time_away(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    today = timezone.localdate()
    make_checkin("default", bob, today - timedelta(days=3))
    answer_at(alice, depth=1, days=range(20, 22), today=today)  # long before the two weeks
    assert services.comfort(alice, space(alice), today, depth=1).away
    assert not services.comfort(bob, space(bob), today, depth=1).away
