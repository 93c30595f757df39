"""Safety in the web app: quick exit (signed in or not), signed-in pages and the support page never
stored, the support page one tap away, and the private check offered again every few weeks or
at once after a private note's or an imported chat's alarming words, saying only what is true."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client
from django.utils import timezone

from nearer.web.accounts.models import User
from nearer.web.assessments import services as assessments
from nearer.web.assessments.models import Run
from tests.web.api.conftest import call
from tests.web.chats.conftest import finished, import_id, upload
from tests.web.conftest import client_for, make_couple, make_user, screen
from tests.web.test_neutral_texts import every_page_path

OFFER = 'data-testid="check-again"'  # the offer to take the private check again, in any words
WEEKS = "It has been a while since your private check."  # only when it is true
ANY_TIME = "You can take the private check again whenever you like"
SIGNED_OUT_PAGES = (
    "/support/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
)


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


def test_the_quick_exit_button_is_on_every_page_a_signed_out_visitor_reaches() -> None:
    for path in (*SIGNED_OUT_PAGES, "/accounts/password/reset/sent/"):
        html = Client().get(path).content.decode()
        assert 'id="quick-exit"' in html and 'action="/exit/"' in html, path
        assert "quick-exit.js" in html, path
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path  # no inline script
        assert not re.search(r"\son[a-z]+=", html), path  # no on* handler attributes
    assert "quick-exit" not in Client().get("/weather/").content.decode()  # looks unrelated


def test_the_quick_exit_comes_first_in_the_tab_order(alice: User) -> None:
    html = client_for(alice).get("/home/").content.decode()
    body = html[html.index("<body") :]
    assert body.index('id="quick-exit"') < body.index("Skip to content") < body.index("<nav")
    for path in SIGNED_OUT_PAGES:
        html = Client().get(path).content.decode()
        body = html[html.index("<body") :]
        assert body.index('id="quick-exit"') < body.index("Skip to content"), path
        assert body.index("Skip to content") < body.index("<header"), path


def test_quick_exit_signed_out_clears_the_session_and_lands_on_the_neutral_page(db: None) -> None:
    client = Client(enforce_csrf_checks=True)
    page = client.get("/support/?country=US").content.decode()
    token = re.search(r'id="quick-exit".*?name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token, "the signed-out quick exit form carries its CSRF token"
    session = client.session  # what an anonymous visit can hold, e.g. a half-done reset
    session["_password_reset_token"] = "set-password"
    session.save()
    response = client.post("/exit/", {"csrfmiddlewaretoken": token.group(1)})
    assert response.status_code == 303 and response["Location"] == "/weather/"
    assert response["Clear-Site-Data"] == '"cache"'
    cookie = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == 0 and not type(session)().exists(session.session_key)
    assert client.get("/weather/").status_code == 200


def test_quick_exit_with_a_stale_token_still_leaves(alice: User) -> None:
    # Signing in or out in another tab replaces the token the open page's form carries.
    client = client_for(alice)
    client.handler.enforce_csrf_checks = True
    response = client.post("/exit/", {"csrfmiddlewaretoken": "stale" * 8})
    assert response.status_code == 303 and response["Location"] == "/weather/"
    assert "_auth_user_id" not in client.session


def test_signed_in_pages_are_never_stored_by_the_browser(alice: User) -> None:
    response = client_for(alice).get("/home/")
    assert "no-store" in response["Cache-Control"]


def test_the_support_page_is_never_stored_signed_in_or_not(alice: User) -> None:
    for client in (Client(), client_for(alice)):
        for path in ("/support/", "/support/?country=US"):
            response = client.get(path)
            assert response.status_code == 200
            assert "no-store" in response.get("Cache-Control", ""), (path, client)


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
    home = client_for(alice).get("/home/").content.decode()
    assert OFFER in home and WEEKS in home and ANY_TIME not in home


def test_not_now_puts_the_offer_away_until_the_next_period(alice: User) -> None:
    screened(alice, weeks_ago=7)
    client = client_for(alice)
    assert client.post("/check-again/not-now/").status_code == 302
    assert OFFER not in client.get("/home/").content.decode()


@pytest.mark.parametrize("weeks", [2])
def test_the_period_is_a_setting(alice: User, settings: object, weeks: int) -> None:
    settings.SAFETY_RESCREEN_WEEKS = weeks  # type: ignore[attr-defined]
    screened(alice, weeks_ago=3)
    home = client_for(alice).get("/home/").content.decode()
    assert OFFER in home and WEEKS in home


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


def test_quick_exit_before_the_saved_page_opens_leaves_no_message_for_the_next_person(
    alice: User,
) -> None:
    """Leaving quickly while the check-in is being saved: its "saved" message and the pointer
    wait for the page after it, which is never opened; the next sign-in page must not show them."""
    client = client_for(alice)
    saved = client.post("/daily/checkin/", {**CHECKIN, "note": "I want to die"})
    assert saved.status_code == 302 and client.cookies.get("messages")
    left = client.post("/exit/")
    assert left.cookies["messages"].value == ""  # the cookie is cleared, not kept
    page = client.get("/accounts/login/").content.decode().replace("&#x27;", "'")
    assert POINTER not in page and "Check-in saved" not in page


def test_fear_in_a_private_note_offers_the_private_check_again_to_its_writer_only(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    screened(alice, weeks_ago=1)
    screened(bob, weeks_ago=1)
    check_in(client_for(alice), "He hit me again last night. I am afraid of him.")
    assert OFFER in client_for(alice).get("/home/").content.decode()
    assert OFFER not in client_for(bob).get("/home/").content.decode()


def test_the_offer_after_a_note_says_no_weeks_have_passed(alice: User) -> None:
    screen(alice)  # seconds ago
    check_in(client_for(alice), "I am scared of him when he drinks")
    home = client_for(alice).get("/home/").content.decode()
    assert OFFER in home and ANY_TIME in home
    assert "weeks" not in home.split(OFFER)[1].split("</div>")[0]
    assert "note" not in home.split(OFFER)[1].split("</div>")[0]  # and no reason


def test_the_offer_says_weeks_have_passed_when_they_have_whatever_brought_it(
    alice: User,
) -> None:
    screened(alice, weeks_ago=7)
    client = client_for(alice)
    client.post("/check-again/not-now/")
    check_in(client, "I am scared of him when he drinks")
    home = client.get("/home/").content.decode()
    assert OFFER in home and WEEKS in home and ANY_TIME not in home


def alarming_chat() -> bytes:
    lines = [("Sam", "home soon?"), ("Alex", "yes, ten minutes"), ("Sam", "I'm scared of you")]
    return "".join(
        f"0{day % 9 + 1}/03/2024, 21:{day:02d} - {who}: {said}\n"
        for day, (who, said) in enumerate(lines * 4)
    ).encode()


@pytest.mark.django_db(transaction=True)  # the chat is analysed in its own thread
def test_the_offer_after_a_chat_says_no_weeks_have_passed_to_either_of_them(
    settings: object, tmp_path: Path
) -> None:
    settings.CHAT_UPLOAD_DIR = tmp_path  # type: ignore[attr-defined]
    alice, bob = make_user("alice"), make_user("bob")
    make_couple(alice, bob)
    screen(alice), screen(bob)
    finished(import_id(upload(client_for(alice), alarming_chat(), me="Sam")))
    for person in (alice, bob):
        home = client_for(person).get("/home/").content.decode()
        assert OFFER in home and ANY_TIME in home, person
        assert "weeks" not in home.split(OFFER)[1].split("</div>")[0], person


def test_the_pointer_is_shown_once_and_not_kept(alice: User) -> None:
    client = client_for(alice)
    check_in(client, "He said he'd kill me if I left")
    assert POINTER not in client.get("/home/").content.decode().replace("&#x27;", "'")


def test_an_everyday_note_brings_no_pointer(alice: User) -> None:
    assert POINTER not in check_in(client_for(alice), "This traffic is killing me, ha")


@pytest.mark.parametrize("field", ["appreciation", "need"])
@pytest.mark.parametrize("shared", [False, True], ids=["kept private", "shared"])
def test_crisis_words_in_an_appreciation_or_need_bring_the_pointer_shared_or_not(
    couple: tuple[User, User], field: str, shared: bool
) -> None:
    """Shared, they brought none: "I want to kill myself" as a need for the partner to read
    left its writer with no pointer, and the partner read it on the dashboard."""
    alice, bob = couple
    screened(alice, weeks_ago=1)
    screened(bob, weeks_ago=1)
    sent = {**CHECKIN, field: "Honestly some days I don't want to be alive"}
    if shared:
        sent[f"{field}_shared"] = "on"
    page = client_for(alice).post("/daily/checkin/", sent, follow=True).content.decode()
    assert POINTER in page.replace("&#x27;", "'")
    assert OFFER in client_for(alice).get("/home/").content.decode()
    assert POINTER not in client_for(bob).get("/home/").content.decode().replace("&#x27;", "'")
    assert OFFER not in client_for(bob).get("/home/").content.decode()


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


def test_error_pages_have_the_quick_exit_first_and_it_needs_no_token(alice: User) -> None:
    for client in (client_for(alice), Client()):
        html = client.get("/no/such/page/").content.decode()
        body = html[html.index("<body") :]
        assert body.index('id="quick-exit"') < body.index("<header")
        assert "quick-exit.js" in html and 'action="/exit/"' in body
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/exit/")  # what the error page's form sends: no token at all
    assert response.status_code == 303 and response["Location"] == "/weather/"


def test_a_sealed_gate_is_as_long_for_a_concern_as_for_an_all_clear(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    screen(alice), screen(bob, concern=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT gate FROM assessments_run WHERE instrument = 'safety'")
        lengths = {len(row[0]) for row in cursor.fetchall()}
    assert len(lengths) == 1
    assert assessments.safety_gate(alice).clear and assessments.safety_gate(bob).concern


def test_support_after_a_concern_starts_with_the_helplines_of_ones_time_zone(alice: User) -> None:
    User.objects.filter(pk=alice.pk).update(time_zone="Europe/London")
    alice.refresh_from_db()
    screen(alice, concern=True)
    client = client_for(alice)
    for path in ("/assessments/safety/result/", "/assessments/report/"):
        assert "Call 999." in client.get(path).content.decode()
    assert "Call 999." not in client.get("/assessments/safety/result/?country=US").content.decode()
    listed = client.get("/api/v1/assessments/safety").json()["resources"]
    assert any(r["contact"] == "Call 999." for r in listed)


def test_the_safety_check_leads_to_the_same_page_whatever_it_found(alice: User, bob: User) -> None:
    safety = assessments.instrument("safety")
    assert safety is not None
    for person, answer in ((alice, safety.response.max), (bob, safety.response.min)):
        sent = client_for(person).post(
            "/assessments/safety/take/", {item.id: answer for item in safety.items}
        )
        assert sent.status_code == 302 and sent["Location"] == "/assessments/safety/result/"


def test_the_helplines_of_a_time_zone_known_by_another_name_come_first_too() -> None:
    from nearer.web.safety.countries import country_for

    assert [country_for(None, zone) for zone in ("US/Eastern", "GB", "Asia/Calcutta")] == [
        "US",
        "GB",
        "IN",
    ]
    assert country_for(None, "UTC") == "" and country_for("nz", "US/Eastern") == "NZ"


def test_a_countrys_own_emergency_number_is_not_followed_by_the_general_one(alice: User) -> None:
    User.objects.filter(pk=alice.pk).update(time_zone="America/Toronto")
    alice.refresh_from_db()
    screen(alice, concern=True)
    listed = call(alice, "GET", "/assessments/safety").json()["resources"]
    names = [r["name"] for r in listed]
    assert names.count("Emergency services") == 1 and listed[0]["name"] == "Emergency services"
