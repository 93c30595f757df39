from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from nearer.web.accounts.models import User
from nearer.web.audit.models import Event
from nearer.web.couples import services as couples
from tests.web.conftest import PASSWORD
from tests.web.security.helpers import age_confirmation, browser, end_pauses, sign_in

WRONG = "not the right passphrase"


def signed_in(user: User) -> Client:
    client = browser()
    assert sign_in(client, user.email) == 302
    return client


def test_export_asks_for_the_password_and_downloads_with_the_right_one(alice: User) -> None:
    client = signed_in(alice)
    age_confirmation(client)
    assert client.get("/accounts/export/").status_code == 200  # the page, with its password field
    assert client.post("/accounts/export/", {"password": WRONG}).status_code == 400
    response = client.post("/accounts/export/", {"password": PASSWORD})
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert Event.objects.filter(user=alice, kind="export").count() == 1


def test_export_asks_for_the_password_every_time_even_inside_the_window(alice: User) -> None:
    client = signed_in(alice)  # just typed it
    response = client.post("/accounts/export/")
    assert response.status_code == 400
    assert b"Type your password to download your data." in response.content
    assert not Event.objects.filter(kind="export").exists()


def test_leaving_the_couple_after_the_window_asks_for_the_password_then_leaves(
    couple: tuple[User, User],
) -> None:
    alice, _ = couple
    client = signed_in(alice)
    age_confirmation(client)
    prompt = client.post("/couple/leave/", {"confirm": "yes"})
    assert prompt.status_code == 403
    assert couples.couple_of(alice) is not None
    html = prompt.content.decode()
    assert 'action="/couple/leave/"' in html and 'name="confirm" value="yes"' in html
    assert (
        client.post("/couple/leave/", {"confirm": "yes", "password": PASSWORD}).status_code == 302
    )
    assert couples.partner_of(alice) is None


def test_within_the_window_no_second_prompt(couple: tuple[User, User]) -> None:
    alice, _ = couple
    client = signed_in(alice)  # signing in is typing the password
    assert client.post("/couple/leave/", {"confirm": "yes"}).status_code == 302
    assert couples.partner_of(alice) is None


def test_joining_keeps_the_code_through_the_prompt(alice: User, carol: User) -> None:
    code = couples.invite(carol)
    client = signed_in(alice)
    age_confirmation(client)
    prompt = client.post("/couple/join/", {"code": code})
    assert prompt.status_code == 403 and f'value="{code}"' in prompt.content.decode()
    assert client.post("/couple/join/", {"code": code, "password": PASSWORD}).status_code == 302
    assert couples.partner_of(alice) == carol


def test_inviting_outside_the_window_asks_first(alice: User) -> None:
    couples.create_couple(alice)
    client = signed_in(alice)
    age_confirmation(client)
    assert client.post("/couple/invite/").status_code == 403
    assert client.post("/couple/invite/", {"password": PASSWORD}).status_code == 200


def test_the_prompt_for_htmx_replaces_the_whole_page(alice: User) -> None:
    client = signed_in(alice)
    age_confirmation(client)
    response = client.post("/couple/invite/", headers={"HX-Request": "true"})
    assert response.status_code == 403 and response["HX-Retarget"] == "body"


def test_guessing_through_the_prompt_is_throttled_like_the_login_form(alice: User) -> None:
    client = signed_in(alice)
    age_confirmation(client)
    statuses = [client.post("/accounts/export/", {"password": WRONG}).status_code for _ in range(5)]
    assert statuses == [400, 400, 400, 400, 429]
    assert client.post("/accounts/export/", {"password": PASSWORD}).status_code == 429
    end_pauses()
    assert client.post("/accounts/export/", {"password": PASSWORD}).status_code == 200


def test_guessing_through_the_deletion_form_is_throttled_too(alice: User) -> None:
    client = signed_in(alice)
    for _ in range(5):
        client.post("/accounts/delete/", {"password": WRONG, "confirm": "delete my account"})
    client.post("/accounts/delete/", {"password": PASSWORD, "confirm": "delete my account"})
    assert User.objects.filter(pk=alice.pk).exists()


def test_the_confirm_page_returns_to_the_page_that_asked(alice: User) -> None:
    client = signed_in(alice)
    age_confirmation(client)
    assert client.get("/accounts/confirm/?next=/couple/").status_code == 200
    response = client.post("/accounts/confirm/", {"password": PASSWORD, "next": "/couple/"})
    assert response.status_code == 302 and response["Location"] == "/couple/"
    assert client.post("/couple/invite/").status_code in {200, 400}  # no prompt now


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x"])
def test_the_confirm_page_never_sends_anyone_off_site(alice: User, target: str) -> None:
    client = signed_in(alice)
    response = client.post("/accounts/confirm/", {"password": PASSWORD, "next": target})
    assert response["Location"] == "/accounts/profile/"


def test_a_wrong_password_on_the_confirm_page_is_a_400(alice: User) -> None:
    client = signed_in(alice)
    response = client.post("/accounts/confirm/", {"password": WRONG, "next": "/couple/"})
    assert response.status_code == 400 and b"not right" in response.content


def test_an_api_token_by_session_needs_the_password_again(alice: User) -> None:
    client = signed_in(alice)
    age_confirmation(client)
    body = {"name": "laptop"}
    refused = client.post("/api/v1/tokens", body, content_type="application/json")
    assert refused.status_code == 403 and "/accounts/confirm/" in refused.json()["detail"]
    client.post("/accounts/confirm/", {"password": PASSWORD, "next": "/"})
    created = client.post("/api/v1/tokens", body, content_type="application/json")
    assert created.status_code == 201
    assert Event.objects.filter(
        user=alice, kind="token_created", ids={"token": created.json()["id"]}
    )


def test_leaving_by_the_api_by_session_needs_the_password_again(
    couple: tuple[User, User],
) -> None:
    alice, _ = couple
    client = signed_in(alice)
    age_confirmation(client)
    body = {"confirm": True}
    response = client.post("/api/v1/couple/leave", body, content_type="application/json")
    assert response.status_code == 403
    assert couples.partner_of(alice) is not None


def test_guessing_through_the_password_change_form_is_throttled(alice: User) -> None:
    client = signed_in(alice)
    new = "another long passphrase"
    guess = {"old_password": WRONG, "new_password1": new, "new_password2": new}
    statuses = [client.post("/accounts/password/", guess).status_code for _ in range(5)]
    assert statuses == [400, 400, 400, 400, 429]
    right = {**guess, "old_password": PASSWORD}
    paused = client.post("/accounts/password/", right)
    assert paused.status_code == 429 and b"Too many wrong passwords" in paused.content
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_a_right_old_password_with_a_refused_new_one_is_no_guess(alice: User) -> None:
    client = signed_in(alice)
    new = "another long passphrase"
    guess = {"old_password": WRONG, "new_password1": new, "new_password2": new}
    assert [client.post("/accounts/password/", guess).status_code for _ in range(4)] == [400] * 4
    mismatched = {**guess, "old_password": PASSWORD, "new_password2": "not the same at all"}
    statuses = [client.post("/accounts/password/", mismatched).status_code for _ in range(3)]
    assert statuses == [400] * 3  # each counted before its check, and given back
    assert client.post("/accounts/password/", guess).status_code == 429  # the 5th wrong one


def test_guesses_at_the_login_form_elsewhere_never_pause_the_owners_prompt(alice: User) -> None:
    client = signed_in(alice)
    age_confirmation(client)
    for _ in range(6):
        sign_in(browser("198.51.100.99"), alice.email, WRONG)
    response = client.post("/accounts/export/", {"password": PASSWORD})
    assert response.status_code == 200


def test_wrong_passwords_at_the_prompts_count_for_the_account_across_its_sessions(
    alice: User,
) -> None:
    """A borrowed session, or a new one, starts no fresh count: the guesses add up."""
    first, second = signed_in(alice), browser("198.51.100.20")
    assert sign_in(second, alice.email) == 302
    statuses = [first.post("/accounts/export/", {"password": WRONG}).status_code for _ in range(4)]
    statuses.append(second.post("/accounts/keys/unlock/", {"password": WRONG}).status_code)
    assert statuses == [400, 400, 400, 400, 429]
    assert first.post("/accounts/export/", {"password": PASSWORD}).status_code == 429
    assert sign_in(browser("198.51.100.21"), alice.email) == 302  # the login form is apart


def test_a_password_reset_by_email_lifts_the_prompts_pause(alice: User) -> None:
    client = signed_in(alice)
    for _ in range(5):
        client.post("/accounts/export/", {"password": WRONG})
    client.post("/accounts/password/reset/", {"email": alice.email})
    link = next(w for w in mail.outbox[0].body.split() if w.startswith("http://"))
    form = client.get(link, follow=True)
    new = "a brand new long passphrase"
    client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    again = browser("198.51.100.22")
    assert sign_in(again, alice.email, new) == 302
    age_confirmation(again)
    assert again.post("/accounts/export/", {"password": new}).status_code == 200


def test_an_empty_password_is_asked_for_again_and_never_counted_as_a_guess(alice: User) -> None:
    """Enter pressed on an empty field, six times over, at every prompt: each says to type the
    password, none counts toward the pause, and the right password still works after."""
    client = signed_in(alice)
    age_confirmation(client)
    prompts = [
        ("/accounts/confirm/", {"password": ""}),
        ("/accounts/confirm/", {}),
        ("/couple/invite/", {"password": ""}),
        ("/accounts/keys/unlock/", {"password": ""}),
        ("/accounts/delete/", {"password": "", "confirm": "delete my account"}),
        ("/accounts/keys/unlock/", {}),
    ]
    for path, fields in prompts:
        refused = client.post(path, fields)
        assert refused.status_code == 400, path
        assert b"Type your password" in refused.content and b"not right" not in refused.content
    assert not Event.objects.filter(user=alice, kind="login_failed").exists()
    assert client.post("/accounts/confirm/", {"password": PASSWORD}).status_code == 302
