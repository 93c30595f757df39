"""Personal tokens: a key shown once and stored only as a hash; one's own to list and revoke."""

from __future__ import annotations

import hashlib

from django.db import connection

from nearer.web.accounts.models import User
from nearer.web.api import tokens
from nearer.web.api.models import Token
from tests.web.api.conftest import call


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
