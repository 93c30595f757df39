"""Chat analysis and the private safety check: closed until both have taken the check, and closed
to a person whose own check is not clear, with one neutral sentence whoever's check it is; never
a change on the other partner's pages when a concern is raised; and alarming words in an
imported chat bring both people the offer to take their check again."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from nearer.content.loader import default_content
from nearer.domain.safety import withholds_practice
from nearer.web.accounts.models import User
from nearer.web.chats import services, stored
from nearer.web.chats.models import ChatImport
from nearer.web.couples import services as couples
from tests.web.api.conftest import call
from tests.web.chats.conftest import demo_export, finished, import_id, upload
from tests.web.conftest import client_for, make_couple, make_user, screen
from tests.web.test_safety import OFFER

pytestmark = pytest.mark.django_db(transaction=True)  # the analysis runs in its own thread
CLOSED = "Chat import is closed in this couple space for now."


def pair() -> tuple[User, User]:
    """Alice and Bob in one couple space, neither of them screened yet."""
    alice, bob = make_user("alice"), make_user("bob")
    make_couple(alice, bob)
    return alice, bob


def seen(client: Client, path: str) -> str:
    """The page at `path`, without the CSRF tokens that differ from one request to the next."""
    page = client.get(path).content.decode()
    return re.sub(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+', r"\1", page)


def whatsapp(*lines: tuple[str, str]) -> bytes:
    text = "".join(
        f"0{day % 9 + 1}/03/2024, 21:{minute:02d} - {who}: {said}\n"
        for day, (who, said) in enumerate(lines)
        for minute in (day % 60,)
    )
    return text.encode()


def test_the_import_is_closed_to_both_until_both_have_taken_the_check() -> None:
    alice, bob = pair()
    screen(alice)
    for person in (alice, bob):
        page = client_for(person).get("/chats/").content.decode()
        assert CLOSED in page and 'type="file"' not in page
    refused = upload(client_for(alice), demo_export(), me="Sam")
    assert refused.status_code == 400 and CLOSED in refused.content.decode()
    assert not ChatImport.objects.exists()


@pytest.mark.parametrize("concern", ["alice", "bob"])
def test_a_concern_closes_the_import_to_that_person_alone_in_the_same_words(
    concern: str,
) -> None:
    alice, bob = pair()
    screen(alice, concern=concern == "alice"), screen(bob, concern=concern == "bob")
    worried, other = (alice, bob) if concern == "alice" else (bob, alice)
    page = client_for(worried).get("/chats/").content.decode()
    assert CLOSED in page and 'type="file"' not in page and "concern" not in page.lower()
    refused = upload(client_for(worried), demo_export(), me="Sam")
    assert refused.status_code == 400 and CLOSED in refused.content.decode()
    assert 'type="file"' in client_for(other).get("/chats/").content.decode()


def test_the_partners_chat_pages_do_not_change_when_a_concern_is_raised() -> None:
    alice, bob = pair()
    screen(alice), screen(bob)
    shared = finished(import_id(upload(client_for(alice), demo_export(), me="Sam")))
    client_for(bob).post(f"/chats/{shared.pk}/agree/")
    waiting = finished(import_id(upload(client_for(alice), demo_export(), me="Sam")))
    paths = ("/chats/", f"/chats/{shared.pk}/", f"/chats/{waiting.pk}/", "/api/v1/chats")
    alices = client_for(alice)
    before = [seen(alices, path) for path in paths]
    assert 'data-testid="result"' in before[1]

    screen(bob, concern=True)
    assert [seen(alices, path) for path in paths] == before
    exported = {row["id"]: row["report"] for row in services.for_export(alice)}
    assert exported[shared.pk] is not None


def test_no_result_names_a_practice_the_page_withholds() -> None:
    alice, bob = pair()
    screen(alice), screen(bob)
    chat = finished(import_id(upload(client_for(alice), demo_export(), me="Sam")))
    client_for(bob).post(f"/chats/{chat.pk}/agree/")
    withheld = {p.id for p in default_content().practices if withholds_practice(p)}
    api = client_for(bob).get(f"/api/v1/chats/{chat.pk}").json()["result"]
    exported = services.for_export(bob)[0]["report"]
    kept = ChatImport.objects.get(pk=chat.pk).report
    for document in (api, exported, kept):
        named = {finding["practice"] for finding in document["findings"]}
        assert named - {None} and not named & withheld, named


def test_a_shared_result_is_hidden_from_the_person_whose_new_check_shows_a_concern() -> None:
    alice, bob = pair()
    screen(alice), screen(bob)
    chat = finished(import_id(upload(client_for(alice), demo_export(), me="Sam")))
    client_for(bob).post(f"/chats/{chat.pk}/agree/")

    screen(bob, concern=True)
    page = client_for(bob).get(f"/chats/{chat.pk}/").content.decode()
    assert 'data-testid="result"' not in page and CLOSED in page
    assert ChatImport.objects.get(pk=chat.pk).status == ChatImport.READY  # kept, not shown
    assert services.for_export(bob)[0]["report"] is None
    screen(bob)
    assert 'data-testid="result"' in client_for(bob).get(f"/chats/{chat.pk}/").content.decode()


def test_a_person_whose_check_shows_a_concern_is_not_asked_to_agree() -> None:
    alice, bob = pair()
    screen(alice), screen(bob)
    chat = finished(import_id(upload(client_for(alice), demo_export(), me="Sam")))
    screen(bob, concern=True)
    assert not services.waiting_for(bob).exists()
    client_for(bob).post(f"/chats/{chat.pk}/agree/")
    assert ChatImport.objects.get(pk=chat.pk).partner_agreed_at is None
    assert "See what it means and decide" not in client_for(bob).get("/chats/").content.decode()


def test_which_chat_is_asked_about_is_not_shown_to_a_person_it_is_closed_to() -> None:
    alice, bob = pair()
    screen(alice), screen(bob)
    chat = finished(import_id(upload(client_for(alice), demo_export(), me="Sam")))
    screen(bob, concern=True)
    assert call(bob, "GET", f"/chats/{chat.pk}").json()["asked"] is None
    assert 'data-testid="asked"' not in client_for(bob).get(f"/chats/{chat.pk}/").content.decode()
    assert call(alice, "GET", f"/chats/{chat.pk}").json()["asked"] is not None  # hers, as before


@pytest.mark.parametrize(
    ("said", "offered"),
    [("I'm scared of you when you shout like that", True), ("see you at eight x", False)],
)
def test_alarming_words_in_a_chat_offer_both_their_check_again(said: str, offered: bool) -> None:
    alice, bob = pair()
    screen(alice), screen(bob)
    lines = [("Sam", "home soon?"), ("Alex", "yes, ten minutes"), ("Sam", said)] * 4
    chat = finished(import_id(upload(client_for(alice), whatsapp(*lines), me="Sam")))
    assert chat.status == ChatImport.READY
    for person in (alice, bob):
        home = client_for(person).get("/home/").content.decode()
        assert (OFFER in home) is offered  # with no reason given (safety.reminders)


def test_the_offer_after_a_chat_is_put_away_by_not_now_or_by_a_new_check() -> None:
    alice, bob = pair()
    screen(alice), screen(bob)
    lines = [("Sam", "give me your password"), ("Alex", "no")] * 3
    finished(import_id(upload(client_for(alice), whatsapp(*lines), me="Sam")))
    client_for(alice).post("/check-again/not-now/")
    assert OFFER not in client_for(alice).get("/home/").content.decode()
    assert OFFER in client_for(bob).get("/home/").content.decode()
    screen(bob)
    assert OFFER not in client_for(bob).get("/home/").content.decode()


def test_a_result_never_suggests_what_needs_safety_whatever_the_checks_say() -> None:
    alice, bob = pair()
    screen(alice), screen(bob)
    shared = finished(import_id(upload(client_for(alice), demo_export(), me="Sam")))
    later = finished(import_id(upload(client_for(alice), demo_export(), me="Sam")))
    client_for(bob).post(f"/chats/{shared.pk}/agree/")
    screen(alice, concern=True)  # bob, still clear, may agree to what she imported before
    client_for(bob).post(f"/chats/{later.pk}/agree/")
    bobs = client_for(bob)
    before, after = (seen(bobs, f"/chats/{chat.pk}/") for chat in (shared, later))
    assert 'data-testid="result"' in before
    assert re.sub(r"/chats/\d+/", "", before) == re.sub(r"/chats/\d+/", "", after)
    offered = stored.suggestions()
    assert offered and not [p.id for p in offered if withholds_practice(p)]


def test_someone_who_left_learns_nothing_of_who_joined_after_or_of_their_check() -> None:
    alice, bob = pair()
    screen(alice), screen(bob)
    chat = finished(import_id(upload(client_for(alice), demo_export(), me="Sam")))
    client_for(bob).post(f"/chats/{chat.pk}/agree/")
    couples.leave(bob)
    paths = ("/chats/", f"/chats/{chat.pk}/", "/api/v1/chats", f"/api/v1/chats/{chat.pk}")
    bobs = client_for(bob)
    before = [seen(bobs, path) for path in paths]
    dave = make_user("dave")
    couples.join(dave, couples.invite(alice))
    assert [seen(bobs, path) for path in paths] == before  # dave has not taken his check
    screen(dave, concern=True)
    assert [seen(bobs, path) for path in paths] == before
