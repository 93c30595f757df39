"""Deleting an account: explained first, confirmed twice, everything of the person's gone, the
partner left in solo mode with a neutral notice."""

from __future__ import annotations

from django.apps import apps
from django.db import models
from django.test import Client
from django.utils import timezone

from nearer.web.accounts.models import User
from nearer.web.api import tokens
from nearer.web.api.models import Token
from nearer.web.couples import services as couples
from nearer.web.couples.models import Couple
from nearer.web.couples.services import couple_of
from nearer.web.daily.models import Answer, CheckIn
from nearer.web.vault.models import UserKey
from tests.web.api.conftest import call
from tests.web.conftest import PASSWORD, client_for, make_couple, make_user
from tests.web.seeds import make_checkin

CONFIRM = {"password": PASSWORD, "confirm": "delete my account"}


def answer_today(user: User, text: str) -> None:
    day = timezone.localdate().isoformat()
    client_for(user).post(f"/daily/day/{day}/answer/", {"text": text, "action": "answer"})


def test_the_page_explains_what_happens_to_shared_items_before_asking(
    couple: tuple[User, User],
) -> None:
    alice, _ = couple
    page = client_for(alice).get("/accounts/delete/").content.decode()
    for words in ("already read", "solo mode", "appreciations and needs", "Your couple space"):
        assert words in page
    assert 'name="password"' in page and 'name="confirm"' in page


def test_deleting_needs_the_password_and_the_typed_words(alice: User) -> None:
    client = client_for(alice)
    wrong = client.post("/accounts/delete/", {"password": "nope", "confirm": "delete my account"})
    untyped = client.post("/accounts/delete/", {"password": PASSWORD, "confirm": "yes"})
    assert wrong.status_code == untyped.status_code == 400
    assert b"not right" in wrong.content and b"to confirm" in untyped.content
    assert b'value="delete my account"' in wrong.content  # the words typed are kept
    assert User.objects.filter(pk=alice.pk).exists()


def test_deleting_removes_every_row_of_mine_and_signs_me_out(couple: tuple[User, User]) -> None:
    alice, bob = couple
    answer_today(alice, "alice's words")
    answer_today(bob, "bob's words")
    make_checkin("default", alice, timezone.localdate(), note="alice's note")
    Token.objects.create(user=alice, name="phone", prefix="nrr_x", key_hash="1" * 64)
    client = client_for(alice)
    response = client.post("/accounts/delete/", CONFIRM)
    assert response.status_code == 302 and response["Location"].endswith("/accounts/login/")
    assert not User.objects.filter(pk=alice.pk).exists()
    assert not CheckIn.objects.filter(user_id=alice.pk).exists()
    assert [answer.text for answer in Answer.objects.all()] == ["bob's words"]
    assert not Token.objects.exists()
    assert client.get("/home/").status_code == 302  # signed out


def test_the_partner_keeps_the_space_in_solo_mode_with_a_neutral_notice(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    client_for(alice).post("/accounts/delete/", CONFIRM)
    space = couple_of(bob)
    assert space is not None and space.active_members().count() == 1
    home = client_for(bob).get("/home/").content.decode()
    assert "on your own in your couple space" in home and "delet" not in home.lower()
    client_for(bob).post("/couple/notice/seen/")
    assert "on your own" not in client_for(bob).get("/home/").content.decode()


def test_leaving_gives_the_partner_the_very_same_notice(couple: tuple[User, User]) -> None:
    alice, bob = couple
    client_for(alice).post("/couple/leave/", {"confirm": "yes"})
    assert "on your own in your couple space" in client_for(bob).get("/couple/").content.decode()
    assert "on your own" not in client_for(alice).get("/couple/").content.decode()


def test_a_space_no_one_else_is_in_is_deleted_with_me(alice: User) -> None:
    make_couple(alice)
    client_for(alice).post("/accounts/delete/", CONFIRM)
    assert not Couple.objects.exists()


def test_the_api_deletes_with_the_password_and_the_words(alice: User) -> None:
    client = client_for(alice)
    refused = client.delete(
        "/api/v1/me", {"password": "nope", "confirm": "delete my account"}, "application/json"
    )
    assert refused.status_code == 400 and refused.json()["field"] == "password"
    done = client.delete("/api/v1/me", CONFIRM, "application/json")
    assert done.status_code == 200 and not User.objects.filter(pk=alice.pk).exists()


def test_no_row_anywhere_points_at_a_deleted_account(couple: tuple[User, User]) -> None:
    """Every model with a link to the user (data keys of encryption at rest included, once
    installed) loses that row with the account."""
    alice, _ = couple
    answer_today(alice, "alice's words")
    make_checkin("default", alice, timezone.localdate(), note="alice's note")
    client_for(alice).post("/accounts/delete/", CONFIRM)
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.ForeignKey | models.OneToOneField) and (
                field.related_model is User
            ):
                left = model._default_manager.filter(**{field.name: alice.pk}).count()
                assert left == 0, f"{model.__name__}.{field.name}"


def test_deleting_destroys_my_data_key(alice: User) -> None:
    assert UserKey.objects.filter(user_id=alice.pk).exists()
    client_for(alice).post("/accounts/delete/", CONFIRM)
    assert not UserKey.objects.filter(user_id=alice.pk).exists()


def guess_from_elsewhere(user: User, times: int = 5) -> None:
    """Wrong passwords at the login form, from someone else's browser (the partner's, say)."""
    elsewhere = Client(REMOTE_ADDR="198.51.100.99")
    for n in range(times):
        elsewhere.post("/accounts/login/", {"username": user.email, "password": f"guess {n}!"})


def test_guesses_at_the_login_form_elsewhere_never_stop_me_deleting_my_account(
    alice: User,
) -> None:
    client = client_for(alice)
    guess_from_elsewhere(alice)
    response = client.post("/accounts/delete/", CONFIRM)
    assert response.status_code == 302, response.content.decode()[:300]
    assert not User.objects.filter(pk=alice.pk).exists()


def test_guesses_elsewhere_never_stop_the_api_deleting_my_account_by_session_or_token(
    alice: User, bob: User
) -> None:
    guess_from_elsewhere(alice)
    by_session = call(alice, "DELETE", "/me", CONFIRM)
    assert by_session.status_code == 200, by_session.content
    _, key = tokens.issue(bob, "bob's phone")
    guess_from_elsewhere(bob)
    by_token = call(None, "DELETE", "/me", CONFIRM, token=key)
    assert by_token.status_code == 200, by_token.content
    assert not User.objects.filter(pk__in=[alice.pk, bob.pk]).exists()


def test_the_right_password_while_paused_is_told_to_wait_never_that_it_is_wrong(
    alice: User,
) -> None:
    client = client_for(alice)
    wrong = {**CONFIRM, "password": "not the right passphrase"}
    statuses = [client.post("/accounts/delete/", wrong).status_code for _ in range(5)]
    assert statuses == [400, 400, 400, 400, 429]
    paused = client.post("/accounts/delete/", CONFIRM)
    page = paused.content.decode()
    assert paused.status_code == 429 and paused["Retry-After"]
    assert "Too many wrong passwords. Try again in 1 minute." in page and "not right" not in page
    by_api = call(alice, "DELETE", "/me", CONFIRM, client=client)
    assert by_api.status_code == 429 and by_api["Retry-After"]
    assert by_api.json() == {
        "detail": "password: Too many wrong passwords. Try again in 1 minute.",
        "field": "password",
    }
    assert User.objects.filter(pk=alice.pk).exists()


def test_my_thanks_and_reply_go_with_my_account_never_to_the_next_partner(
    couple: tuple[User, User], carol: User
) -> None:
    alice, bob = couple
    day = timezone.localdate().isoformat()
    answer_today(alice, "alice's words")
    answer_today(bob, "bob's words")
    call(bob, "POST", f"/daily/{day}/respond", {"thank": True, "reply": "BOB-REPLY"})
    client_for(bob).post("/accounts/delete/", CONFIRM)
    assert Answer.objects.get(user=alice).thanked_at is None
    assert Answer.objects.get(user=alice).reply == ""
    couples.join(carol, couples.invite(alice))
    answer_today(carol, "carol's words")
    for reader in (alice, carol):
        assert "BOB-REPLY" not in client_for(reader).get(f"/daily/day/{day}/").content.decode()
        assert "BOB-REPLY" not in str(call(reader, "GET", f"/daily/{day}").json())
    assert "thanked you" not in client_for(alice).get(f"/daily/day/{day}/").content.decode()


def partner_lines(user: User) -> list[tuple[str, str]]:
    lines = call(user, "GET", "/me/activity").json()["lines"]
    return [(line["kind"], line["label"]) for line in lines if "partner" in line["kind"]]


def test_the_partner_gets_the_same_activity_line_as_when_i_leave(
    couple: tuple[User, User], carol: User
) -> None:
    alice, bob = couple
    dave = make_user("dave")
    couples.join(dave, couples.invite(carol))
    couples.leave(bob)
    client_for(dave).post("/accounts/delete/", CONFIRM)
    assert partner_lines(alice) == partner_lines(carol)
    assert partner_lines(carol)[0] == ("partner_left", "Your partner left the couple space")
