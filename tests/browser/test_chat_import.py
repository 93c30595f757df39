"""The chat import in a real browser: Alice uploads the demo couple's chat, the page follows the
background analysis by itself (HTMX polling), Bob agrees, and both see the result."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import OpenPage, assert_every_field_labelled
from tests.browser.test_journey import pair, sign_up
from tests.web.chats.conftest import demo_export


def test_an_imported_chat_is_shown_to_both_once_both_agree(open_page: OpenPage) -> None:
    alice, bob = open_page(), open_page(375)
    sign_up(alice, "alice@example.org", "Alice")
    sign_up(bob, "bob@example.org", "Bob")
    pair(alice, bob)

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

    bob.goto("/chats/")
    bob.get_by_role("link", name="See what it means and decide").click()
    expect(bob.get_by_test_id("result")).to_have_count(0)
    bob.get_by_role("button", name="I agree: show it to us both").click()
    expect(bob.get_by_test_id("result")).to_contain_text("Sign of intimacy")

    alice.reload()
    expect(alice.get_by_test_id("result")).to_contain_text("Something to try")
    assert "Sam" not in alice.get_by_test_id("result").inner_text()
