"""On the narrowest phones (320 CSS pixels): nothing needs scrolling sideways, the menu included
(WCAG 1.4.10 Reflow), and leaving quickly is the first thing the keyboard reaches. A wide table
scrolls inside its own box, never the page."""

from __future__ import annotations

from django.utils import timezone
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from nearer.web.accounts.models import User
from nearer.web.api import tokens
from nearer.web.chats import stored
from nearer.web.chats.models import ChatImport
from nearer.web.couples import services as couples
from nearer.web.daily import services as daily_services
from tests.browser.conftest import OpenPage
from tests.browser.test_chat_import import signed_in
from tests.browser.test_journey import sign_up
from tests.web.chats.test_stored import demo_report
from tests.web.conftest import client_for, make_couple, make_user, screen
from tests.web.seeds import CHECKIN_FORM
from tests.web.test_assessments_new_partner import take_profile

NARROWEST = 320

_OVERFLOWING_JS = """
() => Array.from(document.querySelectorAll("header a, header button, main a, main button"))
  .filter((element) => element.getClientRects().length > 0)
  .filter((element) => {
    const box = element.getBoundingClientRect();
    return box.right > window.innerWidth + 1 || box.left < -1;
  })
  .map((element) => element.textContent.trim())
"""


def page_width(page: Page) -> int:
    """How wide the page's content is, in CSS pixels: more than the screen scrolls sideways."""
    return int(page.evaluate("document.documentElement.scrollWidth"))


def assert_within_the_screen(page: Page, selector: str) -> None:
    """Each element of `selector`, once scrolled to (its table's box scrolls if need be), lies
    wholly on the screen."""
    found = page.locator(selector)
    assert found.count() > 0, selector
    for index in range(found.count()):
        element = found.nth(index)
        element.scroll_into_view_if_needed()
        box = element.bounding_box()
        assert box is not None, selector
        assert box["x"] >= 0 and box["x"] + box["width"] <= NARROWEST, (selector, box)


def test_every_menu_link_and_button_fits_a_320_pixel_screen(open_page: OpenPage) -> None:
    page = open_page(NARROWEST)
    sign_up(page, "alice@example.org", "Alice")
    for path in (
        "/home/",
        "/daily/today/",
        "/daily/checkin/",
        "/plan/",
        "/assessments/safety/take/",
    ):
        page.goto(path)
        assert page_width(page) <= NARROWEST, (path, page_width(page))
        assert page.evaluate(_OVERFLOWING_JS) == [], path


def test_the_sessions_page_with_api_tokens_fits_and_every_revoke_button_is_reachable(
    open_page: OpenPage,
) -> None:
    page = open_page(NARROWEST)
    sign_up(page, "alice@example.org", "Alice")
    alice = User.objects.get(email="alice@example.org")
    tokens.issue(alice, "the phone in the kitchen drawer")
    tokens.issue(alice, "a script")
    page.goto("/accounts/sessions/")
    assert page_width(page) <= NARROWEST
    assert_within_the_screen(page, "#sessions button:text-is('Revoke')")


def test_the_invitation_link_wraps_and_one_tap_selects_all_of_it(open_page: OpenPage) -> None:
    page = open_page(NARROWEST)
    sign_up(page, "alice@example.org", "Alice")
    page.goto("/couple/")
    page.get_by_role("button", name="Create an invitation code").click()
    link = page.locator("main code")
    assert "/couple/join/" in link.inner_text()
    assert page_width(page) <= NARROWEST
    assert_within_the_screen(page, "main code")
    link.click()
    assert page.evaluate("getSelection().toString()") == link.inner_text()


def test_a_chat_result_fits_with_every_table_open(
    open_page: OpenPage, live_server: LiveServer
) -> None:
    alice, bob = make_user("alice"), make_user("bob")
    make_couple(alice, bob)
    for person in (alice, bob):
        screen(person)  # chat results show once both have taken the private check
    chat = ChatImport.objects.create(
        couple=couples.couple_of(alice),
        uploader=alice,
        partner=bob,
        status=ChatImport.READY,
        partner_agreed_at=timezone.now(),
        report=stored.keep(demo_report()),
    )
    page = signed_in(open_page(NARROWEST), alice, live_server)
    page.goto(f"/chats/{chat.pk}/")
    page.get_by_role("heading", name="The whole chat at a glance").wait_for()
    assert page_width(page) <= NARROWEST
    page.evaluate("document.querySelectorAll('details').forEach((shown) => { shown.open = true; })")
    assert page_width(page) <= NARROWEST


def test_the_report_fits_with_a_partner_of_a_long_name(
    open_page: OpenPage, live_server: LiveServer
) -> None:
    alice, bob = make_user("alice"), make_user("bob")
    bob.display_name = "Bartholomew-Maximilian" * 2  # one word, as long as a name may be
    bob.save()
    make_couple(alice, bob)
    for person in (alice, bob):
        take_profile(person)
    page = signed_in(open_page(NARROWEST), alice, live_server)
    page.goto("/assessments/report/")
    page.locator("table.scores").first.wait_for()
    assert page_width(page) <= NARROWEST


def test_the_neutral_weather_page_fits(open_page: OpenPage) -> None:
    page = open_page(NARROWEST)
    page.goto("/weather/")
    assert page_width(page) <= NARROWEST


def test_the_first_tab_reaches_leave_quickly(open_page: OpenPage) -> None:
    page = open_page(1280)
    sign_up(page, "alice@example.org", "Alice")
    page.goto("/home/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Leave quickly"


def test_a_long_unbroken_link_in_what_a_partner_wrote_wraps(
    open_page: OpenPage, live_server: LiveServer
) -> None:
    alice, bob = make_user("alice"), make_user("bob")
    make_couple(alice, bob)
    link = "https://example.org/" + "a" * 120
    daily = daily_services.question_for(couples.couple_of(alice), timezone.localdate())  # type: ignore[arg-type]
    for person in (alice, bob):
        daily_services.answer(person, daily, link, passed=False)
    shared = {**CHECKIN_FORM, "appreciation": link, "need": link, "need_shared": "on"}
    client_for(alice).post("/daily/checkin/", shared)
    page = signed_in(open_page(NARROWEST), bob, live_server)
    for path in ("/daily/today/", "/home/"):
        page.goto(path)
        assert page_width(page) <= NARROWEST, (path, page_width(page))


def test_a_refused_deletion_shows_its_reason_on_a_phone(
    open_page: OpenPage, live_server: LiveServer
) -> None:
    alice = make_user("alice")
    page = signed_in(open_page(NARROWEST), alice, live_server)
    page.goto("/accounts/delete/")
    page.fill("#password", "not the password")
    page.fill("#confirm", "delete my account")
    page.locator("form.card button[type=submit]").last.click()
    reason = page.locator("#password-error")
    reason.wait_for()
    box, height = reason.bounding_box(), page.viewport_size["height"]  # type: ignore[index]
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height
