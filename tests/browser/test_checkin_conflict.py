"""A check-in page opened before the same day was saved elsewhere is refused as stale (its
`opened` stamp), and stays so when what was typed on it comes back after a sign-in or a stale
CSRF token: the copy carries the stamp (form-drafts.js, data-draft-keep), so the words put back
never silently replace what was saved meanwhile."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import OpenPage, close_tab
from tests.browser.test_form_drafts import (
    rate_every_scale,
    sign_in_again_in_another_tab,
    sign_out_in_another_tab,
)
from tests.browser.test_journey import sign_in, sign_up

REFUSED = "was saved again after you opened"


def fill(page: Page, note: str, pick: int) -> None:
    rate_every_scale(page, pick)
    page.get_by_label("A private note").fill(note)


def save_elsewhere(page: Page, note: str) -> None:
    other = page.context.new_page()
    other.goto("/daily/checkin/")
    fill(other, note, 4)
    other.get_by_role("button", name="Save check-in").click()
    close_tab(other)


def the_note_now(page: Page) -> str:
    page.goto("/daily/checkin/")
    return page.get_by_label("A private note").input_value()


def test_words_put_back_after_signing_in_are_refused_over_a_newer_check_in(
    open_page: OpenPage,
) -> None:
    page = open_page()
    sign_up(page, "bob@example.org", "Bob")
    page.goto("/daily/checkin/")
    fill(page, "typed on the laptop", 1)
    save_elsewhere(page, "saved on the phone meanwhile")
    sign_out_in_another_tab(page)
    page.get_by_role("button", name="Save check-in").click()
    sign_in(page, "bob@example.org")
    expect(page).to_have_url(re.compile(r"/daily/checkin/$"))
    expect(page.get_by_label("A private note")).to_have_value("typed on the laptop")
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_text(REFUSED)).to_be_visible()
    assert the_note_now(page) == "saved on the phone meanwhile"


def test_words_put_back_after_a_stale_token_are_refused_over_a_newer_check_in(
    open_page: OpenPage,
) -> None:
    page = open_page()
    sign_up(page, "bob@example.org", "Bob")
    page.goto("/daily/checkin/")
    fill(page, "typed on the laptop", 1)
    sign_in_again_in_another_tab(page, "bob@example.org")
    save_elsewhere(page, "saved on the phone meanwhile")
    page.get_by_role("button", name="Save check-in").click()
    page.get_by_role("link", name="Open the form again").click()
    expect(page.get_by_label("A private note")).to_have_value("typed on the laptop")
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_text(REFUSED)).to_be_visible()
    assert the_note_now(page) == "saved on the phone meanwhile"
