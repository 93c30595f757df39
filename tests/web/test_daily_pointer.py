"""Crisis words in the day's answer, or in the one-line reply to the partner's answer, bring their
writer the same gentle pointer to support as a check-in's: where the writer is (the page a form
goes back to, or the fragment htmx swaps in, never a message left for some later page), with the
private check offered again to them alone; nothing stored, the words never repeated, the
partner's pages untouched."""

from __future__ import annotations

import html
import logging

import pytest
from django.test import Client
from django.utils import timezone

from nearer.web.accounts.models import User
from nearer.web.safety.models import ScreenReminder
from tests.web.api.conftest import call
from tests.web.conftest import client_for, screen
from tests.web.test_safety import OFFER

POINTER = "you don't have to hold it alone"
LINK = '<a href="/support/">Ways to talk to someone</a>'
CRISIS = "I don't want to be alive anymore"
HTMX = {"HX-Request": "true"}


def day_url() -> str:
    return f"/daily/day/{timezone.localdate().isoformat()}/"


def read(response: object) -> str:
    return html.unescape(response.content.decode())  # type: ignore[attr-defined]


def answer(client: Client, text: str, htmx: bool = False) -> str:
    """The page the writer is on after sharing `text`: the one a plain form is sent back to, or
    the fragment htmx swaps in."""
    sent = {"text": text, "action": "answer"}
    response = client.post(day_url() + "answer/", sent, headers=HTMX if htmx else {}, follow=True)
    assert response.status_code == 200
    return read(response)


def revealed(alice: User, bob: User) -> None:
    for person, text in ((alice, "The sea at dawn."), (bob, "Our first flat.")):
        client_for(person).post(day_url() + "answer/", {"text": text, "action": "answer"})


def partners_pages(bob: User) -> str:
    client = client_for(bob)
    pages = [read(client.get(path)) for path in ("/home/", "/daily/today/", "/couple/")]
    return " ".join([*pages, str(call(bob, "GET", "/daily/today").json())])


@pytest.fixture
def screened_couple(couple: tuple[User, User]) -> tuple[User, User]:
    for person in couple:
        screen(person)
    return couple


@pytest.mark.parametrize("htmx", [False, True], ids=["form", "htmx"])
def test_crisis_words_in_the_days_answer_bring_its_writer_the_pointer_where_they_are(
    screened_couple: tuple[User, User], htmx: bool
) -> None:
    alice, _ = screened_couple
    client = client_for(alice)
    page = answer(client, CRISIS, htmx)
    assert POINTER in page and LINK in page
    assert ("<html" in page) != htmx  # the page itself, or the fragment with it inside
    assert POINTER not in read(client.get("/home/"))  # once, and never kept for later


def test_an_htmx_answer_leaves_no_message_waiting_for_some_later_page(
    screened_couple: tuple[User, User],
) -> None:
    alice, _ = screened_couple
    client = client_for(alice)
    answer(client, CRISIS, htmx=True)
    assert not client.cookies.get("messages") or not client.cookies["messages"].value
    for path in ("/plan/", "/daily/checkin/", "/home/"):
        assert POINTER not in read(client.get(path)), path


@pytest.mark.parametrize("htmx", [False, True], ids=["form", "htmx"])
def test_crisis_words_in_a_reply_bring_its_writer_the_pointer_on_the_day_they_go_back_to(
    screened_couple: tuple[User, User], htmx: bool
) -> None:
    alice, bob = screened_couple
    revealed(alice, bob)
    client = client_for(bob)
    sent = client.post(day_url() + "respond/", {"reply": CRISIS}, headers=HTMX if htmx else {})
    went = sent["HX-Redirect"] if htmx else sent["Location"]  # htmx goes there as a whole page
    assert went == day_url()
    page = read(client.get(went))
    assert POINTER in page and LINK in page
    assert POINTER not in read(client.get("/home/"))


def test_the_pointer_never_repeats_the_words_and_the_partner_is_told_nothing(
    screened_couple: tuple[User, User],
) -> None:
    alice, bob = screened_couple
    client = client_for(alice)
    page = answer(client, "Honestly I want to die", htmx=True)
    pointer = page.split('data-testid="support">')[1].split("</ul>")[0]
    assert POINTER in pointer and "want to die" not in pointer
    assert OFFER in read(client.get("/home/"))  # the private check offered again, to her
    assert POINTER not in partners_pages(bob) and OFFER not in read(client_for(bob).get("/home/"))


def test_a_reply_offers_the_check_again_to_its_writer_only(
    screened_couple: tuple[User, User],
) -> None:
    alice, bob = screened_couple
    revealed(alice, bob)
    client_for(bob).post(day_url() + "respond/", {"thank": "yes", "reply": CRISIS})
    assert OFFER in read(client_for(bob).get("/home/"))
    assert OFFER not in read(client_for(alice).get("/home/"))
    assert POINTER not in partners_pages(alice)


def test_nothing_is_kept_of_it_but_the_offer_no_flag_no_log_line(
    screened_couple: tuple[User, User], caplog: pytest.LogCaptureFixture
) -> None:
    alice, _ = screened_couple
    with caplog.at_level(logging.DEBUG):
        answer(client_for(alice), CRISIS)
    said = " ".join(record.getMessage() for record in caplog.records).lower()
    assert "alive" not in said and "crisis" not in said and "support" not in said
    assert list(ScreenReminder.objects.values_list("user_id", flat=True)) == [alice.pk]
    assert call(alice, "GET", "/daily/today").json()["support"] is None


@pytest.mark.parametrize("text", ["This commute is killing me, ha", "The lighthouse, always."])
def test_an_everyday_answer_or_reply_brings_no_pointer(
    screened_couple: tuple[User, User], text: str
) -> None:
    alice, bob = screened_couple
    assert POINTER not in answer(client_for(alice), text, htmx=True)
    revealed(alice, bob)
    client = client_for(bob)
    client.post(day_url() + "respond/", {"reply": text})
    assert POINTER not in read(client.get(day_url()))
    assert not ScreenReminder.objects.exists()


def test_a_pass_brings_no_pointer_whatever_the_box_held(screened_couple: tuple[User, User]) -> None:
    alice, _ = screened_couple
    client = client_for(alice)
    passed = client.post(day_url() + "answer/", {"text": CRISIS, "action": "pass"}, follow=True)
    assert POINTER not in read(passed)
    assert not ScreenReminder.objects.exists()


def test_the_api_answers_the_writer_of_an_answer_with_the_pointer_and_stores_nothing(
    screened_couple: tuple[User, User],
) -> None:
    alice, bob = screened_couple
    day = timezone.localdate().isoformat()
    saved = call(alice, "POST", f"/daily/{day}/answer", {"text": CRISIS})
    assert saved.status_code == 200 and POINTER in saved.json()["support"]
    assert CRISIS not in saved.json()["support"]
    assert call(alice, "GET", f"/daily/{day}").json()["support"] is None
    everyday = call(alice, "POST", f"/daily/{day}/answer", {"text": "A calm day."})
    assert everyday.json()["support"] is None
    assert call(alice, "POST", f"/daily/{day}/pass").json()["support"] is None
    assert call(bob, "GET", f"/daily/{day}").json()["support"] is None
    assert list(ScreenReminder.objects.values_list("user_id", flat=True)) == [alice.pk]


def test_the_api_answers_the_writer_of_a_reply_with_the_pointer_and_tells_the_partner_nothing(
    screened_couple: tuple[User, User],
) -> None:
    alice, bob = screened_couple
    revealed(alice, bob)
    day = timezone.localdate().isoformat()
    replied = call(bob, "POST", f"/daily/{day}/respond", {"reply": CRISIS})
    assert replied.status_code == 200 and POINTER in replied.json()["support"]
    thanked = call(bob, "POST", f"/daily/{day}/respond", {"thank": True})
    assert thanked.json()["support"] is None
    assert call(alice, "GET", f"/daily/{day}").json()["support"] is None
    assert list(ScreenReminder.objects.values_list("user_id", flat=True)) == [bob.pk]
