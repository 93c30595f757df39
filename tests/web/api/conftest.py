"""The API cast: the web cast (alice and bob a couple, carol a stranger) with JSON calls, and a
world where alice owns one of everything that can be addressed by id or day."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone

from nearer.content.loader import default_content
from nearer.web.accounts.models import User
from nearer.web.api import tokens
from nearer.web.couples.models import Couple
from nearer.web.couples.services import couple_of
from nearer.web.plans.services import plan_for
from tests.web.conftest import client_for
from tests.web.seeds import CHECKIN_FORM

API = "/api/v1"

#: The same check-in as the browser form's, in JSON's own booleans.
CHECKIN = {**CHECKIN_FORM, "appreciation_shared": True, "need_shared": False}


def call(
    user: User | None,
    method: str,
    path: str,
    body: Any = None,
    *,
    token: str | None = None,
    client: Client | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    """One JSON request to the API as `user` (by session), or with `token` and no session; with
    `headers` besides."""
    client = client or (Client() if token else client_for(user))
    headers = {**({"Authorization": f"Bearer {token}"} if token else {}), **(headers or {})}
    data = "" if body is None else json.dumps(body)
    return client.generic(
        method, API + path, data, content_type="application/json", headers=headers
    )


def today() -> str:
    return timezone.localdate().isoformat()


def answers_for(instrument_id: str, value: int) -> dict[str, int]:
    return {item.id: value for item in default_content().instruments[instrument_id].items}


def take(user: User, instrument_id: str, value: int) -> HttpResponse:
    body = {"answers": answers_for(instrument_id, value)}
    return call(user, "POST", f"/assessments/instruments/{instrument_id}/runs", body)


@dataclass(frozen=True)
class World:
    alice: User
    bob: User
    carol: User
    token_id: int
    token_key: str
    practice_id: str  # in alice and bob's plan this week, not in carol's

    def fill(self, path: str) -> str:
        """An OpenAPI path with alice's objects in its placeholders."""
        return path.removeprefix(API).format(
            day=today(),
            token_id=self.token_id,
            instrument_id="profile",
            practice_id=self.practice_id,
        )


@pytest.fixture
def world(couple: tuple[User, User], carol: User) -> World:
    """Alice has a token, today's check-in, the profile taken; both partners have answered
    today's question; carol's plan is smaller, so alice's has a practice carol's lacks."""
    alice, bob = couple
    token, key = tokens.issue(alice, "alice's phone")
    call(alice, "PUT", f"/checkins/{today()}", CHECKIN)
    take(alice, "profile", 5)
    for person in (alice, bob):
        call(person, "POST", f"/daily/{today()}/answer", {"text": f"{person}'s answer"})
    Couple.objects.filter(pk=couple_of(carol).pk).update(minutes_per_week=10)  # type: ignore[union-attr]
    ours = plan_for(couple_of(alice), timezone.localdate()).practice_ids  # type: ignore[arg-type]
    theirs = plan_for(couple_of(carol), timezone.localdate()).practice_ids  # type: ignore[arg-type]
    practice_id = next(p for p in ours if p not in theirs)
    return World(alice, bob, carol, token.pk, key, practice_id)
