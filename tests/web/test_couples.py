from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from nearer.web.accounts.models import User
from nearer.web.couples import services
from nearer.web.couples.models import Invitation
from tests.web.conftest import client_for, make_user
from tests.web.test_accounts import error_tied_to


def test_signing_up_opens_a_solo_couple_space(db: None) -> None:
    response = client_for(None).post(
        "/accounts/signup/",
        {
            "email": "dana@example.org",
            "display_name": "Dana",
            "time_zone": "Europe/Paris",
            "password1": "a long enough test passphrase",
            "password2": "a long enough test passphrase",
        },
    )
    assert response.status_code == 302
    dana = User.objects.get(email="dana@example.org")
    assert services.couple_of(dana) is not None and services.partner_of(dana) is None


def test_a_partner_joins_with_a_one_time_code(alice: User, bob: User) -> None:
    services.create_couple(alice)
    code = services.invite(alice)
    response = client_for(bob).post("/couple/join/", {"code": code.lower()})
    assert response.status_code == 302
    assert services.partner_of(alice) == bob and services.partner_of(bob) == alice
    with pytest.raises(services.CoupleError):
        services.join(make_user("eve"), code)


def test_an_invitation_expires_after_72_hours(alice: User, bob: User) -> None:
    services.create_couple(alice)
    code = services.invite(alice)
    Invitation.objects.update(created_at=timezone.now() - timedelta(hours=73))
    response = client_for(bob).post("/couple/join/", {"code": code})
    assert response.status_code == 400
    assert b"expired" in response.content
    assert services.couple_of(bob) is None


def test_a_new_code_cancels_the_old_one(alice: User, bob: User) -> None:
    services.create_couple(alice)
    old = services.invite(alice)
    services.invite(alice)
    with pytest.raises(services.CoupleError):
        services.join(bob, old)


def test_a_person_is_in_one_couple_space_at_a_time(couple: tuple[User, User], carol: User) -> None:
    alice, _ = couple
    with pytest.raises(services.CoupleError):
        services.join(alice, services.invite(carol))
    with pytest.raises(services.CoupleError):
        services.create_couple(alice)


def test_a_couple_space_holds_two(couple: tuple[User, User]) -> None:
    alice, _ = couple
    with pytest.raises(services.CoupleError, match="already has two"):
        services.invite(alice)


def test_leaving_needs_confirmation_and_ends_the_pairing(couple: tuple[User, User]) -> None:
    alice, bob = couple
    client_for(alice).post("/couple/leave/", {})
    assert services.partner_of(bob) == alice
    client_for(alice).post("/couple/leave/", {"confirm": "yes"})
    assert services.couple_of(alice) is None and services.partner_of(bob) is None


def test_the_partner_is_read_in_one_query_and_only_while_both_are_in_the_space(
    couple: tuple[User, User], django_assert_num_queries: Any
) -> None:
    alice, bob = couple
    with django_assert_num_queries(1):  # pages ask for it several times
        assert services.partner_of(alice) == bob
    services.leave(alice)
    services.create_couple(alice)
    with django_assert_num_queries(1):
        assert services.partner_of(alice) is None
    assert services.partner_of(bob) is None


def test_a_bad_code_is_a_clear_400(alice: User) -> None:
    response = client_for(alice).post("/couple/join/", {"code": "NOPE"})
    assert response.status_code == 400
    assert b"not valid" in response.content


def test_someone_who_signed_up_alone_can_join_directly(db: None) -> None:
    alice, bob = make_user("ann"), make_user("ben")
    services.create_couple(alice)
    services.create_couple(bob)  # what signing up does
    services.join(bob, services.invite(alice))
    assert services.partner_of(bob) == alice


def test_ones_own_code_cannot_be_used(alice: User) -> None:
    services.create_couple(alice)
    with pytest.raises(services.CoupleError, match="own invitation"):
        services.join(alice, services.invite(alice))


def test_a_wrong_code_is_tied_to_the_code_field(alice: User) -> None:
    page = client_for(alice).post("/couple/join/", {"code": "NOPE"}).content.decode()
    assert "not valid" in error_tied_to(page, "code")
    assert 'aria-describedby="code-help code-error"' in page  # the hint is still read out


def test_leaving_without_the_tick_is_told_at_the_box(couple: tuple[User, User]) -> None:
    alice, _ = couple
    response = client_for(alice).post("/couple/leave/", {})
    assert response.status_code == 400
    page = response.content.decode()
    message = "Tick the box to confirm that you want to leave."
    assert error_tied_to(page, "leave-confirm") == message
    assert page.count(message) == 1  # not as a message at the top of the page as well


def test_leaving_with_no_couple_space_says_so(alice: User) -> None:
    response = client_for(alice).post("/couple/leave/", {"confirm": "yes"})
    assert response.status_code == 400
    assert "You are not in a couple space." in response.content.decode()
    assert client_for(alice).post("/couple/leave/").status_code == 400


def test_joining_warns_first_when_answers_given_alone_stay_behind(alice: User, bob: User) -> None:
    services.create_couple(bob)
    client = client_for(bob)
    assert "daily answers you gave there alone" not in client.get("/couple/join/").content.decode()
    client.post(f"/daily/day/{timezone.localdate()}/answer/", {"text": "alone", "action": "answer"})
    assert "daily answers you gave there alone" in client.get("/couple/join/").content.decode()
