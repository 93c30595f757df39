"""Quick exit in a real browser: Escape twice (or the button, with or without JavaScript) swaps
the page for a neutral one, and the back button shows nothing of nearer's private pages. Signed
out too: the support page and the sign-in page have it, first in the tab order."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import OpenPage
from tests.browser.test_journey import APPRECIATION, PRIVATE_NOTE, check_in, sign_in, sign_up

NEUTRAL = re.compile(r"/weather/$")


def private_page_open(page: Page) -> None:
    """Signed up, checked in with a private note, and looking at that note."""
    sign_up(page, "alice@example.org", "Alice")
    check_in(page)
    page.goto("/daily/checkin/")
    expect(page.get_by_label("A private note")).to_have_value(PRIVATE_NOTE)


def assert_nothing_private_going_back(page: Page) -> None:
    """Walk back through the whole history: no step shows the note, the name or any signed-in
    page (the earlier signed-in pages now answer with the sign-in page)."""
    for _ in range(12):
        html = page.content()
        assert PRIVATE_NOTE not in html and "Alice" not in html, page.url
        assert 'aria-label="Main"' not in html, page.url  # no signed-in page at all
        if page.url in ("about:blank", "") or not page.go_back(wait_until="load"):
            break


def test_escape_twice_leaves_for_a_neutral_page_and_back_shows_nothing_private(
    open_page: OpenPage,
) -> None:
    page = open_page()
    private_page_open(page)
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    expect(page).to_have_url(NEUTRAL)
    expect(page).to_have_title("Weather")
    assert "nearer" not in page.locator("body").inner_text().lower()
    page.go_back(wait_until="load")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))  # the session has ended
    assert_nothing_private_going_back(page)


def test_one_escape_alone_does_nothing(open_page: OpenPage) -> None:
    page = open_page()
    private_page_open(page)
    page.keyboard.press("Escape")
    page.wait_for_timeout(1100)
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    expect(page.get_by_label("A private note")).to_have_value(PRIVATE_NOTE)


def test_the_button_leaves_too(open_page: OpenPage) -> None:
    page = open_page()
    private_page_open(page)
    page.get_by_role("button", name="Leave quickly").click()
    expect(page).to_have_url(NEUTRAL)
    page.go_back(wait_until="load")
    assert_nothing_private_going_back(page)


def test_without_javascript_the_button_is_a_form_that_works(open_page: OpenPage) -> None:
    scripted = open_page()
    sign_up(scripted, "alice@example.org", "Alice")
    check_in(scripted)
    page = open_page(javascript=False)
    page.goto("/accounts/login/")
    sign_in(page, "alice@example.org")
    page.goto("/daily/checkin/")
    expect(page.get_by_label("A private note")).to_have_value(PRIVATE_NOTE)
    page.get_by_role("button", name="Leave quickly").click()
    expect(page).to_have_url(NEUTRAL)
    page.go_back(wait_until="load")
    assert_nothing_private_going_back(page)


@pytest.mark.parametrize("path", ["/support/", "/accounts/login/", "/accounts/signup/"])
def test_signed_out_the_first_tab_leaves_quickly(open_page: OpenPage, path: str) -> None:
    page = open_page()
    page.goto(path)  # no field takes focus on load (autofocus), or the first Tab would pass it by
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Leave quickly"
    page.keyboard.press("Enter")
    expect(page).to_have_url(NEUTRAL)
    expect(page).to_have_title("Weather")


@pytest.mark.parametrize("path", ["/accounts/login/", "/no/such/page/"])
def test_signed_out_escape_twice_leaves_the_sign_in_page_and_an_error_page(
    open_page: OpenPage, path: str
) -> None:
    page = open_page()
    page.goto(path)
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    expect(page).to_have_url(NEUTRAL)


def leave_and_let_bob_in(page: Page, leave: str) -> None:
    """Leave (quick exit or sign out), then Bob signs in in the same tab."""
    if leave == "quick exit":
        page.keyboard.press("Escape")
        page.keyboard.press("Escape")
        expect(page).to_have_url(NEUTRAL)
        page.goto("/accounts/login/")
    else:
        page.get_by_role("button", name="Sign out").click()
    sign_in(page, "bob@example.org")
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def back_to(page: Page, path: str) -> None:
    seen = []
    for _ in range(12):
        page.go_back(wait_until="load")
        seen.append(page.url)
        if path in page.url:
            return
    pytest.fail(f"Back never reached {path}: {seen}")


@pytest.mark.parametrize("leave", ["quick exit", "sign out"])
def test_back_after_someone_else_signs_in_shows_no_safety_answer(
    open_page: OpenPage, leave: str
) -> None:
    """Chromium puts a form's state back into a page fetched again on Back, no-store or not,
    unless the form says autocomplete="off": the safety check's answers must not come back."""
    sign_up(open_page(), "bob@example.org", "Bob")
    page = open_page()
    sign_up(page, "alice@example.org", "Alice")
    page.goto("/assessments/safety/take/")
    names = page.eval_on_selector_all(
        "main input[type=radio]", "radios => [...new Set(radios.map(r => r.name))]"
    )
    for name in names:
        page.locator(f"main input[name='{name}']").last.check()
    page.get_by_role("button", name="Save").click()
    expect(page).not_to_have_url(re.compile(r"/take/"))
    leave_and_let_bob_in(page, leave)
    back_to(page, "/assessments/safety/take/")
    expect(page.locator("main input[type=radio]").first).to_be_visible()
    assert page.locator("main input:checked").count() == 0


def test_back_after_someone_else_signs_in_shows_no_check_in_words(open_page: OpenPage) -> None:
    sign_up(open_page(), "bob@example.org", "Bob")
    page = open_page()
    sign_up(page, "alice@example.org", "Alice")
    check_in(page)  # the note, the ratings and the appreciation saved
    leave_and_let_bob_in(page, "quick exit")
    back_to(page, "/daily/checkin")
    expect(page.get_by_label("A private note")).to_have_value("")
    html = page.content()
    assert PRIVATE_NOTE not in html and APPRECIATION not in html
    assert page.locator("main input:checked").count() == 0
