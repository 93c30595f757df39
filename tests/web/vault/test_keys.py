"""The data key's life: made at the first sign-in, opened at login, re-wrapped by a password change,
retired by a reset without the recovery code and brought back by it; API tokens carry their own."""

from __future__ import annotations

import re

from django.core import mail
from django.test import Client
from django.utils import timezone

from nearer.content.loader import default_content
from nearer.web.accounts.models import User
from nearer.web.api import tokens
from nearer.web.assessments import services as assessments
from nearer.web.audit.models import Event
from nearer.web.daily.models import CheckIn
from nearer.web.vault import keyring, sessions
from nearer.web.vault.models import UserKey
from tests.web.security.helpers import end_pauses
from tests.web.vault.flows import CHECKIN, PASSWORD, note_row, raw, sign_in, sign_up, write_checkin

NEW_PASSWORD = "another long enough passphrase"
DAY = "2026-01-02"


def today() -> str:
    return timezone.localdate().isoformat()


def test_sign_up_shows_the_recovery_code_once_and_never_again(db: None) -> None:
    client, code = sign_up("ana@example.org")
    assert re.fullmatch(r"([A-Z2-9]{4}-){4}[A-Z2-9]{4}", code)
    again = client.get("/accounts/keys/recovery-code/", follow=True).content.decode()
    assert code not in again
    assert code not in str(dict(client.session))  # not readable in the session row either


def test_a_private_note_is_sealed_and_reads_back_after_signing_in_again(db: None) -> None:
    client, _ = sign_up("ana@example.org")
    assert write_checkin(client, DAY, note="only mine") == 302
    row = note_row("ana@example.org", DAY)
    assert raw("daily_checkin", "note", row.pk).startswith("nv1:u:")
    client.post("/accounts/logout/")
    page = sign_in("ana@example.org").get(f"/daily/checkin/{DAY}/").content.decode()
    assert "only mine" in page


def test_without_the_key_cookie_private_text_is_locked_and_writing_asks_for_the_password(
    db: None,
) -> None:
    client, _ = sign_up("ana@example.org")
    write_checkin(client, DAY, note="only mine")
    del client.cookies[sessions.COOKIE]  # the session row alone: a stolen session table
    page = client.get(f"/daily/checkin/{DAY}/").content.decode()
    assert "only mine" not in page and "Locked" in page
    refused = client.post(f"/daily/checkin/{today()}/", {**CHECKIN, "note": "new words"})
    assert refused.status_code == 302 and refused["Location"].startswith("/accounts/keys/unlock/")
    assert not CheckIn.objects.filter(day=today()).exists()
    unlock = client.post(
        "/accounts/keys/unlock/", {"password": PASSWORD, "next": f"/daily/checkin/{DAY}/"}
    )
    assert unlock.status_code == 302
    assert "only mine" in client.get(f"/daily/checkin/{DAY}/").content.decode()
    assert write_checkin(client, today(), note="new words") == 302
    assert "new words" in client.get(f"/daily/checkin/{today()}/").content.decode()


def test_a_form_sent_while_locked_returns_to_its_page_after_unlocking_and_says_so(
    db: None,
) -> None:
    """Never to the form's own address (the day's answer takes only a POST): to the page it was
    sent from, whose script puts back what was typed, kept by the unlock page (form-drafts.js)."""
    client, _ = sign_up("ana@example.org")
    del client.cookies[sessions.COOKIE]
    sent_from = {"Referer": "http://testserver/daily/checkin/"}
    refused = client.post(
        f"/daily/checkin/{today()}/", {**CHECKIN, "note": "new words"}, headers=sent_from
    )
    assert refused["Location"] == "/accounts/keys/unlock/?next=%2Fdaily%2Fcheckin%2F&unsent=1"
    page = client.get(refused["Location"]).content.decode()
    assert "what you just sent was not saved" in page and "data-keeps-drafts" in page
    unlocked = client.post(refused["Location"], {"password": PASSWORD, "next": "/daily/checkin/"})
    assert unlocked["Location"] == "/daily/checkin/"


def test_the_unlock_prompt_while_paused_tells_even_the_right_password_to_wait(db: None) -> None:
    client, _ = sign_up("ana@example.org")
    del client.cookies[sessions.COOKIE]
    wrong = {"password": "not my passphrase"}
    statuses = [client.post("/accounts/keys/unlock/", wrong).status_code for _ in range(5)]
    assert statuses == [400, 400, 400, 400, 429]
    paused = client.post("/accounts/keys/unlock/", {"password": PASSWORD})
    page = paused.content.decode()
    assert paused.status_code == 429 and paused["Retry-After"]
    assert "Too many wrong passwords. Try again in 1 minute." in page and "not right" not in page
    end_pauses()
    assert client.post("/accounts/keys/unlock/", {"password": PASSWORD}).status_code == 302


def test_a_link_from_another_site_reloads_once_so_the_key_cookie_comes_along(db: None) -> None:
    client, _ = sign_up("ana@example.org")
    write_checkin(client, DAY, note="only mine")
    page = f"/daily/checkin/{DAY}/"
    # With the cookie (a browser sends it on a same-site reload), nothing is in the way.
    assert "only mine" in client.get(page, HTTP_SEC_FETCH_SITE="cross-site").content.decode()
    del client.cookies[sessions.COOKIE]  # as a browser leaves it out of a cross-site navigation
    reload = client.get(page, HTTP_SEC_FETCH_SITE="cross-site")
    body = reload.content.decode()
    assert reload.status_code == 200 and '<meta http-equiv="refresh" content="0">' in body
    assert "only mine" not in body and reload["Cache-Control"] == "no-store"
    # Arriving from this site without the cookie is no loop: the page shows, locked.
    same = client.get(page, HTTP_SEC_FETCH_SITE="same-origin").content.decode()
    assert "http-equiv" not in same and "Locked" in same


def test_a_password_change_rewraps_the_key_and_leaves_the_data_as_it_was(db: None) -> None:
    client, _ = sign_up("ana@example.org")
    write_checkin(client, DAY, note="only mine")
    row = note_row("ana@example.org", DAY)
    sealed, (key,) = raw("daily_checkin", "note", row.pk), UserKey.objects.all()
    change = {
        "old_password": PASSWORD,
        "new_password1": NEW_PASSWORD,
        "new_password2": NEW_PASSWORD,
    }
    assert client.post("/accounts/password/", change).status_code == 302
    (changed,) = UserKey.objects.all()
    assert changed.key_id == key.key_id and changed.password_wrap != key.password_wrap
    assert changed.recovery_wrap == key.recovery_wrap
    assert raw("daily_checkin", "note", row.pk) == sealed  # nothing re-encrypted
    page = sign_in("ana@example.org", NEW_PASSWORD).get(f"/daily/checkin/{DAY}/")
    assert "only mine" in page.content.decode()


def test_the_reset_pages_say_before_the_reset_that_private_entries_will_stay_locked(
    db: None,
) -> None:
    sign_up("ana@example.org")
    asked = Client().get("/accounts/password/reset/").content.decode()
    assert "stays locked" in asked and "recovery code" in asked
    link = _reset_link("ana@example.org")
    page = Client().get(link, follow=True).content.decode()
    assert "stays locked" in page and 'name="recovery_code"' in page


def _reset_link(email: str) -> str:
    mail.outbox.clear()
    Client().post("/accounts/password/reset/", {"email": email})
    found = re.search(r"http://\S+", mail.outbox[-1].body)
    assert found
    return found.group(0).removeprefix("http://testserver")


def _reset(email: str, code: str = "") -> int:
    client = Client()
    form_page = client.get(_reset_link(email), follow=True)
    form = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD, "recovery_code": code}
    return client.post(form_page.redirect_chain[-1][0], form).status_code


def test_a_reset_without_the_recovery_code_locks_earlier_private_text_until_the_code_is_used(
    db: None,
) -> None:
    client, old_code = sign_up("ana@example.org")
    shared = {"appreciation": "you made tea", "appreciation_shared": "on"}
    write_checkin(client, DAY, note="only mine", **shared)
    assert _reset("ana@example.org") == 302

    after = Client()
    after.post("/accounts/login/", {"username": "ana@example.org", "password": NEW_PASSWORD})
    shown = after.get("/home/", follow=True).content.decode()
    new_code = re.search(r'<code id="recovery-code">([A-Z0-9-]+)</code>', shown)
    assert new_code and new_code.group(1) != old_code  # a new key, a new code, shown once
    after.post("/accounts/keys/recovery-code/", {"next": "/home/"})
    page = after.get(f"/daily/checkin/{DAY}/").content.decode()
    assert "only mine" not in page and "Locked" in page
    assert "you made tea" in page  # shared text is under the server's key: untouched
    assert write_checkin(after, today(), note="after the reset") == 302  # and life goes on

    wrong = after.post("/accounts/keys/recover/", {"code": new_code.group(1)})
    assert wrong.status_code == 400
    assert after.post("/accounts/keys/recover/", {"code": old_code.lower()}).status_code == 302
    assert "only mine" in after.get(f"/daily/checkin/{DAY}/").content.decode()
    assert UserKey.objects.count() == 1  # the old key is gone; its entries are under the new one
    assert raw("daily_checkin", "note", note_row("ana@example.org", DAY).pk).startswith(
        f"nv1:u:{UserKey.objects.get().key_id}:"
    )
    assert Event.objects.filter(kind="recovery_used").count() == 1


def test_a_reset_with_the_recovery_code_keeps_private_text_readable(db: None) -> None:
    client, code = sign_up("ana@example.org")
    write_checkin(client, DAY, note="only mine")
    assert _reset("ana@example.org", "not-the-code") == 400
    assert _reset("ana@example.org", code) == 302
    assert Event.objects.filter(kind="recovery_used").count() == 1
    page = sign_in("ana@example.org", NEW_PASSWORD).get(f"/daily/checkin/{DAY}/")
    assert "only mine" in page.content.decode()


def test_an_api_token_reads_and_writes_its_owners_private_note(db: None) -> None:
    client, _ = sign_up("ana@example.org")
    write_checkin(client, DAY, note="only mine")
    made = client.post("/api/v1/tokens", {"name": "phone"}, content_type="application/json")
    assert made.status_code == 201, made.content
    api = Client(headers={"Authorization": f"Bearer {made.json()['key']}"})
    assert api.get(f"/api/v1/checkins/{DAY}").json()["note"] == "only mine"
    body = {**CHECKIN, "note": "from my phone"}
    put = api.put(f"/api/v1/checkins/{today()}", body, content_type="application/json")
    assert put.status_code == 200, put.content
    row = note_row("ana@example.org", today())
    assert raw("daily_checkin", "note", row.pk).startswith("nv1:u:")
    assert api.get(f"/api/v1/checkins/{today()}").json()["note"] == "from my phone"


def test_a_token_made_where_the_key_is_not_open_reads_private_text_as_locked(db: None) -> None:
    client, _ = sign_up("ana@example.org")
    write_checkin(client, DAY, note="only mine")
    user = note_row("ana@example.org", DAY).user
    with keyring.scope():
        _, key = tokens.issue(user, "made by a script")
    api = Client(headers={"Authorization": f"Bearer {key}"})
    note = api.get(f"/api/v1/checkins/{DAY}").json()["note"]
    assert "only mine" not in note and "Locked" in note


def test_a_token_without_the_key_cannot_write_private_text_and_says_why(db: None) -> None:
    client, _ = sign_up("ana@example.org")
    write_checkin(client, DAY, note="only mine")
    user = note_row("ana@example.org", DAY).user
    with keyring.scope():
        _, key = tokens.issue(user, "made by a script")
    api = Client(headers={"Authorization": f"Bearer {key}"})
    body = {**CHECKIN, "note": "from a script"}
    put = api.put(f"/api/v1/checkins/{today()}", body, content_type="application/json")
    assert put.status_code == 403 and "locked" in put.json()["detail"]
    assert not CheckIn.objects.filter(day=today()).exists()


def test_a_password_set_by_an_administrator_works_like_a_reset_without_the_code(
    db: None,
) -> None:
    client, _ = sign_up("ana@example.org")
    write_checkin(client, DAY, note="only mine")
    user = note_row("ana@example.org", DAY).user
    user.set_password(NEW_PASSWORD)  # as `nearer manage changepassword` does: no key to re-wrap
    user.save()
    after = sign_in("ana@example.org", NEW_PASSWORD)
    assert "recovery-code" in after.get("/home/")["Location"]  # a new key, a new code
    after.post("/accounts/keys/recovery-code/", {"next": "/home/"})
    page = after.get(f"/daily/checkin/{DAY}/").content.decode()
    assert "only mine" not in page and "Locked" in page
    assert write_checkin(after, today(), note="still works") == 302


def test_support_is_never_held_up_by_a_recovery_code_waiting_to_be_shown(db: None) -> None:
    client = Client()
    form = {
        "email": "ana@example.org",
        "display_name": "Ana",
        "time_zone": "UTC",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    client.post("/accounts/signup/", form)
    client.post("/accounts/login/", {"username": "ana@example.org", "password": PASSWORD})
    assert client.get("/support/").status_code == 200
    assert client.get("/home/")["Location"].startswith("/accounts/keys/recovery-code/")


def test_signing_out_clears_the_key_cookie(db: None) -> None:
    client, _ = sign_up("ana@example.org")
    assert client.cookies[sessions.COOKIE].value
    client.post("/accounts/logout/")
    assert client.cookies[sessions.COOKIE].value == ""


def _reset_and_sign_in_without_the_code(email: str) -> Client:
    """A reset by email without the recovery code, then signed in with the new password (the new
    recovery code seen): earlier private text is locked."""
    assert _reset(email) == 302
    after = sign_in(email, NEW_PASSWORD)
    after.post("/accounts/keys/recovery-code/", {"next": "/home/"})
    return after


def test_resaving_an_earlier_checkin_after_a_reset_keeps_its_locked_note_and_words(
    db: None,
) -> None:
    client, code = sign_up("ana@example.org")
    written = {"note": "only mine", "emotion_words": ["lonely", "anxious"]}
    assert write_checkin(client, DAY, **written) == 302
    after = _reset_and_sign_in_without_the_code("ana@example.org")
    page = after.get(f"/daily/checkin/{DAY}/").content.decode()
    assert "only mine" not in page and page.count("Locked") == 2  # the note, and the words
    assert "checked" not in page.split('name="emotion_words"', 1)[1].split("</fieldset>")[0]
    pk = note_row("ana@example.org", DAY).pk
    sealed = [raw("daily_checkin", column, pk) for column in ("note", "emotions")]
    # Only the closeness changes; the note is left empty and no word ticked, as the page shows.
    assert write_checkin(after, DAY, closeness=5, note="") == 302
    assert [raw("daily_checkin", column, pk) for column in ("note", "emotions")] == sealed

    assert after.post("/accounts/keys/recover/", {"code": code}).status_code == 302
    shown = after.get(f"/api/v1/checkins/{DAY}").json()
    assert shown["note"] == "only mine" and shown["emotion_words"] == ["lonely", "anxious"]
    assert shown["closeness"] == 5


def test_putting_an_earlier_checkin_by_the_api_after_a_reset_keeps_its_locked_text(
    db: None,
) -> None:
    client, code = sign_up("ana@example.org")
    written = {"note": "only mine", "emotion_words": ["calm"], "need": "a walk"}
    assert write_checkin(client, DAY, **written) == 302
    after = _reset_and_sign_in_without_the_code("ana@example.org")
    locked = after.get(f"/api/v1/checkins/{DAY}").json()
    assert locked["emotion_words"] == [] and "Locked" in locked["note"]
    body = {**CHECKIN, "closeness": 6, "note": "", "need": "", "emotion_words": []}
    put = after.put(f"/api/v1/checkins/{DAY}", body, content_type="application/json")
    assert put.status_code == 200, put.content

    assert after.post("/accounts/keys/recover/", {"code": code}).status_code == 302
    shown = after.get(f"/api/v1/checkins/{DAY}").json()
    assert (shown["note"], shown["need"], shown["emotion_words"]) == (
        "only mine",
        "a walk",
        ["calm"],
    )
    assert shown["closeness"] == 6


def test_after_a_reset_without_the_code_the_check_shows_no_outcome_and_is_offered_again(
    db: None,
) -> None:
    safety = default_content().instruments["safety"]
    seen = {}
    for name, concern in (("ana", True), ("bea", False)):
        client, _ = sign_up(f"{name}@example.org")
        answer = safety.response.max if concern else safety.response.min
        client.post("/assessments/safety/take/", {item.id: answer for item in safety.items})
        after = _reset_and_sign_in_without_the_code(f"{name}@example.org")
        paths = ("/assessments/safety/result/", "/assessments/report/", "/assessments/", "/chats/")
        pages = [after.get(path).content.decode() for path in paths]
        assert "/assessments/safety/take/" in pages[1]
        assert after.get("/api/v1/assessments/safety").json()["concern"] is False
        assert after.get("/api/v1/chats").json()["cannot_import"] is not None  # closed alike
        marks = r'value="[^"]+"|"X-CSRFToken": "[^"]+"|data-draft-owner="[^"]+"|'  # per person
        tokens_and_name = marks + name.capitalize()
        seen[concern] = [re.sub(tokens_and_name, "", page) for page in pages]
        user = User.objects.get(email=f"{name}@example.org")
        assert assessments.safety_gate(user).concern is concern  # the plan still reads it
    assert seen[True] == seen[False]


def test_a_refused_reset_form_puts_focus_on_the_field_to_correct(db: None) -> None:
    sign_up("ana@example.org")
    client = Client()
    form_page = client.get(_reset_link("ana@example.org"), follow=True)
    sent = {"new_password1": NEW_PASSWORD, "new_password2": "another one entirely"}
    page = client.post(form_page.redirect_chain[-1][0], sent).content.decode()
    focused = re.findall(r"<input[^>]*\bautofocus\b[^>]*>", page)
    assert len(focused) == 1 and 'name="new_password2"' in focused[0]
