"""The shared cast: alice and bob, a couple, and the small `make_*` builders the tests use."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

from nearer.content.loader import default_content
from nearer.domain.model import Content, Instrument
from nearer.web.vault import keyring


@pytest.fixture(autouse=True)
def keyring_scope() -> Iterator[None]:
    """Each test is a keyring scope, as a request is: the data keys of the people it makes (by
    create_user, with a password) are open in it, and in no other test."""
    with keyring.scope():
        yield


@pytest.fixture(scope="session")
def content() -> Content:
    return default_content()


def agreeing(instrument: Instrument) -> dict[str, int]:
    """Every item at its most-agreeing end, reverse items at the other end: 100 on every scale."""
    r = instrument.response
    return {item.id: r.min if item.reverse else r.max for item in instrument.items}


def at_value(instrument: Instrument, value: int) -> dict[str, int]:
    return {item.id: value for item in instrument.items}


def make_answers(content: Content, seed: int, safe: bool = True) -> dict[str, int]:
    """A plausible random answer set for every instrument; the safety screen all "never"."""
    rng = random.Random(seed)
    answers = {}
    for instrument in content.instruments.values():
        r = instrument.response
        for item in instrument.items:
            answers[item.id] = r.min if instrument.id == "safety" else rng.randint(r.min, r.max)
    if not safe:
        answers[content.instruments["safety"].items[0].id] = 5
    return answers


@pytest.fixture
def alice(content: Content) -> dict[str, int]:
    return make_answers(content, seed=1)


@pytest.fixture
def bob(content: Content) -> dict[str, int]:
    return make_answers(content, seed=2)
