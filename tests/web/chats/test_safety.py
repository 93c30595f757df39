"""Chat analysis and the private safety check: closed to a couple until both have taken the check
without a concern, with one neutral sentence whoever's check it is; and alarming words in an
imported chat bring both people the offer to take their check again."""

from __future__ import annotations

import pytest

from nearer.web.accounts.models import User
from nearer.web.chats import services
from nearer.web.chats.models import ChatImport
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


def whatsapp(*lines: tuple[str, str]) -> bytes:
    text = "".join(
        f"0{day % 9 + 1}/03/2024, 21:{minute:02d} - {who}: {said}\n"
        for day, (who, said) in enumerate(lines)
        for minute in (day % 60,)
    )
    return text.encode()


@pytest.mark.parametrize("concern", [None, "alice", "bob"])
def test_the_import_is_closed_with_the_same_sentence_whatever_the_reason(
    concern: str | None,
) -> None:
    alice, bob = pair()
    screen(alice, concern=concern == "alice")
    if concern is not None:  # otherwise bob has not taken the check at all
        screen(bob, concern=concern == "bob")
    for person in (alice, bob):
        page = client_for(person).get("/chats/").content.decode()
        assert CLOSED in page and 'type="file"' not in page
        assert "concern" not in page.lower()
    refused = upload(client_for(alice), demo_export(), me="Sam")
    assert refused.status_code == 400 and CLOSED in refused.content.decode()
    assert not ChatImport.objects.exists()


def test_a_shared_result_is_hidden_while_a_new_check_shows_a_concern() -> None:
    alice, bob = pair()
    screen(alice), screen(bob)
    chat = finished(import_id(upload(client_for(alice), demo_export(), me="Sam")))
    client_for(bob).post(f"/chats/{chat.pk}/agree/")
    assert 'data-testid="result"' in client_for(alice).get(f"/chats/{chat.pk}/").content.decode()

    screen(bob, concern=True)
    for person in (alice, bob):
        page = client_for(person).get(f"/chats/{chat.pk}/").content.decode()
        assert 'data-testid="result"' not in page and CLOSED in page
    assert ChatImport.objects.get(pk=chat.pk).status == ChatImport.READY  # kept, not shown
    assert services.for_export(alice)[0]["report"] is None


def test_agreeing_waits_while_the_couple_space_is_closed() -> None:
    alice, bob = pair()
    screen(alice), screen(bob)
    chat = finished(import_id(upload(client_for(alice), demo_export(), me="Sam")))
    screen(alice, concern=True)
    assert not services.waiting_for(bob).exists()
    client_for(bob).post(f"/chats/{chat.pk}/agree/")
    assert ChatImport.objects.get(pk=chat.pk).partner_agreed_at is None
    assert "See what it means and decide" not in client_for(bob).get("/chats/").content.decode()


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
        assert (OFFER in home) is offered  # in the periodic offer's words: no reason given


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
