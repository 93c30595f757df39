"""The couple space over JSON: create, invite, join with a code, leave with confirmation."""

from __future__ import annotations

import pytest

from nearer.web.accounts.models import User
from nearer.web.couples import services as couples
from nearer.web.couples.services import couple_of, partner_of
from tests.web.api.conftest import call
from tests.web.conftest import make_user


def test_a_couple_shows_the_partners_display_name_and_nothing_more(
    couple: tuple[User, User],
) -> None:
    alice, _ = couple
    state = call(alice, "GET", "/couple").json()
    assert state["status"] == "paired" and state["partner"] == {"display_name": "Bob"}
    assert "bob@example.org" not in call(alice, "GET", "/couple").content.decode()


def test_create_invite_and_join_pair_two_people(db: None) -> None:
    dana, eli = make_user("dana"), make_user("eli")
    assert call(dana, "GET", "/couple").json()["status"] == "none"
    created = call(dana, "POST", "/couple")
    assert created.status_code == 201 and created.json()["status"] == "solo"
    invitation = call(dana, "POST", "/couple/invitations").json()
    assert invitation["link"].endswith(f"/couple/join/{invitation['code']}/")
    joined = call(eli, "POST", "/couple/join", {"code": invitation["code"].lower()})
    assert joined.status_code == 200 and joined.json()["partner"] == {"display_name": "Dana"}
    assert partner_of(dana) == eli


def test_a_code_works_once(db: None) -> None:
    dana, eli, finn = make_user("dana"), make_user("eli"), make_user("finn")
    call(dana, "POST", "/couple")
    code = call(dana, "POST", "/couple/invitations").json()["code"]
    call(eli, "POST", "/couple/join", {"code": code})
    response = call(finn, "POST", "/couple/join", {"code": code})
    assert response.status_code == 400 and "not valid" in response.json()["detail"]
    assert couple_of(finn) is None


def test_an_empty_code_is_refused_naming_it(db: None) -> None:
    dana = make_user("dana")
    response = call(dana, "POST", "/couple/join", {"code": "  "})
    assert response.status_code == 422 and response.json()["field"] == "code"
    missing = call(dana, "POST", "/couple/join", {})
    assert missing.status_code == 422 and missing.json()["field"] == "code"


def test_leaving_needs_confirmation(couple: tuple[User, User]) -> None:
    alice, bob = couple
    for body in ({}, {"confirm": False}):
        response = call(alice, "POST", "/couple/leave", body)
        assert response.status_code == 400 and response.json()["field"] == "confirm"
    assert partner_of(bob) == alice
    left = call(alice, "POST", "/couple/leave", {"confirm": True})
    assert left.json()["status"] == "none"
    state = call(bob, "GET", "/couple").json()
    assert state["status"] == "solo" and state["partner"] is None


def test_one_couple_space_a_person(couple: tuple[User, User]) -> None:
    alice, _ = couple
    response = call(alice, "POST", "/couple")
    assert response.status_code == 400 and "already" in response.json()["detail"]


@pytest.mark.parametrize("code", ["WRON-GCOD-EXXX", "own"])
def test_a_code_refused_names_the_code_field(alice: User, code: str) -> None:
    couples.create_couple(alice)
    dave = make_user("dave")
    couples.create_couple(dave)
    given = couples.invite(dave) if code == "own" else code
    refused = call(dave, "POST", "/couple/join", {"code": given})
    assert refused.status_code == 400 and refused.json()["field"] == "code"
