"""Sealed fields on real rows: bound to their row and field, private or shared as declared, and
what the couple's plan reads stays readable while one partner is away."""

from __future__ import annotations

import html
import json
import re
from datetime import date
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from nearer.content.loader import default_content
from nearer.web.accounts.models import User
from nearer.web.assessments import services as assessments
from nearer.web.couples.services import couple_of
from nearer.web.daily.models import Answer, CheckIn, DailyQuestion
from nearer.web.plans.services import couple_is_safe, plan_for
from nearer.web.vault import keyring
from nearer.web.vault.fields import LOCKED, LOCKED_SHARED, is_locked
from tests.web.api.conftest import call
from tests.web.conftest import client_for
from tests.web.vault.flows import CHECKIN, raw, sign_in

DAY, OTHER_DAY = date(2026, 1, 2), date(2026, 1, 3)


def make_checkin(user: User, day: date, **text: object) -> CheckIn:
    scores = {k: v for k, v in CHECKIN.items() if k != "closeness"}
    return CheckIn.objects.create(user=user, day=day, closeness=4, **scores, **text)


def copy_raw(table: str, column: str, source: int, target: int, target_column: str = "") -> None:
    """What someone with write access to the database could do: move a ciphertext."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {target_column or column} = "
            f"(SELECT {column} FROM {table} WHERE id = %s) WHERE id = %s",
            [source, target],
        )


def test_a_ciphertext_moved_to_another_row_does_not_open(alice: User) -> None:
    first = make_checkin(alice, DAY, note="the first day")
    second = make_checkin(alice, OTHER_DAY, note="the second day")
    copy_raw("daily_checkin", "note", first.pk, second.pk)
    assert CheckIn.objects.get(pk=first.pk).note == "the first day"
    moved = CheckIn.objects.get(pk=second.pk).note
    assert is_locked(moved) and moved == LOCKED


def test_a_ciphertext_moved_to_another_field_does_not_open(alice: User) -> None:
    row = make_checkin(alice, DAY, note="a note", appreciation="an appreciation")
    copy_raw("daily_checkin", "note", row.pk, row.pk, target_column="appreciation")
    assert is_locked(CheckIn.objects.get(pk=row.pk).appreciation)


def test_a_shared_answer_moved_to_the_partners_row_does_not_open(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    daily = DailyQuestion.objects.create(couple=couple_of(alice), day=DAY, question_id="q1")
    mine = Answer.objects.create(daily=daily, user=alice, text="alice's words")
    theirs = Answer.objects.create(daily=daily, user=bob, text="bob's words")
    copy_raw("daily_answer", "text", mine.pk, theirs.pk)
    assert is_locked(Answer.objects.get(pk=theirs.pk).text)


def test_locked_text_cleaned_and_saved_again_keeps_its_sealed_text_and_goes_nowhere_else(
    alice: User,
) -> None:
    row = make_checkin(alice, DAY, note="the first day")
    other = make_checkin(alice, OTHER_DAY, note="the second day")
    sealed = raw("daily_checkin", "note", row.pk)
    with keyring.scope():  # a reset without the recovery code: a new key, the old one not open
        keyring.hold(alice.pk, "new-key", bytes(32))
        locked = CheckIn.objects.get(pk=row.pk)
        assert is_locked(locked.note)
        locked.full_clean()  # writes every field's value back, the locked note too
        locked.closeness = 6
        locked.save()
        assert raw("daily_checkin", "note", row.pk) == sealed  # not the lock's sentence
        assert is_locked(locked.note)
        elsewhere = CheckIn.objects.get(pk=other.pk)
        elsewhere.note = locked.note
        with pytest.raises(keyring.Locked):
            elsewhere.save()
    assert CheckIn.objects.get(pk=row.pk).note == "the first day"
    assert CheckIn.objects.get(pk=other.pk).note == "the second day"


def test_sharing_an_appreciation_moves_it_from_the_owners_key_to_the_servers(alice: User) -> None:
    row = make_checkin(alice, DAY, appreciation="you made tea")
    assert raw("daily_checkin", "appreciation", row.pk).startswith("nv1:u:")
    row.appreciation_shared = True
    row.save()
    assert raw("daily_checkin", "appreciation", row.pk).startswith("nv1:s:")
    with keyring.scope():  # the partner's request: alice's key is not open
        assert CheckIn.objects.get(pk=row.pk).appreciation == "you made tea"


def test_the_safety_gate_keeps_the_plan_light_while_only_the_partner_is_signed_in(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    safety = default_content().instruments["safety"]
    concern = {item.id: safety.response.max for item in safety.items}
    clear = {item.id: safety.response.min for item in safety.items}
    assessments.save_run(alice, safety, concern)
    assessments.save_run(bob, safety, clear)
    assert assessments.safety_of(alice).concern  # alice sees her own screen in full
    with keyring.scope():  # bob's request: alice's answers do not open, her gate does
        run = assessments.latest_run(alice, "safety")
        assert run is not None and is_locked(run.answers)
        assert assessments.safety_gate(alice).concern
        assert not couple_is_safe(couple_of(bob))  # type: ignore[arg-type]
        plan = plan_for(couple_of(bob), timezone.localdate())  # type: ignore[arg-type]
    with_alice = plan_for(couple_of(alice), timezone.localdate())  # type: ignore[arg-type]
    assert plan.practice_ids == with_alice.practice_ids  # the same whoever asks


def test_text_written_before_encryption_is_sealed_at_the_owners_next_login(alice: User) -> None:
    row = make_checkin(alice, DAY, note="sealed already")
    with connection.cursor() as cursor:  # as a row from before this version would be
        cursor.execute("UPDATE daily_checkin SET note = %s WHERE id = %s", ["old words", row.pk])
    assert raw("daily_checkin", "note", row.pk) == "old words"
    page = sign_in(alice.email).get(f"/daily/checkin/{DAY.isoformat()}/").content.decode()
    assert "old words" in page
    assert raw("daily_checkin", "note", row.pk).startswith("nv1:u:")


def test_shared_text_under_a_server_key_this_server_lacks_says_so_not_a_password_reset(
    couple: tuple[User, User], tmp_path: Path
) -> None:
    alice, bob = couple
    day = timezone.localdate()
    for person, words in ((alice, "alice's words"), (bob, "bob's words")):
        client_for(person).post(f"/daily/day/{day.isoformat()}/answer/", {"text": words})
    row = make_checkin(alice, DAY, note="only mine", appreciation="tea", appreciation_shared=True)
    # As after a backup made under another server key is restored: this server's key file lacks
    # the key the shared text is under.
    with override_settings(VAULT_KEY_FILE=str(tmp_path / "keys" / "server-keys.json")):
        checkin = CheckIn.objects.get(pk=row.pk)
        said = checkin.appreciation
        assert checkin.note == "only mine"  # private text is under alice's key, open here
        page = client_for(bob).get("/daily/today/").content.decode()
    assert is_locked(said) and said != LOCKED
    assert "password reset" not in said and "recovery code" not in said
    assert "server key" in said and "administrator" in said and "docs/backups.md" in said
    assert "alice's words" not in page and "bob's words" not in page
    assert page.count(said) == 2 and LOCKED not in page  # bob's own answer and alice's


def test_my_own_shared_appreciation_under_a_missing_server_key_says_so_on_my_form_and_api(
    alice: User, tmp_path: Path
) -> None:
    make_checkin(alice, DAY, appreciation="tea", appreciation_shared=True)
    client = client_for(alice)
    with override_settings(VAULT_KEY_FILE=str(tmp_path / "keys" / "server-keys.json")):
        form = client.get(f"/daily/checkin/{DAY.isoformat()}/").content.decode()
        mine = call(alice, "GET", "/checkins", client=client).json()
    said = html.escape(LOCKED_SHARED.split("(")[0].strip())
    assert said in form and html.escape(LOCKED) not in form
    assert "password reset" not in json.dumps(mine)


def test_the_security_page_quotes_the_sentence_of_locked_shared_text() -> None:
    page = Path(__file__).resolve().parents[3] / "docs" / "security.md"
    quoted = re.search(r'reads "(🔒 Locked: [^"…]+)…"', " ".join(page.read_text().split()))
    assert quoted and LOCKED_SHARED.startswith(quoted.group(1))
