from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import override_settings

from nearer.web.accounts.models import User
from nearer.web.api import tokens
from nearer.web.audit.models import Event
from nearer.web.security.devices import device_label
from nearer.web.security.models import SignIn
from tests.web.conftest import PASSWORD
from tests.web.security.helpers import IPHONE, age_sign_ins, browser, sign_in


def test_signing_in_gives_a_new_session_id(alice: User) -> None:
    client = browser()
    client.get("/accounts/login/")
    session = client.session
    session["before"] = "sign-in"
    session.save()
    before = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert sign_in(client, alice.email) == 302
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()


def test_the_sessions_page_lists_each_sign_in_with_its_device(alice: User) -> None:
    laptop, phone = browser(), browser(agent=IPHONE)
    sign_in(laptop, alice.email)
    sign_in(phone, alice.email)
    html = laptop.get("/accounts/sessions/").content.decode()
    assert "Firefox on Linux <strong>(this one)</strong>" in html
    assert "Safari on iPhone" in html
    assert "Mozilla/5.0" not in html


def test_each_end_and_revoke_button_names_what_it_ends(alice: User) -> None:
    here, phone, other = browser(), browser(agent=IPHONE), browser()
    for client in (here, phone, other):
        sign_in(client, alice.email)
    tokens.issue(alice, "a script")
    tokens.issue(alice, "the old phone")
    page = here.get("/accounts/sessions/").content.decode()
    buttons = re.findall(r'<button class="quiet" type="submit" aria-label="([^"]+)">(\w+)<', page)
    names = [name for name, _ in buttons]
    assert sorted(shown for _, shown in buttons) == ["End", "End", "Revoke", "Revoke"]
    assert all(name.startswith(shown + " ") for name, shown in buttons)  # voice control
    assert len(set(names)) == 4 and any("Safari on iPhone" in name for name in names)
    assert any(name.startswith("Revoke the token a script") for name in names)


def test_ending_another_session_signs_that_browser_out(alice: User) -> None:
    laptop, phone = browser(), browser(agent=IPHONE)
    sign_in(laptop, alice.email)
    sign_in(phone, alice.email)
    phones = SignIn.objects.get(device="Safari on iPhone")
    response = laptop.post(f"/accounts/sessions/{phones.pk}/end/")
    assert response.status_code == 302
    assert phone.get("/home/").status_code == 302  # to the login page
    assert laptop.get("/home/").status_code == 200
    assert Event.objects.filter(user=alice, kind="session_ended", ids={"session": phones.pk})


def test_one_cannot_end_someone_elses_session(alice: User, bob: User) -> None:
    alices, bobs = browser(), browser()
    sign_in(alices, alice.email)
    sign_in(bobs, bob.email)
    bob_sign_in = SignIn.objects.get(user=bob)
    assert alices.post(f"/accounts/sessions/{bob_sign_in.pk}/end/").status_code == 404
    assert bobs.get("/home/").status_code == 200


def test_the_current_session_is_ended_by_signing_out_not_from_the_list(alice: User) -> None:
    client = browser()
    sign_in(client, alice.email)
    this = SignIn.objects.get()
    client.post(f"/accounts/sessions/{this.pk}/end/")
    assert client.get("/home/").status_code == 200


@pytest.mark.parametrize("htmx", [False, True])
def test_sign_out_everywhere_else_keeps_only_this_session(alice: User, htmx: bool) -> None:
    here, *elsewhere = [browser() for _ in range(3)]
    for client in (here, *elsewhere):
        sign_in(client, alice.email)
    headers = {"HX-Request": "true"} if htmx else {}
    response = here.post("/accounts/sessions/end-others/", headers=headers)
    assert response.status_code == (200 if htmx else 302)
    if htmx:
        assert b"<html" not in response.content and b'id="sessions"' in response.content
        assert b"aria-live" not in response.content  # focus goes to the list instead
    assert [c.get("/home/").status_code for c in elsewhere] == [302, 302]
    assert here.get("/home/").status_code == 200
    assert SignIn.objects.count() == 1


def test_an_idle_session_ends_after_the_idle_limit(alice: User) -> None:
    client = browser()
    sign_in(client, alice.email)
    age_sign_ins(last_seen_at=timedelta(minutes=settings.NEARER_SESSION_IDLE_MINUTES + 1))
    assert client.get("/home/").status_code == 302
    assert Event.objects.filter(user=alice, kind="session_expired").exists()
    assert not SignIn.objects.exists()


def test_a_busy_session_still_ends_at_the_absolute_limit(alice: User) -> None:
    client = browser()
    sign_in(client, alice.email)
    age_sign_ins(created_at=timedelta(seconds=settings.SESSION_COOKIE_AGE + 60))
    assert client.get("/home/").status_code == 302


@override_settings(NEARER_SESSION_IDLE_MINUTES=15)
def test_the_idle_limit_comes_from_the_settings(alice: User) -> None:
    client = browser()
    sign_in(client, alice.email)
    age_sign_ins(last_seen_at=timedelta(minutes=10))
    assert client.get("/home/").status_code == 200
    age_sign_ins(last_seen_at=timedelta(minutes=16))
    assert client.get("/home/").status_code == 302


def test_use_keeps_a_session_alive(alice: User) -> None:
    client = browser()
    sign_in(client, alice.email)
    age_sign_ins(last_seen_at=timedelta(minutes=settings.NEARER_SESSION_IDLE_MINUTES - 1))
    assert client.get("/home/").status_code == 200
    age_sign_ins(last_seen_at=timedelta(minutes=2))
    assert client.get("/home/").status_code == 200


def test_changing_the_password_signs_out_every_other_session(alice: User) -> None:
    here, there = browser(), browser(agent=IPHONE)
    sign_in(here, alice.email)
    sign_in(there, alice.email)
    new = "another long passphrase"
    response = here.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert here.get("/home/").status_code == 200
    assert there.get("/home/").status_code == 302
    assert SignIn.objects.count() == 1
    assert Event.objects.filter(user=alice, kind="password_changed").exists()


def test_signing_in_and_out_is_in_the_activity_log_with_ids_only(alice: User) -> None:
    client = browser()
    sign_in(client, alice.email)
    sign_in_id = SignIn.objects.get().pk
    client.post("/accounts/logout/")
    login, logout = Event.objects.filter(user=alice).order_by("id")
    assert (login.kind, login.ids) == (
        "login",
        {"session": sign_in_id, "device": "Firefox on Linux"},
    )
    assert (logout.kind, logout.ids) == ("logout", {"session": sign_in_id})
    assert not SignIn.objects.exists()


def test_a_session_from_before_the_index_is_indexed_not_thrown_out(alice: User) -> None:
    client = browser()
    sign_in(client, alice.email)
    SignIn.objects.all().delete()
    session = client.session
    del session["nearer_sign_in"]
    session.save()
    assert client.get("/home/").status_code == 200
    assert SignIn.objects.filter(user=alice).count() == 1


@pytest.mark.parametrize(
    ("agent", "label"),
    [
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/126.0 Safari/537.36 Edg/126.0",
            "Edge on Windows",
        ),
        (
            "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/126.0 Mobile Safari/537.36",
            "Chrome on Android",
        ),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) "
            "Version/17.5 Safari/605.1.15",
            "Safari on macOS",
        ),
        (IPHONE, "Safari on iPhone"),
        ("curl/8.5.0", "A script"),
        ("", "An unknown device"),
    ],
)
def test_a_device_is_named_coarsely(agent: str, label: str) -> None:
    assert device_label(agent) == label


@override_settings(NEARER_SESSION_IDLE_MINUTES=90, SESSION_COOKIE_AGE=7 * 24 * 3600)
def test_the_sessions_page_states_the_limits_in_words(alice: User) -> None:
    client = browser()
    sign_in(client, alice.email)
    html = client.get("/accounts/sessions/").content.decode()
    assert "after 90 minutes without use, and 7 days after signing in" in html


def htmx_if(htmx: bool) -> dict[str, str]:
    return {"HX-Request": "true"} if htmx else {}


def test_under_htmx_ending_a_session_says_so_in_the_list_and_nowhere_later(alice: User) -> None:
    laptop, phone = browser(), browser(agent=IPHONE)
    sign_in(laptop, alice.email)
    sign_in(phone, alice.email)
    phones = SignIn.objects.get(device="Safari on iPhone")
    for path, said in (
        (f"/accounts/sessions/{phones.pk}/end/", "Signed out Safari on iPhone."),
        ("/accounts/sessions/end-others/", "Signed out 0 other sessions."),
    ):
        response = laptop.post(path, headers={"HX-Request": "true"})
        fragment = response.content.decode()
        assert response.status_code == 200 and "<html" not in fragment, path
        assert f'id="sessions-said" data-testid="sessions-said">{said}</p>' in fragment, path
    assert "Signed out" not in laptop.get("/home/").content.decode()  # no message left queued


def test_without_js_ending_a_session_is_said_on_the_sessions_page(alice: User) -> None:
    laptop, phone = browser(), browser(agent=IPHONE)
    sign_in(laptop, alice.email)
    sign_in(phone, alice.email)
    phones = SignIn.objects.get(device="Safari on iPhone")
    ended = laptop.post(f"/accounts/sessions/{phones.pk}/end/", follow=True)
    assert ended.redirect_chain == [("/accounts/sessions/", 302)]
    assert "Signed out Safari on iPhone." in ended.content.decode()


@pytest.mark.parametrize("htmx", [False, True])
def test_ending_a_session_already_ended_in_another_tab_shows_the_list_saying_so(
    alice: User, htmx: bool
) -> None:
    laptop, phone = browser(), browser(agent=IPHONE)
    sign_in(laptop, alice.email)
    sign_in(phone, alice.email)
    path = f"/accounts/sessions/{SignIn.objects.get(device='Safari on iPhone').pk}/end/"
    laptop.post(path)  # the first tab
    again = laptop.post(path, headers=htmx_if(htmx))  # the second, opened before
    page = again.content.decode()
    assert again.status_code == 404  # an ended session's id is no one's, as someone else's is
    assert "That session had already ended." in page and 'id="sessions"' in page
    assert ("<html" in page) is not htmx and "Firefox on Linux" in page
    assert laptop.get("/home/").status_code == 200
