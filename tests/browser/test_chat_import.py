"""The chat import in a real browser: Alice uploads the demo couple's chat, the page follows the
background analysis by itself (HTMX polling), Bob agrees, and both see the result."""

from __future__ import annotations

import re

from django.conf import settings
from django.test import Client
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from nearer.web.accounts.models import User
from nearer.web.chats import stored
from nearer.web.chats.models import ChatImport
from nearer.web.couples import services as couples
from tests.browser.conftest import OpenPage, assert_every_field_labelled
from tests.web.chats.conftest import demo_export
from tests.web.chats.test_stored import demo_report
from tests.web.conftest import make_couple, make_user, screen


def goto_once_written(page: Page, path: str) -> None:
    """Open `path`, again while it answers 503: the live server's SQLite database is in memory,
    shared between threads, where a table the analysis thread is still writing is "locked" at
    once rather than waited for (a file database waits), which the app answers with a 503."""
    for _ in range(20):
        response = page.goto(path)
        if response is None or response.status != 503:
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"{path} stayed unavailable")


def signed_in(page: Page, user: User, server: LiveServer) -> Page:
    """The page's browser signed in as `user` (signing up is tested in test_journey)."""
    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    page.context.add_cookies(
        [{"name": name, "value": client.cookies[name].value, "url": server.url}]
    )
    return page


def test_an_imported_chat_is_shown_to_both_once_both_agree(
    open_page: OpenPage, live_server: LiveServer
) -> None:
    people = make_user("alice"), make_user("bob")
    make_couple(*people)
    for person in people:
        screen(person)  # chat analysis opens once both have taken the private check
    alice = signed_in(open_page(), people[0], live_server)
    bob = signed_in(open_page(375), people[1], live_server)

    alice.goto("/chats/")
    assert_every_field_labelled(alice)
    alice.get_by_label("Your name as it appears in the chat").fill("Sam")
    export = {"name": "WhatsApp Chat with Alex.txt", "mimeType": "text/plain"}
    alice.get_by_label("Your export").set_input_files({**export, "buffer": demo_export()})
    alice.get_by_role("button", name="Read it and keep only counts").click()
    expect(alice).to_have_url(re.compile(r"/chats/\d+/$"))
    # No reload: the state fragment polls until the analysis is done.
    expect(alice.get_by_test_id("awaiting")).to_be_visible(timeout=30_000)
    expect(alice.get_by_test_id("result")).to_have_count(0)

    goto_once_written(bob, "/chats/")
    bob.get_by_role("link", name="See what it means and decide").click()
    expect(bob.get_by_test_id("result")).to_have_count(0)
    bob.get_by_role("button", name="I agree: show it to us both").click()
    expect(bob.get_by_test_id("result")).to_contain_text("Sign it speaks to")

    alice.reload()
    expect(alice.get_by_test_id("result")).to_contain_text("Something to try")
    assert "Sam" not in alice.get_by_test_id("result").inner_text()


def test_the_poll_says_the_counting_is_done_inside_the_live_region_it_keeps(
    open_page: OpenPage, live_server: LiveServer
) -> None:
    alice, bob = make_user("alice"), make_user("bob")
    make_couple(alice, bob)
    chat = ChatImport.objects.create(
        couple=couples.couple_of(alice), uploader=alice, partner=bob, status=ChatImport.ANALYSING
    )
    page = signed_in(open_page(), alice, live_server)
    page.goto(f"/chats/{chat.pk}/")
    expect(page.get_by_test_id("working")).to_be_visible()
    page.evaluate("window.live = document.getElementById('state').closest('[aria-live]')")
    chat.status, chat.report = ChatImport.READY, stored.keep(demo_report())
    chat.save()
    expect(page.get_by_test_id("ready")).to_have_text("The counting is done.")
    # A screen reader speaks changes inside a live region it already knows, not a new one.
    assert page.evaluate(
        "window.live.isConnected && window.live.contains(document.getElementById('state'))"
    )
