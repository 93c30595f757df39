"""Safety in the web app: quick exit, signed-in pages never stored, the support page one tap away,
and the private check offered again every few weeks."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from nearer.web.accounts.models import User
from nearer.web.assessments.models import Run
from tests.web.conftest import client_for
from tests.web.test_neutral_texts import every_page_path

OFFER = "since your private check"


def screened(user: User, weeks_ago: float) -> None:
    when = timezone.now() - timedelta(weeks=weeks_ago)
    Run.objects.create(
        user=user, instrument="safety", answers={}, started_at=when, completed_at=when
    )


def test_quick_exit_ends_the_session_and_lands_on_a_neutral_page(alice: User) -> None:
    client = client_for(alice)
    response = client.post("/exit/")
    assert response.status_code == 303 and response["Location"] == "/weather/"
    assert response["Clear-Site-Data"] == '"cache"'
    assert client.get("/home/").status_code == 302  # signed out
    neutral = client.get("/weather/").content.decode()
    assert "<title>Weather</title>" in neutral
    assert "nearer" not in neutral.lower().replace("static/weather", "")
    assert "support" not in neutral.lower() and "Alice" not in neutral


def test_the_quick_exit_button_is_on_every_signed_in_page_without_inline_script(
    couple: tuple[User, User],
) -> None:
    alice, _ = couple
    client = client_for(alice)
    for path in ("/home/", "/daily/today/", "/daily/checkin/", "/couple/", "/support/"):
        html = client.get(path).content.decode()
        assert 'id="quick-exit"' in html and 'action="/exit/"' in html, path
        assert "quick-exit.js" in html
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path  # no inline script
        assert not re.search(r"\son[a-z]+=", html), path  # no on* handler attributes


def test_the_quick_exit_comes_first_in_the_tab_order(alice: User) -> None:
    html = client_for(alice).get("/home/").content.decode()
    body = html[html.index("<body") :]
    assert body.index('id="quick-exit"') < body.index("Skip to content") < body.index("<nav")


def test_signed_in_pages_are_never_stored_by_the_browser(alice: User) -> None:
    response = client_for(alice).get("/home/")
    assert "no-store" in response["Cache-Control"]


def test_the_support_page_is_one_tap_away_on_every_page_signed_in_or_not(alice: User) -> None:
    for client, paths in (
        (Client(), ("/accounts/login/", "/accounts/signup/", "/accounts/password/reset/")),
        (client_for(alice), ("/home/", "/daily/checkin/", "/accounts/profile/", "/assessments/")),
    ):
        for path in paths:
            html = client.get(path).content.decode()
            header = html.split("</header>")[0]
            assert 'href="/support/"' in header, path
    assert Client().get("/support/").status_code == 200


def test_the_private_check_is_offered_again_after_six_weeks(alice: User) -> None:
    screened(alice, weeks_ago=5)
    assert OFFER not in client_for(alice).get("/home/").content.decode()
    screened(alice, weeks_ago=7)
    Run.objects.filter(user=alice, completed_at__gt=timezone.now() - timedelta(weeks=6)).delete()
    assert OFFER in client_for(alice).get("/home/").content.decode()


def test_not_now_puts_the_offer_away_until_the_next_period(alice: User) -> None:
    screened(alice, weeks_ago=7)
    client = client_for(alice)
    assert client.post("/check-again/not-now/").status_code == 302
    assert OFFER not in client.get("/home/").content.decode()


@pytest.mark.parametrize("weeks", [2])
def test_the_period_is_a_setting(alice: User, settings: object, weeks: int) -> None:
    settings.SAFETY_RESCREEN_WEEKS = weeks  # type: ignore[attr-defined]
    screened(alice, weeks_ago=3)
    assert OFFER in client_for(alice).get("/home/").content.decode()


def test_the_partner_never_sees_the_offer(couple: tuple[User, User]) -> None:
    alice, bob = couple
    screened(alice, weeks_ago=7)
    screened(bob, weeks_ago=1)
    assert OFFER not in client_for(bob).get("/home/").content.decode()
    assert OFFER not in str(client_for(bob).get("/api/v1/dashboard").json())


CHECKIN = {
    "pleasantness": 2, "energy": 2, "closeness": 3, "shared_feelings": 2,
    "understood": 2, "validated": 2, "cared_for": 2, "stress": 4,
}  # fmt: skip
POINTER = "you don't have to hold it alone"


def check_in(client: Client, note: str) -> str:
    response = client.post("/daily/checkin/", {**CHECKIN, "note": note}, follow=True)
    assert response.status_code == 200
    return response.content.decode().replace("&#x27;", "'")


def test_crisis_words_in_a_private_note_bring_its_writer_a_gentle_pointer(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    page = check_in(client_for(alice), "I keep thinking I want to hurt myself")
    assert POINTER in page and 'href="/support/">Ways to talk to someone' in page
    assert "hurt myself" not in page  # the pointer never repeats the note
    for path in ("/home/", "/daily/today/", "/couple/"):
        assert POINTER not in client_for(bob).get(path).content.decode().replace("&#x27;", "'")
    assert POINTER not in str(client_for(bob).get("/api/v1/dashboard").json())


def test_fear_in_a_private_note_offers_the_private_check_again_to_its_writer_only(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    screened(alice, weeks_ago=1)
    screened(bob, weeks_ago=1)
    check_in(client_for(alice), "He hit me again last night. I am afraid of him.")
    assert OFFER in client_for(alice).get("/home/").content.decode()
    assert OFFER not in client_for(bob).get("/home/").content.decode()


def test_the_pointer_is_shown_once_and_not_kept(alice: User) -> None:
    client = client_for(alice)
    check_in(client, "He said he'd kill me if I left")
    assert POINTER not in client.get("/home/").content.decode().replace("&#x27;", "'")


def test_an_everyday_note_brings_no_pointer(alice: User) -> None:
    assert POINTER not in check_in(client_for(alice), "This traffic is killing me, ha")


def test_crisis_words_in_an_appreciation_kept_private_bring_the_pointer_but_not_once_shared(
    alice: User,
) -> None:
    words = "Honestly some days I don't want to be alive"
    kept = client_for(alice).post(
        "/daily/checkin/", {**CHECKIN, "appreciation": words}, follow=True
    )
    assert POINTER in kept.content.decode().replace("&#x27;", "'")
    shared = {**CHECKIN, "appreciation": words, "appreciation_shared": "on"}
    page = client_for(alice).post("/daily/checkin/", shared, follow=True).content.decode()
    assert POINTER not in page.replace("&#x27;", "'")


def test_the_api_answers_its_writer_with_the_pointer_and_stores_nothing(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    day = timezone.localdate().isoformat()
    body = {**CHECKIN, "emotion_words": [], "appreciation": "", "need": "",
            "appreciation_shared": False, "need_shared": False,
            "note": "I keep thinking I want to hurt myself"}  # fmt: skip
    saved = client_for(alice).put(f"/api/v1/checkins/{day}", body, content_type="application/json")
    assert saved.status_code == 200 and POINTER in saved.json()["support"]
    assert client_for(alice).get(f"/api/v1/checkins/{day}").json()["support"] is None
    everyday = {**body, "note": "A slow, calm day."}
    again = client_for(alice).put(
        f"/api/v1/checkins/{day}", everyday, content_type="application/json"
    )
    assert again.json()["support"] is None
    assert POINTER not in str(client_for(bob).get("/api/v1/checkins/partner").json())


def test_every_page_but_the_neutral_one_links_to_support_in_its_header(
    couple: tuple[User, User],
) -> None:
    alice, _ = couple
    for client in (client_for(alice), Client()):
        for path in every_page_path():
            response = client.get(path)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            header = response.content.decode().split("</header>")[0]
            if path == "/weather/":
                assert "/support/" not in header  # the neutral page must look unrelated
            else:
                assert 'href="/support/"' in header, path


def test_error_pages_link_to_support_in_their_header_too(alice: User) -> None:
    for client in (client_for(alice), Client()):
        response = client.get("/no/such/page/")
        assert response.status_code == 404
        assert 'href="/support/"' in response.content.decode().split("</header>")[0]
