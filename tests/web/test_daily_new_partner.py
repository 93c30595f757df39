"""A partner who joins after an earlier one left reads nothing of the days opened before they
came: not the questions (deep ones would tell them both earlier partners were clear), not the
answers, on the pages and in the API alike. The one who stayed keeps those days as they were."""

from __future__ import annotations

import html
from datetime import date, timedelta

import pytest
from django.utils import timezone

from nearer.content.loader import default_content
from nearer.web.accounts.export import export_data
from nearer.web.accounts.models import User
from nearer.web.couples import services as couples
from nearer.web.couples.models import Couple, Membership
from nearer.web.daily import services
from nearer.web.daily.models import Answer, DailyQuestion
from tests.web.api.conftest import call
from tests.web.conftest import client_for, make_couple, make_user

QUESTIONS = {q.id: q.text for q in default_content().questions}


def opened_with_bob(alice: User, bob: User) -> list[DailyQuestion]:
    """Alice and Bob together for ten days; the last three days and today opened and answered."""
    make_couple(alice, bob)
    Membership.objects.filter(user__in=[alice, bob]).update(
        joined_at=timezone.now() - timedelta(days=10)
    )
    space = couples.couple_of(alice)
    assert space is not None
    opened = []
    for back in (3, 2, 1, 0):
        day = services.question_for(space, timezone.localdate() - timedelta(days=back))
        for person in (alice, bob):
            services.answer(person, day, f"{person} on day {back}", passed=False)
        opened.append(day)
    return opened


@pytest.fixture
def after_bob(alice: User, bob: User) -> tuple[list[DailyQuestion], User]:
    """Bob leaves; Dan, new to nearer, joins Alice's space the same day."""
    opened = opened_with_bob(alice, bob)
    couples.leave(bob)
    dan = make_user("dan")
    couples.join(dan, couples.invite(alice))
    return opened, dan


def text(user: User, path: str) -> str:
    return html.unescape(client_for(user).get(path).content.decode())


def test_the_new_partner_reads_no_question_or_answer_of_the_days_opened_before(
    after_bob: tuple[list[DailyQuestion], User],
) -> None:
    opened, dan = after_bob
    pages = text(dan, "/daily/history/") + text(dan, "/daily/today/")
    pages += "".join(text(dan, f"/daily/day/{d.day.isoformat()}/") for d in opened)
    assert not [d.day for d in opened if QUESTIONS[d.question_id] in pages]
    assert "on day" not in pages
    assert call(dan, "GET", "/daily/history").json() == []
    for day in opened:
        seen = call(dan, "GET", f"/daily/{day.day.isoformat()}").json()
        assert seen["question"] is None and seen["mine"] is None and seen["before_joining"]


def test_the_new_partner_cannot_answer_a_day_opened_before_they_came(
    after_bob: tuple[list[DailyQuestion], User],
) -> None:
    opened, dan = after_bob
    for day in opened:
        refused = call(dan, "POST", f"/daily/{day.day.isoformat()}/answer", {"text": "mine"})
        assert refused.status_code == 400
    assert not DailyQuestion.objects.filter(answers__user=dan).exists()


def test_the_one_who_stayed_keeps_the_days_opened_with_the_earlier_partner(
    after_bob: tuple[list[DailyQuestion], User], alice: User
) -> None:
    opened, _ = after_bob
    listed = {date.fromisoformat(d["day"]): d for d in call(alice, "GET", "/daily/history").json()}
    for back, day in zip((3, 2, 1, 0), opened, strict=True):
        assert listed[day.day]["question"]["id"] == day.question_id
        assert listed[day.day]["mine"]["text"] == f"{alice} on day {back}"
    assert QUESTIONS[opened[0].question_id] in text(alice, "/daily/history/")


def test_the_new_partners_first_question_is_the_next_day_opened_after_they_came(
    after_bob: tuple[list[DailyQuestion], User], alice: User
) -> None:
    opened, dan = after_bob
    space = Couple.objects.get(pk=opened[0].couple_id)
    tomorrow = services.question_for(space, timezone.localdate() + timedelta(days=1))
    seen = services.view_for(dan, tomorrow)
    assert seen.question is not None and not seen.before_joining
    services.answer(dan, tomorrow, "dan's first", passed=False)
    services.answer(alice, tomorrow, "alice to dan", passed=False)
    assert services.view_for(dan, tomorrow).revealed


def answered_before_the_upgrade(dan: User, daily: DailyQuestion) -> dict[str, object]:
    """Dan's answer to a day opened before he came, as nearer took it before daily 0009; the day
    in his export."""
    Answer.objects.create(daily=daily, user=dan, text="dan before the upgrade")
    exported = export_data(dan)["daily_questions"]
    assert isinstance(exported, list)
    [day] = [d for d in exported if d["day"] == daily.day.isoformat()]
    assert day["my_answer"] == "dan before the upgrade"
    assert day["partner_answer"] is None and day["partner_reply"] is None
    return dict(day)


def test_a_day_opened_before_they_came_that_they_answered_keeps_its_question_in_their_export(
    after_bob: tuple[list[DailyQuestion], User],
) -> None:
    opened, dan = after_bob
    day = answered_before_the_upgrade(dan, opened[-1])
    assert day["question"] == QUESTIONS[opened[-1].question_id]  # their own answer's question


def test_that_question_is_only_its_id_when_it_is_set_aside_for_them(
    after_bob: tuple[list[DailyQuestion], User],
) -> None:
    opened, dan = after_bob
    deep = next(q for q in default_content().questions if q.needs_safety)
    DailyQuestion.objects.filter(pk=opened[-1].pk).update(question_id=deep.id)
    opened[-1].refresh_from_db()
    assert answered_before_the_upgrade(dan, opened[-1])["question"] == deep.id  # not screened
