"""API tokens end with the rest of someone's access: a password change, a reset by email and
"sign out everywhere else" revoke them all, and the sessions page lists them with a button each."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from nearer.web.accounts.models import User
from nearer.web.api import tokens as api_tokens
from nearer.web.api.models import Token
from nearer.web.audit.models import Event
from nearer.web.security import tokens
from nearer.web.vault.models import TokenWrap
from tests.web.api.conftest import call
from tests.web.conftest import PASSWORD, client_for
from tests.web.security.helpers import IPHONE, browser, sign_in

NEW_PASSWORD = "a completely different passphrase"


def works(key: str) -> bool:
    status = call(None, "GET", "/me", token=key).status_code
    assert status in (200, 401), status
    return status == 200


def revoked_ids(user: User) -> set[int]:
    return {e.ids["token"] for e in Event.objects.filter(user=user, kind="token_revoked")}


def test_changing_the_password_revokes_a_token_made_on_another_device(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    own, intruders = browser(), browser(agent=IPHONE)
    sign_in(own, alice.email)
    sign_in(intruders, alice.email)  # someone who knows alice's password, on their own phone
    key = call(None, "POST", "/tokens", {"name": "x"}, client=intruders).json()["key"]
    _, bobs_key = api_tokens.issue(bob, "bob's laptop")
    assert works(key) and TokenWrap.objects.filter(token__user=alice).exists()
    response = own.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert not works(key)
    assert call(None, "GET", "/checkins", token=key).status_code == 401
    assert not TokenWrap.objects.filter(token__user=alice).exists()
    assert works(bobs_key)  # the partner's own tokens are theirs
    assert len(revoked_ids(alice)) == 1 and not revoked_ids(bob)


def test_a_password_reset_by_email_revokes_every_token(alice: User) -> None:
    keys = [api_tokens.issue(alice, name)[1] for name in ("phone", "script")]
    client = browser()
    client.post("/accounts/password/reset/", {"email": alice.email})
    link = re.search(r"http://\S+", mail.outbox[0].body).group(0)  # type: ignore[union-attr]
    form_page = client.get(link, follow=True)
    new = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    assert client.post(form_page.redirect_chain[-1][0], new).status_code == 302
    assert not any(works(key) for key in keys)
    for path in ("/assessments/safety", "/me/export"):
        assert call(None, "GET", path, token=keys[0]).status_code == 401, path
    assert not Token.objects.exists() and len(revoked_ids(alice)) == 2


@pytest.mark.parametrize("htmx", [False, True])
def test_signing_out_everywhere_else_revokes_every_token(alice: User, htmx: bool) -> None:
    here = browser()
    sign_in(here, alice.email)
    token, key = api_tokens.issue(alice, "phone")
    headers = {"HX-Request": "true"} if htmx else {}
    response = here.post("/accounts/sessions/end-others/", headers=headers)
    assert response.status_code == (200 if htmx else 302)
    assert not works(key) and not TokenWrap.objects.exists()
    assert revoked_ids(alice) == {token.pk}
    page = here.get("/accounts/sessions/")
    assert page.status_code == 200  # this session goes on
    said = "Signed out 0 other sessions and revoked 1 API token."
    # Under htmx in the list it swaps in, never left for a later page; else on the page after.
    assert (said in response.content.decode()) is htmx
    assert (said in page.content.decode()) is not htmx


def test_the_sessions_page_lists_each_token_but_never_its_key(couple: tuple[User, User]) -> None:
    alice, bob = couple
    token, key = api_tokens.issue(alice, "my laptop script")
    api_tokens.issue(bob, "bob's own phone")
    html = client_for(alice).get("/accounts/sessions/").content.decode()
    assert "my laptop script" in html and f"{token.prefix}…" in html
    assert key not in html and key[len(token.prefix) :] not in html
    assert token.key_hash not in html
    assert "bob&#x27;s own phone" not in html and "bob's own phone" not in html
    assert "revokes every API token" in html  # beside "Sign out everywhere else"


@pytest.mark.parametrize("htmx", [False, True])
def test_revoking_a_token_on_the_sessions_page_ends_it(alice: User, htmx: bool) -> None:
    token, key = api_tokens.issue(alice, "phone")
    _, other_key = api_tokens.issue(alice, "script")
    headers = {"HX-Request": "true"} if htmx else {}
    response = client_for(alice).post(
        f"/accounts/sessions/tokens/{token.pk}/revoke/", headers=headers
    )
    assert response.status_code == (200 if htmx else 302)
    if htmx:
        assert b"<html" not in response.content and b'id="sessions"' in response.content
        assert b"script" in response.content and b">phone<" not in response.content
    assert not works(key) and works(other_key)
    assert not TokenWrap.objects.filter(token=token.pk).exists()
    assert revoked_ids(alice) == {token.pk}


def test_one_cannot_revoke_someone_elses_token(couple: tuple[User, User], carol: User) -> None:
    alice, _ = couple
    token, key = api_tokens.issue(alice, "phone")
    for other in couple[1], carol:
        path = f"/accounts/sessions/tokens/{token.pk}/revoke/"
        assert client_for(other).post(path).status_code == 404
    assert client_for(alice).get(f"/accounts/sessions/tokens/{token.pk}/revoke/").status_code == 405
    assert works(key) and not Event.objects.filter(kind="token_revoked").exists()


def test_revoking_all_leaves_other_peoples_tokens_and_logs_each(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    mine = [api_tokens.issue(alice, name)[0].pk for name in ("one", "two")]
    _, bobs_key = api_tokens.issue(bob, "bob's")
    assert sorted(tokens.revoke_all(alice)) == sorted(mine)
    assert revoked_ids(alice) == set(mine) and works(bobs_key)
    assert tokens.revoke_all(alice) == []


def test_under_htmx_revoking_a_token_says_so_in_the_list_and_nowhere_later(alice: User) -> None:
    token, _ = api_tokens.issue(alice, "phone")
    client = client_for(alice)
    path = f"/accounts/sessions/tokens/{token.pk}/revoke/"
    fragment = client.post(path, headers={"HX-Request": "true"}).content.decode()
    assert 'id="sessions-said"' in fragment and "Token revoked." in fragment
    assert "Token revoked." not in client.get("/home/").content.decode()


@pytest.mark.parametrize("htmx", [False, True])
def test_revoking_a_token_already_revoked_in_another_tab_shows_the_list_saying_so(
    alice: User, htmx: bool
) -> None:
    token, _ = api_tokens.issue(alice, "phone")
    api_tokens.issue(alice, "script")
    client = client_for(alice)
    path = f"/accounts/sessions/tokens/{token.pk}/revoke/"
    client.post(path)  # the first tab
    again = client.post(path, headers={"HX-Request": "true"} if htmx else {})
    page = again.content.decode()
    assert again.status_code == 404  # a revoked token's id is no one's, as someone else's is
    assert "That token had already been revoked." in page and ">script<" in page
    assert ("<html" in page) is not htmx
    assert revoked_ids(alice) == {token.pk}
