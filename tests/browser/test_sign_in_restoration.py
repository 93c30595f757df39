"""Back or Forward to the sign-in, sign-up or password-reset page: Chromium must not show the
previous person's email or name in its fields (a shared device). Fetched again, the page's form
says autocomplete="off", which keeps Chromium from putting typed values back, even into the email
field whose own autocomplete ("username", for password managers) says otherwise. The pages are
no-store, which keeps them out of Chromium's back-forward cache (the sign-up and password-reset
pages were not, and came back whole with the email and name typed into them); a page brought
back whole all the same has those fields emptied by its script (forget-on-return.js). Playwright
turns that cache off, so the tests of it launch a Chromium with it on."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, TIMEOUT_MS, OpenPage
from tests.browser.test_journey import PASSWORD, sign_up

EMAIL = "alice@example.org"


def signed_in_and_out(page: Page) -> None:
    """Signed up and in as Alice by the forms (her email and name typed in them), then out."""
    sign_up(page, EMAIL, "Alice")  # and signed in
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)


def walk_back_to(page: Page, path: str) -> None:
    seen = []
    for _ in range(12):
        page.go_back(wait_until="load")
        seen.append(page.url)
        if re.search(path, page.url):
            return
    pytest.fail(f"Back never reached {path}: {seen}")


@pytest.mark.parametrize("javascript", [True, False])
def test_back_to_the_sign_in_page_shows_no_email_of_the_one_who_signed_out(
    open_page: OpenPage, javascript: bool
) -> None:
    page = open_page(javascript=javascript)
    signed_in_and_out(page)
    walk_back_to(page, r"/accounts/login/\?next=")
    expect(page.get_by_label("Email")).to_have_value("")
    assert EMAIL not in page.content()


@pytest.mark.parametrize("javascript", [True, False])
def test_back_and_forward_to_the_sign_up_page_show_no_name_or_email(
    open_page: OpenPage, javascript: bool
) -> None:
    page = open_page(javascript=javascript)
    signed_in_and_out(page)
    walk_back_to(page, r"/accounts/signup/$")
    expect(page.get_by_label("Your first name")).to_have_value("")
    expect(page.get_by_label("Email")).to_have_value("")
    page.go_forward(wait_until="load")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    expect(page.get_by_label("Email")).to_have_value("")


@pytest.fixture
def caching_browser(browser: Browser) -> Iterator[Browser]:
    """Chromium with its back-forward cache on, as people run it: Playwright turns it off."""
    launched = browser.browser_type.launch(
        executable_path=str(CHROMIUM),
        args=CHROMIUM_ARGS,
        ignore_default_args=["--disable-back-forward-cache"],
    )
    yield launched
    launched.close()


FORMS = [
    ("/accounts/login/", "Create an account", ["Email", "Password"]),
    ("/accounts/signup/", "Sign in", ["Email", "Your first name", "Password"]),
    ("/accounts/password/reset/", "Support", ["Email"]),
]


def type_someones(page: Page, fields: list[str]) -> None:
    for label in fields:
        value = PASSWORD if label == "Password" else EMAIL if label == "Email" else "Alice"
        page.get_by_label(label, exact=label != "Your first name").fill(value)


def assert_emptied(page: Page, fields: list[str]) -> None:
    for label in fields:
        expect(page.get_by_label(label, exact=label != "Your first name")).to_have_value("")
    expect(page.locator("#content form [name=csrfmiddlewaretoken]")).not_to_have_value("")


@pytest.mark.parametrize("javascript", [True, False])
@pytest.mark.parametrize(("start", "link", "fields"), FORMS)
def test_back_to_a_page_left_by_a_link_shows_nothing_typed_in_it(
    caching_browser: Browser,
    live_server: LiveServer,
    start: str,
    link: str,
    fields: list[str],
    javascript: bool,
) -> None:
    """Someone typed their email (and name), then left by a link: Back, in a Chromium that keeps
    pages in its back-forward cache, shows none of it, whether it kept this page or not."""
    context = caching_browser.new_context(base_url=live_server.url, java_script_enabled=javascript)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        page.goto(start, wait_until="load")
        type_someones(page, fields)
        page.get_by_role("link", name=link, exact=True).click()
        page.wait_for_load_state("load")
        page.go_back(wait_until="commit")  # a page from the cache fires no load
        expect(page).to_have_url(re.compile(f"{start}$"))
        assert_emptied(page, fields)
    finally:
        context.close()


@pytest.mark.parametrize(("start", "link", "fields"), FORMS)
def test_a_page_shown_again_from_the_cache_has_its_typed_name_and_email_emptied(
    open_page: OpenPage, start: str, link: str, fields: list[str]
) -> None:
    """What the browser does when it brings a page back whole (this Chromium keeps no no-store
    page, and Playwright turns the cache off): a pageshow that says `persisted`."""
    page = open_page()
    page.goto(start)
    type_someones(page, fields)
    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
    assert_emptied(page, fields)
