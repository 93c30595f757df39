"""The Content-Security-Policy in a real browser: nothing refused, HTMX still swaps fragments."""

from __future__ import annotations

import re

from playwright.sync_api import ConsoleMessage, Page, expect

from nearer.web.accounts.models import User
from nearer.web.api import tokens
from nearer.web.api.models import Token
from tests.browser.conftest import OpenPage
from tests.browser.test_journey import PRIVATE_NOTE, check_in, sign_in, sign_up

PAGES = [
    "/home/",
    "/daily/today/",
    "/daily/checkin/",
    "/couple/",
    "/plan/",
    "/assessments/",
    "/accounts/activity/",
    "/accounts/sessions/",
]


def refusals(page: Page) -> list[str]:
    found: list[str] = []

    def listen(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            found.append(message.text)

    page.on("console", listen)
    return found


def test_no_page_breaks_the_policy_and_htmx_ends_other_sessions_in_place(
    open_page: OpenPage,
) -> None:
    laptop, phone = open_page(), open_page(width=375)
    refused = refusals(laptop)
    sign_up(laptop, "alice@example.org", "Alice")
    phone.goto("/accounts/login/")
    sign_in(phone, "alice@example.org")  # not the first sign-in: no recovery code this time
    expect(phone).to_have_url(re.compile(r"/home/$"))
    for path in PAGES:
        response = laptop.goto(path)
        assert response is not None and response.status == 200, path
        assert laptop.evaluate("typeof window.htmx") == "object", path
    expect(laptop.locator("#sessions table.sessions tbody tr")).to_have_count(2)
    laptop.get_by_role("button", name="Sign out everywhere else").click()
    expect(laptop.locator("#sessions table.sessions tbody tr")).to_have_count(1)
    expect(laptop).to_have_url(re.compile(r"/accounts/sessions/$"))
    phone.goto("/home/")
    expect(phone).to_have_url(re.compile(r"/accounts/login/"))
    assert refused == []
    # The policy is really in force, and the listener really hears it refuse.
    laptop.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.injected = 1'; document.body.appendChild(s); }"
    )
    assert laptop.evaluate("typeof window.injected") == "undefined"
    laptop.wait_for_timeout(200)
    assert len(refused) == 1 and "inline script" in refused[0]


def test_the_sessions_page_lists_api_tokens_and_revokes_them_in_place(open_page: OpenPage) -> None:
    page = open_page()
    sign_up(page, "alice@example.org", "Alice")
    alice = User.objects.get(email="alice@example.org")
    _, key = tokens.issue(alice, "a script")
    tokens.issue(alice, "an old phone")
    page.goto("/accounts/sessions/")
    rows = page.locator("#sessions table.tokens tbody tr")
    expect(rows).to_have_count(2)
    assert key not in page.content()
    page.evaluate("() => { window.stillHere = true; }")  # gone if the page reloads
    rows.filter(has_text="a script").get_by_role("button", name="Revoke").click()
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("an old phone")
    page.get_by_role("button", name="Sign out everywhere else").click()
    expect(rows).to_have_count(0)
    expect(page.locator("#sessions")).to_contain_text("no app or script can use your account")
    assert page.evaluate("window.stillHere") is True
    assert not Token.objects.filter(user=alice).exists()


def test_a_link_from_another_site_opens_private_entries_unlocked(open_page: OpenPage) -> None:
    # Chromium leaves the SameSite=Strict key cookie out of a navigation from another site
    # (here a data: page, as a link in a webmail would be); nearer reloads the page once, from
    # itself, and the cookie comes along.
    page = open_page()
    sign_up(page, "alice@example.org", "Alice")
    check_in(page)
    today = page.url.replace("/home/", "/daily/checkin/")
    page.goto(f'data:text/html,<a href="{today}">my check-in</a>')
    page.get_by_role("link", name="my check-in").click()
    expect(page.get_by_label("A private note")).to_have_value(PRIVATE_NOTE)
    expect(page).to_have_url(today)


def test_sign_up_starts_at_the_browsers_own_time_zone(open_page: OpenPage) -> None:
    tokyo = open_page(time_zone="Asia/Tokyo")
    tokyo.goto("/accounts/signup/")
    expect(tokyo.get_by_label("Time zone")).to_have_value("Asia/Tokyo")
    without_script = open_page(javascript=False, time_zone="Asia/Tokyo")
    without_script.goto("/accounts/signup/")
    expect(without_script.get_by_label("Time zone")).to_have_value("UTC")
