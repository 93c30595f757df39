"""Leaving and joining on the same day: what each person may read of that day's answers.

A partner who leaves keeps the history shared up to leaving, and nothing written after; someone
who joins later never sees what was written for the earlier pairing (docs/security.md).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from nearer.web.accounts.deletion import delete_account
from nearer.web.accounts.export import export_data
from nearer.web.accounts.models import User
from nearer.web.couples import services as couples
from tests.web.api.conftest import call
from tests.web.conftest import client_for, make_couple, make_user

LATER = "written by alice after bob had left"


def answer(user: User, text: str) -> None:
    day = datetime.now(ZoneInfo(user.time_zone)).date().isoformat()  # the person's own today
    response = call(user, "POST", f"/daily/{day}/answer", {"text": text})
    assert response.status_code == 200, response.content


def refused(user: User, text: str) -> bool:
    """Whether an answer to the person's today is refused as a day before they joined."""
    day = datetime.now(ZoneInfo(user.time_zone)).date().isoformat()
    response = call(user, "POST", f"/daily/{day}/answer", {"text": text})
    return response.status_code == 400 and b"not in this couple space" in response.content


def exported_answers(user: User) -> list[dict[str, object]]:
    return export_data(user)["daily_questions"]  # type: ignore[return-value]


def answered_after_bob_left(couple: tuple[User, User]) -> tuple[User, User]:
    """Bob answers and leaves; then alice answers (LATER)."""
    alice, bob = couple
    answer(bob, "bob, before leaving")
    couples.leave(bob)
    answer(alice, LATER)
    return alice, bob


def test_a_partner_who_left_never_reads_an_answer_written_after_they_left(
    couple: tuple[User, User],
) -> None:
    alice, bob = answered_after_bob_left(couple)
    (day,) = exported_answers(bob)
    assert day["my_answer"] == "bob, before leaving" and day["partner_answer"] is None
    assert LATER not in str(export_data(bob))
    today = call(alice, "GET", "/daily/today").json()
    assert today["revealed"] is False and today["partner"] is None  # nor alice bob's


def test_a_partner_who_left_keeps_what_both_had_answered_before(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    answer(alice, "alice, together")
    answer(bob, "bob, together")
    couples.leave(bob)
    (day,) = exported_answers(bob)
    assert day["partner_answer"] == "alice, together"


def test_a_newcomer_the_same_day_sees_nothing_written_for_the_earlier_pairing(
    couple: tuple[User, User],
) -> None:
    alice, _ = answered_after_bob_left(couple)
    carol = make_user("carol")
    make_couple(carol)
    couples.join(carol, couples.invite(alice))
    seen = call(carol, "GET", "/daily/today").json()
    assert seen["partner_has_answered"] is False and seen["question"] is None
    assert refused(carol, "carol, new here")  # the day was opened before she came
    answer(alice, "alice, again")  # alice's answer was never shared, so she may change it
    seen = call(carol, "GET", "/daily/today").json()
    assert seen["before_joining"] and seen["partner"] is None and "alice" not in str(seen)


def test_an_answer_written_alone_reaches_the_first_partner_who_joins_that_day(
    alice: User, bob: User
) -> None:
    make_couple(alice)
    answer(alice, "alice, still alone")
    couples.join(bob, couples.invite(alice))
    answer(bob, "bob, just arrived")
    assert call(bob, "GET", "/daily/today").json()["partner"]["text"] == "alice, still alone"


def test_a_partner_who_leaves_and_comes_back_does_not_get_what_was_answered_while_away(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    answer(alice, "alice, before leaving")
    couples.leave(alice)
    answer(bob, LATER)
    couples.join(alice, couples.invite(bob))
    assert LATER not in str(call(alice, "GET", "/daily/today").json())
    assert "alice, before leaving" not in str(call(bob, "GET", "/daily/today").json())


def test_an_earlier_partners_answer_is_shown_under_their_own_name(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    answer(alice, "ALICE-WORDS")
    answer(bob, "bob words")
    couples.leave(alice)
    dave = make_user("dave")
    make_couple(dave)
    couples.join(dave, couples.invite(bob))
    page = client_for(bob).get("/daily/today/").content.decode()
    assert f"<strong>{alice}</strong><br>ALICE-WORDS" in page
    assert f"<strong>{dave}</strong><br>ALICE-WORDS" not in page


def test_after_a_partner_left_the_one_who_stayed_can_no_longer_thank_or_reply(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    answer(alice, "alice, together")
    answer(bob, "bob, together")
    day = datetime.now(ZoneInfo(alice.time_zone)).date().isoformat()
    assert call(alice, "GET", f"/daily/{day}").json()["can_respond"] is True
    couples.leave(bob)
    assert call(alice, "GET", f"/daily/{day}").json()["can_respond"] is False
    by_api = call(alice, "POST", f"/daily/{day}/respond", {"thank": True, "reply": LATER})
    assert by_api.status_code == 400
    assert "no longer in this couple space" in by_api.json()["detail"]
    page = client_for(alice).get(f"/daily/day/{day}/").content.decode()
    assert "bob, together" in page and 'name="reply"' not in page  # still read, not answered
    by_form = client_for(alice).post(f"/daily/day/{day}/respond/", {"thank": "yes", "reply": LATER})
    assert (
        by_form.status_code == 400 and "no longer in this couple space" in by_form.content.decode()
    )
    (exported,) = exported_answers(bob)
    assert exported["partner_thanked_me"] is False and exported["partner_reply"] is None
    assert LATER not in str(export_data(bob))


@pytest.mark.parametrize("going", ["leaves", "deletes their account"])
def test_an_answer_written_with_a_partner_who_went_never_reaches_the_next_one(
    couple: tuple[User, User], going: str
) -> None:
    alice, bob = couple
    answer(alice, "ALICE-FOR-BOB")
    answer(bob, "bob, together")
    if going == "leaves":
        couples.leave(bob)
    else:
        delete_account(bob)
    carol = make_user("carol")
    couples.join(carol, couples.invite(alice))
    assert refused(carol, "carol, new here")  # the day was opened with bob
    seen = call(carol, "GET", "/daily/today").json()
    assert seen["revealed"] is False and seen["partner_has_answered"] is False
    assert "ALICE-FOR-BOB" not in client_for(carol).get("/daily/today/").content.decode()


def test_an_answer_written_alone_reaches_the_first_partner_after_a_code_made_again(
    alice: User, bob: User
) -> None:
    make_couple(alice)
    answer(alice, "alice, still alone")
    couples.invite(alice)  # lost, and a new one made: the first is voided, not used
    couples.join(bob, couples.invite(alice))
    answer(bob, "bob, just arrived")
    assert call(bob, "GET", "/daily/today").json()["partner"]["text"] == "alice, still alone"
