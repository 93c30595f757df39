"""Personal tokens: a key shown once and stored only as a hash; one's own to list and revoke;
made only behind the password, whose wrong guesses count for the account however they come."""

from __future__ import annotations

import hashlib

from django.db import connection
from django.test import Client

from nearer.web.accounts.models import User
from nearer.web.api import tokens
from nearer.web.api.models import Token
from nearer.web.audit.models import Event
from nearer.web.vault import keyring
from tests.web.api.conftest import CHECKIN, call, today
from tests.web.conftest import PASSWORD, client_for
from tests.web.security.helpers import age_confirmation

WRONG = "not the right passphrase"
DELETE = {"password": WRONG, "confirm": "delete my account"}


def test_a_new_token_shows_its_key_once_and_stores_only_its_hash(alice: User) -> None:
    created = call(alice, "POST", "/tokens", {"name": "  my phone  "}).json()
    key = created["key"]
    assert key.startswith("nearer_") and created["name"] == "my phone"
    assert created["prefix"] == key[: len(created["prefix"])] and len(created["prefix"]) < 20
    stored = Token.objects.get()
    assert stored.key_hash == hashlib.sha256(key.encode()).hexdigest()
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM api_token")
        assert key not in repr(cursor.fetchall())
    listed = call(alice, "GET", "/tokens").content.decode()
    assert key not in listed and stored.key_hash not in listed and "my phone" in listed


def test_each_person_lists_only_their_own_tokens(couple: tuple[User, User]) -> None:
    alice, bob = couple
    tokens.issue(alice, "alice's phone")
    tokens.issue(bob, "bob's laptop")
    names = [t["name"] for t in call(bob, "GET", "/tokens").json()]
    assert names == ["bob's laptop"]


def test_revoking_someone_elses_token_is_a_404_and_keeps_it(
    couple: tuple[User, User], carol: User
) -> None:
    alice, bob = couple
    token, key = tokens.issue(alice, "phone")
    for other in (bob, carol):
        response = call(other, "DELETE", f"/tokens/{token.pk}")
        assert response.status_code == 404 and response.json()["detail"] == "No such token."
    assert call(None, "GET", "/me", token=key).status_code == 200


def test_a_token_needs_a_name(alice: User) -> None:
    for name in ("", "   ", "x" * 61, "tab\there", "nul\x00"):
        response = call(alice, "POST", "/tokens", {"name": name})
        assert response.status_code == 422 and response.json()["field"] == "name", name
    assert not Token.objects.exists()


def test_revoking_a_token_twice_is_a_404(alice: User) -> None:
    token, _ = tokens.issue(alice, "phone")
    assert call(alice, "DELETE", f"/tokens/{token.pk}").status_code == 200
    assert call(alice, "DELETE", f"/tokens/{token.pk}").status_code == 404


def test_a_token_makes_another_only_with_the_password(alice: User) -> None:
    _, key = tokens.issue(alice, "phone")
    bare = call(None, "POST", "/tokens", {"name": "more"}, token=key)
    assert bare.status_code == 403 and bare.json()["field"] == "password"
    wrong = call(None, "POST", "/tokens", {"name": "more", "password": WRONG}, token=key)
    assert wrong.status_code == 400 and wrong.json()["field"] == "password"
    assert Token.objects.count() == 1
    right = call(None, "POST", "/tokens", {"name": "more", "password": PASSWORD}, token=key)
    assert right.status_code == 201 and Token.objects.count() == 2


def test_by_session_the_password_in_the_body_stands_for_the_prompt(alice: User) -> None:
    client = client_for(alice)
    age_confirmation(client)
    body = {"name": "laptop"}
    assert call(alice, "POST", "/tokens", body, client=client).status_code == 403
    with_password = call(alice, "POST", "/tokens", {**body, "password": PASSWORD}, client=client)
    assert with_password.status_code == 201


def test_wrong_passwords_count_for_the_account_across_its_tokens_and_sessions(
    alice: User,
) -> None:
    """A borrowed token cannot guess without end: neither another token nor a session of the
    same account starts a fresh count."""
    keys = [tokens.issue(alice, f"device {n}")[1] for n in range(3)]
    guesses = [call(None, "DELETE", "/me", DELETE, token=keys[n % 2]) for n in range(5)]
    assert [r.status_code for r in guesses] == [400, 400, 400, 400, 429]
    assert guesses[-1]["Retry-After"]
    right = {**DELETE, "password": PASSWORD}
    for key in keys:  # even the right password is refused unheard while paused
        assert call(None, "DELETE", "/me", right, token=key).status_code == 429
    made = call(None, "POST", "/tokens", {"name": "fresh", "password": PASSWORD}, token=keys[2])
    assert made.status_code == 429 and made["Retry-After"]
    assert call(alice, "DELETE", "/me", right).status_code == 429  # by session too
    assert client_for(alice).post("/accounts/confirm/", {"password": PASSWORD}).status_code == 429
    assert User.objects.filter(pk=alice.pk).exists() and Token.objects.count() == 3
    assert Event.objects.filter(user=alice, kind="login_failed").count() == 5


def test_a_new_token_has_every_field_of_a_token_and_its_key(alice: User) -> None:
    made = call(alice, "POST", "/tokens", {"name": "phone", "password": PASSWORD}).json()
    assert set(made) == {"id", "name", "prefix", "created_at", "last_used_at", "key", "locked"}
    assert made["last_used_at"] is None and made["locked"] is False


def _writes_and_reads_a_note(key: str) -> bool:
    saved = call(None, "PUT", f"/checkins/{today()}", CHECKIN, token=key)
    return saved.status_code == 200 and saved.json()["note"] == CHECKIN["note"]


def test_the_password_opens_the_key_for_a_token_made_where_it_was_locked(alice: User) -> None:
    without_key = Client()
    without_key.force_login(alice)  # a session whose nearer_vault cookie did not come
    by_session = call(
        alice, "POST", "/tokens", {"name": "a", "password": PASSWORD}, client=without_key
    ).json()
    with keyring.scope():  # a token made where the key was not open: locked
        _, locked_key = tokens.issue(alice, "locked")
    assert not _writes_and_reads_a_note(locked_key)
    by_token = call(None, "POST", "/tokens", {"name": "b", "password": PASSWORD}, token=locked_key)
    for made in (by_session, by_token.json()):
        assert made["locked"] is False and _writes_and_reads_a_note(made["key"])


def test_a_token_that_nothing_could_unlock_says_it_is_locked(alice: User) -> None:
    without_key = Client()
    without_key.force_login(alice)  # the password typed just now, not sent: nothing opens the key
    made = call(alice, "POST", "/tokens", {"name": "phone"}, client=without_key)
    assert made.status_code == 201 and made.json()["locked"] is True
    assert not _writes_and_reads_a_note(made.json()["key"])


def test_the_list_says_which_tokens_are_locked(alice: User) -> None:
    tokens.issue(alice, "open")
    with keyring.scope():  # made where the key was not open
        tokens.issue(alice, "locked")
    listed = {t["name"]: t["locked"] for t in call(alice, "GET", "/tokens").json()}
    assert listed == {"open": False, "locked": True}


def test_an_empty_password_says_to_type_it_and_is_not_counted(alice: User) -> None:
    key = tokens.issue(alice, "phone")[1]
    empty = [
        call(None, "POST", "/tokens", {"name": "n", "password": ""}, token=key) for _ in "123456"
    ]
    assert [r.status_code for r in empty] == [400] * 6
    assert empty[-1].json() == {"detail": "password: Type your password.", "field": "password"}
    made = call(None, "POST", "/tokens", {"name": "n", "password": PASSWORD}, token=key)
    assert made.status_code == 201
    assert not Event.objects.filter(user=alice, kind="login_failed").exists()
