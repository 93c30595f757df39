"""The web cast: alice and bob share a couple space; carol is a stranger in her own."""

from __future__ import annotations

import pytest
from django.test import Client

from nearer.web.accounts.models import User
from nearer.web.couples import services as couples

PASSWORD = "a long enough test passphrase"


def make_user(name: str) -> User:
    return User.objects.create_user(f"{name}@example.org", PASSWORD, display_name=name.capitalize())


def make_couple(first: User, second: User | None = None) -> None:
    couples.create_couple(first)
    if second is not None:
        couples.join(second, couples.invite(first))


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


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
