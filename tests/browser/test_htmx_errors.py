"""What htmx does with an answer that is not a success: a refused form shows its reason where it
was sent, and a whole error page replaces the whole page (never nothing, never a page in a page)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import OpenPage
from tests.browser.test_journey import sign_up


def test_a_refused_htmx_answer_shows_its_reason_in_place(open_page: OpenPage) -> None:
    page = open_page()
    sign_up(page, "alice@example.org", "Alice")
    page.goto("/daily/today/")
    page.evaluate("window.notReloaded = true")
    with page.expect_response(re.compile(r"/answer/$")) as answered:
        page.get_by_role("button", name="Share my answer").click()
    assert answered.value.status == 400
    expect(page.locator("#question")).to_contain_text("Write an answer, or pass for today.")
    assert page.evaluate("window.notReloaded === true")
    # Focus lands on the reason, not on <body>: the keyboard and a screen reader are told.
    expect(page.locator("#question [role=alert]")).to_be_focused()


def test_an_error_page_answering_htmx_takes_the_whole_page(open_page: OpenPage) -> None:
    page = open_page()
    sign_up(page, "alice@example.org", "Alice")
    page.goto("/daily/today/")
    page.evaluate("htmx.ajax('GET', '/no-such-page/', {target: '#question'})")
    expect(page.get_by_role("heading", name="Not found")).to_be_visible()
    expect(page.locator("header.top")).to_have_count(1)
    expect(page.locator("#question")).to_have_count(0)
