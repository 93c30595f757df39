"""A page reads the person's own safety state once, however many questions or days it shows:
a deep week's plan and a history of deep days cost the same queries with two questions as with
seven, each set aside or not by the same rule (test_safety_midweek)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nearer.web.accounts.models import User
from nearer.web.daily.models import DailyQuestion
from nearer.web.plans import services as plans
from tests.web.api.conftest import call
from tests.web.conftest import client_for
from tests.web.test_safety_midweek import couple_space, deep  # noqa: F401 (a fixture)

#: A little over what the two pages cost now (9 and 21): when each question or day read the
#: safety state anew, seven deep questions cost the plan 46 queries, seven deep days the history 56.
PLAN_QUERIES = 12
HISTORY_QUERIES = 24


def queries(read: Callable[[], HttpResponse]) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = read()
    assert response.status_code == 200
    return len(captured.captured_queries)


def keep_questions(user: User, count: int) -> None:
    """This week's plan holds only its first `count` questions (all needing safety)."""
    week = plans.plan_for(couple_space(user), timezone.localdate())
    week.question_ids = week.question_ids[:count]
    week.save(update_fields=["question_ids"])


def open_days(user: User, count: int) -> None:
    """The `count` days up to today opened, each with a question that needs safety."""
    space, today = couple_space(user), timezone.localdate()
    question = plans.plan_for(space, today).question_ids[0]
    DailyQuestion.objects.filter(couple=space).delete()
    for back in range(count):
        day = today - timedelta(days=back)
        DailyQuestion.objects.create(couple=space, day=day, question_id=question)


def test_the_plan_costs_the_same_queries_for_two_deep_questions_as_for_seven(
    deep: tuple[User, User],  # noqa: F811
) -> None:
    alice, _ = deep
    client = client_for(alice)
    seven = queries(lambda: call(alice, "GET", "/plan", client=client))
    keep_questions(alice, 2)
    two = queries(lambda: call(alice, "GET", "/plan", client=client))
    assert seven == two <= PLAN_QUERIES


def test_the_history_costs_the_same_queries_for_two_deep_days_as_for_seven(
    deep: tuple[User, User],  # noqa: F811
) -> None:
    alice, _ = deep
    client = client_for(alice)
    open_days(alice, 7)
    seven = queries(lambda: client.get("/daily/history/"))
    open_days(alice, 2)
    two = queries(lambda: client.get("/daily/history/"))
    assert seven == two <= HISTORY_QUERIES


def test_the_api_history_costs_the_same_queries_for_two_deep_days_as_for_seven(
    deep: tuple[User, User],  # noqa: F811
) -> None:
    alice, _ = deep
    client: Client = client_for(alice)
    open_days(alice, 7)
    seven = queries(lambda: call(alice, "GET", "/daily/history", client=client))
    open_days(alice, 2)
    two = queries(lambda: call(alice, "GET", "/daily/history", client=client))
    assert seven == two
