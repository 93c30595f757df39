"""The daily question over JSON: the partner's answer appears only once both have answered."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from nearer.web.accounts.models import User
from nearer.web.couples.models import Membership
from nearer.web.daily.models import Answer, DailyQuestion
from tests.web.api.conftest import call, today
from tests.web.conftest import client_for, make_user

SECRET = "the lighthouse where my grandfather worked"


def everything_bob_can_read(bob: User) -> str:
    paths = ("/daily/today", f"/daily/{today()}", "/daily/history")
    return "".join(call(bob, "GET", path).content.decode() for path in paths)


def test_the_partners_answer_never_appears_before_both_have_answered(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    call(alice, "POST", f"/daily/{today()}/answer", {"text": SECRET})
    assert SECRET not in everything_bob_can_read(bob)
    seen = call(bob, "GET", "/daily/today").json()
    assert seen["partner_has_answered"] is True and seen["partner"] is None
    assert seen["revealed"] is False
    both = call(bob, "POST", f"/daily/{today()}/answer", {"text": "the sea"}).json()
    assert both["revealed"] is True and both["partner"]["text"] == SECRET
    assert call(alice, "GET", "/daily/today").json()["partner"]["text"] == "the sea"


def test_a_pass_reveals_nothing(couple: tuple[User, User]) -> None:
    alice, bob = couple
    call(alice, "POST", f"/daily/{today()}/answer", {"text": SECRET})
    passed = call(bob, "POST", f"/daily/{today()}/pass").json()
    assert passed["mine"]["passed"] is True and passed["partner"] is None
    assert SECRET not in everything_bob_can_read(bob)


def test_thanks_and_a_reply_reach_the_partner(couple: tuple[User, User]) -> None:
    alice, bob = couple
    for person, text in ((alice, "mine"), (bob, "yours")):
        call(person, "POST", f"/daily/{today()}/answer", {"text": text})
    sent = call(bob, "POST", f"/daily/{today()}/respond", {"thank": True, "reply": "Loved this."})
    assert sent.json()["partner"]["thanked_by_me"] is True
    mine = call(alice, "GET", "/daily/today").json()["mine"]
    assert mine["thanked_by_partner"] is True and mine["partner_reply"] == "Loved this."


def test_responding_before_the_reveal_is_refused_and_changes_nothing(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    call(alice, "POST", f"/daily/{today()}/answer", {"text": "mine"})
    response = call(bob, "POST", f"/daily/{today()}/respond", {"thank": True, "reply": "hi"})
    assert response.status_code == 400 and "once both" in response.json()["detail"]
    saved = Answer.objects.get(user=alice)
    assert saved.thanked_at is None and saved.reply == ""


def test_a_reply_longer_than_one_line_is_refused_naming_the_reply(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    for person in couple:
        call(person, "POST", f"/daily/{today()}/answer", {"text": "words"})
    response = call(bob, "POST", f"/daily/{today()}/respond", {"reply": "x" * 281})
    assert response.status_code == 422 and response.json()["field"] == "reply"
    assert Answer.objects.get(user=alice).reply == ""


def test_an_empty_answer_is_refused_naming_the_text_and_keeps_the_earlier_one(
    couple: tuple[User, User],
) -> None:
    alice, _ = couple
    call(alice, "POST", f"/daily/{today()}/answer", {"text": "first"})
    response = call(alice, "POST", f"/daily/{today()}/answer", {"text": "   "})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("text: Write an answer")
    assert Answer.objects.get(user=alice).text == "first"


def test_answers_are_locked_once_revealed(couple: tuple[User, User]) -> None:
    alice, bob = couple
    for person in couple:
        call(person, "POST", f"/daily/{today()}/answer", {"text": f"{person} words"})
    response = call(alice, "POST", f"/daily/{today()}/answer", {"text": "changed"})
    assert response.status_code == 400 and "kept as they were shared" in response.json()["detail"]
    assert call(bob, "POST", f"/daily/{today()}/pass").status_code == 400
    assert Answer.objects.get(user=alice).text == "Alice words"


def test_a_stranger_on_the_same_day_sees_only_her_own_couples_question(
    couple: tuple[User, User], carol: User
) -> None:
    for person in couple:
        call(person, "POST", f"/daily/{today()}/answer", {"text": SECRET})
    hers = call(carol, "GET", f"/daily/{today()}").json()
    assert (
        hers["mine"] is None and hers["partner"] is None and hers["partner_has_answered"] is False
    )
    response = call(carol, "POST", f"/daily/{today()}/respond", {"thank": True})
    assert response.status_code == 400
    assert Answer.objects.filter(thanked_at__isnull=False).count() == 0


def test_earlier_days_can_be_read_and_answered_but_not_future_ones(
    couple: tuple[User, User],
) -> None:
    alice, _ = couple
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert call(alice, "POST", f"/daily/{yesterday}/answer", {"text": "late"}).status_code == 200
    response = call(alice, "GET", f"/daily/{tomorrow}")
    assert response.status_code == 400 and response.json()["field"] == "day"
    bad = call(alice, "GET", "/daily/not-a-date")
    assert bad.status_code == 422 and bad.json()["field"] == "day"


def test_history_lists_earlier_days_newest_first(couple: tuple[User, User]) -> None:
    alice, _ = couple
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    call(alice, "GET", f"/daily/{yesterday}")
    call(alice, "GET", "/daily/today")
    days = [d["day"] for d in call(alice, "GET", "/daily/history").json()]
    assert days == [today(), yesterday]


def test_without_a_couple_space_there_is_no_question(db: None) -> None:
    dan = make_user("dan")
    response = call(dan, "GET", "/daily/today")
    assert response.status_code == 404 and "couple space" in response.json()["detail"]


def test_reading_a_day_before_the_couple_existed_adds_nothing_to_anyones_history(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    long_ago = "2003-05-05"
    assert call(alice, "GET", f"/daily/{long_ago}").status_code == 404
    assert client_for(alice).get(f"/daily/day/{long_ago}/").status_code == 404
    refused = call(bob, "POST", f"/daily/{long_ago}/answer", {"text": "x"})
    assert refused.status_code == 404
    assert not DailyQuestion.objects.filter(day=long_ago).exists()
    for person in couple:
        assert long_ago not in [d["day"] for d in call(person, "GET", "/daily/history").json()]


def test_a_day_before_the_present_partners_joined_is_not_made_by_reading_it(
    couple: tuple[User, User],
) -> None:
    _, bob = couple
    Membership.objects.filter(user__in=couple).update(joined_at=timezone.now() - timedelta(days=3))
    five_days_ago = (timezone.localdate() - timedelta(days=5)).isoformat()
    two_days_ago = (timezone.localdate() - timedelta(days=2)).isoformat()
    assert call(bob, "GET", f"/daily/{five_days_ago}").status_code == 404
    assert call(bob, "GET", f"/daily/{two_days_ago}").status_code == 200  # they were there
    assert [d.isoformat() for d in DailyQuestion.objects.values_list("day", flat=True)] == [
        two_days_ago
    ]


@pytest.mark.parametrize("invisible", ["\u200b", "\ufeff", "\u200e \u2060"])
def test_an_answer_of_invisible_marks_is_no_answer_and_opens_nothing(
    couple: tuple[User, User], invisible: str
) -> None:
    alice, bob = couple
    call(bob, "POST", f"/daily/{today()}/answer", {"text": "bob's private thought"})
    refused = call(alice, "POST", f"/daily/{today()}/answer", {"text": invisible})
    assert refused.status_code == 422 and refused.json()["field"] == "text"
    assert "bob's private thought" not in refused.content.decode()


def test_a_reply_is_one_line(couple: tuple[User, User]) -> None:
    alice, _ = couple
    for person in couple:
        call(person, "POST", f"/daily/{today()}/answer", {"text": "x"})
    refused = call(alice, "POST", f"/daily/{today()}/respond", {"reply": "one\ntwo"})
    assert refused.status_code == 422 and refused.json()["field"] == "reply"
    assert "one line" in refused.json()["detail"]
