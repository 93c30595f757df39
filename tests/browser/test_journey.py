"""Two partners in two browsers, from signing up (and in) to the dashboard, as a person would do it:
clicking labels, tabbing, typing. The rules themselves are tested in tests/web; here the question
is whether the pages work in a real browser, on a phone's width and a laptop's."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from nearer.domain.model import Content, Instrument
from nearer.web.accounts.models import User
from nearer.web.assessments import services as assessments
from tests.browser.conftest import OpenPage, assert_every_field_labelled

PASSWORD = "a long enough test passphrase"
TIME_ZONE = "Europe/Paris"  # both the same, so "today" is one day for both at any hour
ALICE_ANSWER = "The night we got lost in Lisbon and laughed about it."
BOB_ANSWER = "When you brought me soup without my asking."
APPRECIATION = "Thank you for the soup."
PRIVATE_NOTE = "Only for me: I was nervous today."


def sign_up(page: Page, email: str, name: str) -> None:
    page.goto("/accounts/signup/")
    assert_every_field_labelled(page)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Your first name").fill(name)
    page.get_by_label("Time zone").select_option(TIME_ZONE)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    # Signing up never signs in (nor says whether the email was free): on to the sign-in page,
    # which says to sign in with the password just chosen.
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=%2Fwelcome%2F$"))
    expect(page.locator(".messages")).to_contain_text("Now sign in with your email")
    sign_in(page, email)
    # The first sign-in makes the data key: its recovery code, shown once before anything
    # else; then on to the welcome page.
    expect(page).to_have_url(re.compile(r"/accounts/keys/recovery-code/"))
    expect(page.locator("#recovery-code")).to_have_text(
        re.compile(r"^([A-Z2-9]{4}-){4}[A-Z2-9]{4}$")
    )
    page.get_by_role("button", name="I have saved it").click()
    expect(page).to_have_url(re.compile(r"/welcome/$"))


def sign_in(page: Page, email: str) -> None:
    """Fill in and send the sign-in form the page shows, with `email` and PASSWORD. A form turned
    away to sign in may reach it by way of a page that goes on by script (web/unsent.py): the
    sign-in page is waited for first."""
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    assert_every_field_labelled(page)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def pair(alice: Page, bob: Page) -> None:
    alice.goto("/couple/")
    assert_every_field_labelled(alice)
    alice.get_by_role("button", name="Create an invitation code").click()
    code = alice.get_by_test_id("invite-code").inner_text().strip()
    # Signing up opened a solo space for Bob too; joining moves him out of it by itself.
    bob.goto("/couple/")
    bob.get_by_role("link", name="Join with a code").click()
    assert_every_field_labelled(bob)
    bob.get_by_label("Invitation code").fill(code)
    bob.get_by_role("button", name="Join").click()
    # Bob has not taken the private safety check yet: the welcome page, which offers it first.
    expect(bob).to_have_url(re.compile(r"/welcome/$"))
    expect(bob.locator(".messages")).to_contain_text("joined your partner's couple space")


def answer_every_item(page: Page, instrument: Instrument) -> None:
    """Click the label of one point on each item's scale, a different point from item to item."""
    points = range(instrument.response.min, instrument.response.max + 1)
    # force=True skips Playwright's wait for the label to hold still (two animation frames per
    # click, 56 clicks): still a real mouse click at the label, and a click that landed on
    # anything else would leave its radio unchecked, which the count below catches.
    for index, item in enumerate(instrument.items):
        value = points[index % len(points)]
        page.locator(f"label:has(> input[name='{item.id}'][value='{value}'])").click(force=True)
    expect(page.locator("input[type=radio]:checked")).to_have_count(len(instrument.items))


def take_profile(page: Page, content: Content) -> None:
    page.goto("/assessments/profile/take/")
    assert_every_field_labelled(page)
    answer_every_item(page, content.instruments["profile"])
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/assessments/safety/take/$"))  # the next step


def answer_with_htmx(page: Page, text: str) -> None:
    """Answer by mouse; the #question section must be swapped in place, not the page reloaded."""
    page.goto("/daily/today/")
    assert_every_field_labelled(page)
    page.evaluate("window.notReloaded = true")
    page.get_by_label("Your answer").fill(text)
    with page.expect_response(re.compile(r"/answer/$")) as answered:
        page.get_by_role("button", name="Share my answer").click()
    assert answered.value.request.headers.get("hx-request") == "true"
    expect(page.get_by_test_id("waiting")).to_contain_text("It stays private until Bob answers")
    assert page.evaluate("window.notReloaded === true"), "the answer reloaded the whole page"
    expect(page.locator("#question")).to_have_count(1)


def tab_to(page: Page, target: Locator, limit: int = 40) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"{limit} presses of Tab never reached {target}")


def answer_by_keyboard(page: Page, text: str, submit_key: str) -> None:
    """Tab from the top of the page to the answer, type it, Tab to the button and press it."""
    tab_to(page, page.get_by_label("Your answer"))
    page.keyboard.type(text)
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Share my answer")).to_be_focused()
    page.keyboard.press(submit_key)


def check_in(page: Page) -> None:
    page.goto("/daily/checkin/")
    assert_every_field_labelled(page)
    scales = page.get_by_role("radiogroup")
    expect(scales).to_have_count(8)
    for index in range(8):
        scales.nth(index).locator("label").nth(3).click()
    page.get_by_label("grateful").check()
    page.get_by_label("Something I appreciate about my partner today").fill(APPRECIATION)
    page.get_by_label("Share this appreciation with my partner").check()
    page.get_by_label("A private note").fill(PRIVATE_NOTE)
    page.get_by_role("button", name="Save check-in").click()
    expect(page).to_have_url(re.compile(r"/home/$"))


@pytest.mark.parametrize(
    ("width", "submit_key"),
    [pytest.param(375, "Space", id="phone"), pytest.param(1280, "Enter", id="laptop")],
)
def test_two_partners_from_sign_up_to_the_dashboard(
    open_page: OpenPage, content: Content, width: int, submit_key: str
) -> None:
    alice, bob = open_page(width), open_page(width)
    sign_up(alice, "alice@example.org", "Alice")
    sign_up(bob, "bob@example.org", "Bob")
    pair(alice, bob)
    take_profile(alice, content)
    stored = assessments.latest_answers(User.objects.get(display_name="Alice"), "profile")
    assert len(stored) == len(content.instruments["profile"].items)

    answer_with_htmx(alice, ALICE_ANSWER)
    bob.goto("/daily/today/")
    expect(bob.locator("#question")).to_contain_text("Alice has answered")
    assert ALICE_ANSWER not in bob.content()
    answer_by_keyboard(bob, BOB_ANSWER, submit_key)
    expect(bob.get_by_test_id("partner-answer")).to_contain_text(ALICE_ANSWER)
    expect(bob.locator("#question")).to_contain_text(BOB_ANSWER)
    alice.reload()
    expect(alice.get_by_test_id("partner-answer")).to_contain_text(BOB_ANSWER)
    expect(alice.locator("#question")).to_contain_text(ALICE_ANSWER)
    assert_every_field_labelled(alice)

    check_in(alice)
    expect(alice.locator(".messages")).to_contain_text("Check-in saved")
    expect(alice.get_by_role("heading", name="Your last check-in")).to_be_visible()
    expect(alice.locator("main svg[role=img]")).to_have_count(4)
    expect(alice.get_by_role("link", name="Check in for today")).to_have_count(0)
    bob.goto("/home/")
    expect(bob.get_by_role("heading", name="Alice appreciated")).to_be_visible()
    expect(bob.locator("main")).to_contain_text(APPRECIATION)
    assert PRIVATE_NOTE not in bob.content()


def test_the_daily_answer_works_without_javascript(open_page: OpenPage) -> None:
    carol = open_page(375, javascript=False)
    sign_up(carol, "carol@example.org", "Carol")
    carol.goto("/daily/today/")
    carol.get_by_label("Your answer").fill("Quiet mornings.")
    carol.get_by_role("button", name="Share my answer").click()
    expect(carol).to_have_url(re.compile(r"/daily/day/\d{4}-\d\d-\d\d/$"))  # posted, redirected
    expect(carol.get_by_test_id("waiting")).to_contain_text("Your answer is saved")
    expect(carol.get_by_label("Your answer")).to_have_value("Quiet mornings.")
