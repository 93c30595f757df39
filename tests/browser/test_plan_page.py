"""The plan page after "Mark done today": the practice and the month's count both change in
place (the count sits outside the swapped part, so it comes out of band)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import OpenPage
from tests.browser.test_journey import sign_up


def test_marking_a_practice_done_updates_the_days_practised_this_month(
    open_page: OpenPage,
) -> None:
    page = open_page()
    sign_up(page, "alice@example.org", "Alice")
    page.goto("/plan/")
    count = page.get_by_text(re.compile(r"Practised on \d+ days? this month"))
    expect(count).to_contain_text("Practised on 0 days this month.")
    page.evaluate("window.notReloaded = true")

    with page.expect_response("**/plan/done/**"):
        page.locator("#practices").get_by_role("button", name="Mark done today").first.click()

    expect(page.locator("#practices").get_by_text("Done today", exact=True)).to_be_visible()
    expect(count).to_contain_text("Practised on 1 day this month.")
    expect(count).to_have_count(1)
    assert page.evaluate("window.notReloaded === true"), "the page was reloaded, not swapped"
