"""Focus after htmx swaps: a swap the person started takes focus to what changed; a swap nobody
asked for (a status polled every few seconds) leaves focus where the person put it."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import OpenPage
from tests.browser.test_journey import sign_up

POLL = (
    "htmx.ajax('GET', '/daily/today/',"
    " {target: '#question', select: '#question', swap: 'outerHTML'})"
)


def test_a_swap_nobody_asked_for_leaves_focus_on_the_menu(open_page: OpenPage) -> None:
    page = open_page()
    sign_up(page, "alice@example.org", "Alice")
    page.goto("/daily/today/")
    menu = page.get_by_role("link", name="Plan")
    menu.focus()
    with page.expect_response("**/daily/today/"):
        page.evaluate(POLL)
    page.wait_for_timeout(300)  # htmx settles after the swap
    expect(menu).to_be_focused()


def test_a_swap_nobody_asked_for_gives_focus_back_to_the_same_button(open_page: OpenPage) -> None:
    page = open_page()
    sign_up(page, "alice@example.org", "Alice")
    page.goto("/daily/today/")
    page.locator("#question").get_by_role("button", name="Share my answer").focus()
    with page.expect_response("**/daily/today/"):
        page.evaluate(POLL)
    page.wait_for_timeout(300)
    expect(page.locator("#question").get_by_role("button", name="Share my answer")).to_be_focused()


def test_marking_a_practice_done_keeps_focus_on_that_practice(open_page: OpenPage) -> None:
    page = open_page()
    sign_up(page, "alice@example.org", "Alice")
    page.goto("/plan/")
    second = page.locator("#practices article").nth(1)
    title = second.get_by_role("heading", level=2).inner_text()
    second.get_by_role("button", name="Mark done today").focus()
    with page.expect_response("**/plan/done/**"):
        page.keyboard.press("Enter")
    marked = page.locator("#practices article", has_text=title)
    expect(marked.get_by_text("Done today")).to_be_focused()
    # The next Tab goes on from there, never back to the first practice's button.
    page.keyboard.press("Tab")
    expect(page.locator("#practices article").nth(0).get_by_role("button")).not_to_be_focused()
