"""The web cast: alice and bob share a couple space; carol is a stranger in her own."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.http import HttpRequest
from django.test import Client

from nearer.web.accounts.models import User
from nearer.web.assessments import services as assessments
from nearer.web.couples import services as couples
from nearer.web.vault import keyring
from nearer.web.vault import sessions as vault_sessions
from tests.web import server

PASSWORD = "a long enough test passphrase"


def make_user(name: str) -> User:
    return User.objects.create_user(f"{name}@example.org", PASSWORD, display_name=name.capitalize())


def make_couple(first: User, second: User | None = None) -> None:
    couples.create_couple(first)
    if second is not None:
        couples.join(second, couples.invite(first))


def screen(user: User, concern: bool = False) -> None:
    """`user` takes the private safety check: every answer at its calmest, or every answer at its
    most worrying (`concern`)."""
    found = assessments.instrument("safety")
    assert found is not None
    answer = found.response.max if concern else found.response.min
    answers = {item.id: answer for item in found.items}
    assessments.save_run(user, found, answers)


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
        open_vault(client, user)
    return client


def open_vault(client: Client, user: User) -> None:
    """What signing in with the password does: the person's data key kept for this session."""
    held = keyring.current(user.pk)  # opened by create_user in this test's keyring scope
    if held is None:
        return
    request = HttpRequest()
    request.session = client.session
    client.cookies[vault_sessions.COOKIE] = vault_sessions.hold(request, user.pk, *held)
    request.session.save()


@pytest.fixture
def alice(db: None) -> User:
    return make_user("alice")


@pytest.fixture
def bob(db: None) -> User:
    return make_user("bob")


@pytest.fixture
def carol(db: None) -> User:
    user = make_user("carol")
    make_couple(user)
    return user


@pytest.fixture
def couple(alice: User, bob: User) -> tuple[User, User]:
    make_couple(alice, bob)
    return alice, bob


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[server.Served]:
    """`nearer serve --demo` for real, with a token of a demo partner (tests/web/server.py)."""
    yield from server.serve(tmp_path_factory.mktemp("served"))
