"""Canaries in every kind of entry, then a look at the bytes: the SQLite file and its WAL (or, on
PostgreSQL, the raw columns), a backup and `nearer backup`'s output hold none of them in the
clear; with the key file but no password, the private ones stay unreadable."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from typer.testing import CliRunner

from nearer.cli.app import app
from nearer.content.loader import default_content
from nearer.web import backups
from nearer.web.accounts.models import User
from nearer.web.assessments.models import Run
from nearer.web.assessments.services import gate_of
from nearer.web.couples.models import Couple, Membership
from nearer.web.daily.models import Answer, CheckIn, DailyQuestion
from nearer.web.vault import crypto, keyfile, keyring
from nearer.web.vault.fields import is_locked
from nearer.web.vault.services import sealed_fields
from tests.web.backups.support import readable_text
from tests.web.conftest import PASSWORD
from tests.web.scratch import Scratch, scratch_database

DAY = date(2026, 1, 2)
PRIVATE = {
    "emotions": "canary-e8b5-emotion-words",  # really a few of a fixed list: sealed all the same
    "note": "canary-7d1e-private-note",
    "appreciation": "canary-51a0-unshared-appreciation",
    "need": "canary-c3f9-unshared-need",
}
SHARED = {
    "answer": "canary-90b2-daily-answer",
    "reply": "canary-2e44-reply",
    "appreciation": "canary-a6d3-shared-appreciation",
    "need": "canary-0f7c-shared-need",
}
CANARIES = [*PRIVATE.values(), *SHARED.values()]
# Assessment answers are numbers; in the clear, their item ids would show in the JSON.
PROFILE_ITEM = default_content().instruments["profile"].items[0].id
ITEM_IDS = ["safety.fear.01", "safety.control.01", PROFILE_ITEM]


def checkin(using: str, user: User, **text: object) -> CheckIn:
    scores = dict.fromkeys(
        ("pleasantness", "energy", "shared_feelings", "understood", "validated", "cared_for"), 3
    )
    return CheckIn.objects.using(using).create(
        user=user, day=DAY, closeness=4, stress=2, **scores, **text
    )


def fill(using: str) -> tuple[User, User]:
    """alice and bob with every kind of entry: private and shared check-in text, a revealed day
    with a reply, the profile and the safety screen (with a concern)."""
    users = User.objects.db_manager(using)
    alice = users.create_user("alice@example.org", PASSWORD, display_name="Alice")
    bob = users.create_user("bob@example.org", PASSWORD, display_name="Bob")
    couple = Couple.objects.using(using).create()
    for person in (alice, bob):
        Membership.objects.using(using).create(user=person, couple=couple)
    daily = DailyQuestion.objects.using(using).create(couple=couple, day=DAY, question_id="q1")
    Answer.objects.using(using).create(
        daily=daily, user=alice, text=SHARED["answer"], reply=SHARED["reply"]
    )
    Answer.objects.using(using).create(daily=daily, user=bob, text="bob's answer")
    checkin(using, alice, **PRIVATE)
    checkin(
        using,
        bob,
        appreciation=SHARED["appreciation"],
        appreciation_shared=True,
        need=SHARED["need"],
        need_shared=True,
    )
    instruments = default_content().instruments
    profile = {item.id: 4 for item in instruments["profile"].items}
    safety = {item.id: 4 for item in instruments["safety"].items}
    Run.objects.using(using).create(user=alice, instrument="profile", answers=profile)
    Run.objects.using(using).create(
        user=alice, instrument="safety", answers=safety, gate=gate_of(safety)
    )
    return alice, bob


def leaks(data: bytes) -> list[str]:
    return [text for text in [*CANARIES, *ITEM_IDS] if text.encode() in data]


@pytest.fixture
def scratch(transactional_db: None, tmp_path: Path) -> Iterator[Scratch]:
    with scratch_database(tmp_path) as made:
        yield made


def test_the_database_and_its_wal_hold_no_canary_in_the_clear(scratch: Scratch) -> None:
    fill(scratch.alias)
    connection = connections[scratch.alias]
    if connection.vendor == "sqlite":
        database = Path(connection.settings_dict["NAME"])
        wal = database.with_name(database.name + "-wal")
        assert wal.exists() and wal.stat().st_size > 0  # the writes are there to be searched
        assert leaks(database.read_bytes()) == []
        assert leaks(wal.read_bytes()) == []
    with connection.cursor() as cursor:  # the raw column bytes, on either engine
        for model, field in sealed_fields():
            cursor.execute(f"SELECT {field.column} FROM {model._meta.db_table}")
            values = [str(value) for (value,) in cursor.fetchall() if value]
            if model._meta.app_label in ("daily", "assessments"):
                assert values, (model, field.name)  # every kind of entry was filled
            assert all(crypto.is_sealed(value) for value in values), (model, field.name)
            assert leaks("".join(values).encode()) == []


def test_a_backup_holds_no_canary_in_the_clear(scratch: Scratch, tmp_path: Path) -> None:
    fill(scratch.alias)
    backups.backup(tmp_path / "nearer.backup", alias=scratch.alias)
    text = readable_text(tmp_path / "nearer.backup")
    assert b"nv1:u:" in text and b"nv1:s:" in text  # the search finds what is there
    assert leaks(text) == []


def test_nearer_backup_writes_no_canary_in_the_clear_and_no_server_key(
    transactional_db: None, tmp_path: Path
) -> None:
    fill(DEFAULT_DB_ALIAS)
    result = CliRunner().invoke(app, ["backup", str(tmp_path / "nearer.backup")])
    assert result.exit_code == 0, result.output
    text = readable_text(tmp_path / "nearer.backup")
    assert b"nv1:" in text and leaks(text) == []
    keys = json.loads(Path(settings.VAULT_KEY_FILE).read_text())["keys"].values()
    assert not [key for key in keys if key.encode() in text]


def test_with_the_key_file_but_no_password_private_canaries_stay_unreadable(
    scratch: Scratch,
) -> None:
    fill(scratch.alias)
    with keyring.scope():  # what someone with the database and the key file has: no password
        alice = CheckIn.objects.using(scratch.alias).get(user__email="alice@example.org")
        bob = CheckIn.objects.using(scratch.alias).get(user__email="bob@example.org")
        assert all(is_locked(getattr(alice, name)) for name in PRIVATE)
        assert [getattr(alice, name) for name in PRIVATE] != list(PRIVATE.values())
        assert (bob.appreciation, bob.need) == (SHARED["appreciation"], SHARED["need"])
        answer = Answer.objects.using(scratch.alias).get(user__email="alice@example.org")
        assert (answer.text, answer.reply) == (SHARED["answer"], SHARED["reply"])
        runs = {r.instrument: r for r in Run.objects.using(scratch.alias)}
        assert is_locked(runs["safety"].answers) and runs["safety"].answers == {}
        assert runs["safety"].gate == "concern"  # what the couple's plan needs, and no more
        assert not is_locked(runs["profile"].answers)
    server_keys = keyfile.load().keys.values()
    for name in PRIVATE:
        sealed = alice.__dict__[name]
        for key in server_keys:
            with pytest.raises(crypto.OpenError):
                crypto.open_sealed(key, sealed, f"daily.checkin|{name}|{alice.uid}|{alice.user_id}")
