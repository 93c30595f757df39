"""Back after a refused form and then a good one: the page the form was on, opened again by a GET,
never Chromium's "Confirm form resubmission" (a page that answered a form takes its form's page's
address in the tab's history, form-history.js)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, Request, expect

from tests.browser.conftest import OpenPage
from tests.browser.test_journey import PASSWORD, sign_up


def navigations(page: Page) -> list[Request]:
    """The tab's page loads from now on (not its style sheets and scripts), as they happen."""
    seen: list[Request] = []
    page.on(
        "request",
        lambda request: seen.append(request) if request.is_navigation_request() else None,
    )
    return seen


def test_back_after_a_refused_plan_setting_opens_the_plan_page_again(open_page: OpenPage) -> None:
    page = open_page()
    sign_up(page, "alice@example.org", "Alice")
    page.goto("/plan/")
    minutes = page.get_by_label("Minutes a week for practices")
    page.locator("form.card").evaluate("form => { form.noValidate = true; }")
    minutes.fill("5")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("Minutes per week must be from")
    minutes.fill("90")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("Saved.")
    loads = navigations(page)

    page.go_back()

    expect(page).to_have_url(re.compile(r"/plan/$"))
    expect(page.get_by_label("Minutes a week for practices")).to_have_value("90")
    assert [(r.method, r.url.rsplit("/", 2)[-2]) for r in loads] == [("GET", "plan")]
    assert page.locator(".messages").count() == 0  # the page anew: no refusal of a form resent


def test_back_after_a_refused_sign_up_opens_the_sign_up_page_again(open_page: OpenPage) -> None:
    page = open_page()
    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill("alice@example.org")
    page.get_by_label("Your first name").fill("Alice")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD + " not the same")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_label("Password confirmation")).to_have_value("")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    loads = navigations(page)

    page.go_back()

    expect(page).to_have_url(re.compile(r"/accounts/signup/$"))
    expect(page.get_by_role("button", name="Create account")).to_be_visible()
    assert [r.method for r in loads] == ["GET"]
