"""A form sent after the session ended (signed out in another tab): signing in returns to the
page the form was on, with what was typed back in it (form-drafts.js), and the copy kept in the
tab's sessionStorage is gone once the form is back, and once it is saved."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from nearer.domain.model import Content
from tests.browser.conftest import OpenPage, close_tab
from tests.browser.test_journey import (
    APPRECIATION,
    PASSWORD,
    PRIVATE_NOTE,
    answer_every_item,
    sign_in,
    sign_up,
)

DRAFT = "() => sessionStorage.getItem('form-drafts')"


def rate_every_scale(page: Page, pick: int | None = None) -> Locator:
    """A choice on each of the check-in's eight scales (`pick` on all, else varied); the scales."""
    scales = page.get_by_role("radiogroup")
    for index in range(8):
        scales.nth(index).locator("label").nth(index % 5 if pick is None else pick).click()
    return scales


def sign_out_in_another_tab(page: Page) -> None:
    other = page.context.new_page()
    other.goto("/home/")
    other.get_by_role("button", name="Sign out").click()
    expect(other).to_have_url(re.compile(r"/accounts/login/$"))
    close_tab(other)


def test_an_answer_sent_signed_out_is_back_on_its_page_after_signing_in(
    open_page: OpenPage,
) -> None:
    page = open_page()
    sign_up(page, "alice@example.org", "Alice")
    page.goto("/daily/today/")
    page.get_by_label("Your answer").fill("Typed while the session ended.")
    sign_out_in_another_tab(page)

    page.get_by_role("button", name="Share my answer").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=%2Fdaily%2Ftoday%2F&unsent=1$"))
    expect(page.get_by_test_id("login-unsent")).to_contain_text("was not saved")
    sign_in(page, "alice@example.org")

    expect(page).to_have_url(re.compile(r"/daily/today/$"))  # not the answer's POST address
    expect(page.get_by_label("Your answer")).to_have_value("Typed while the session ended.")
    expect(page.get_by_test_id("draft-restored")).to_contain_text("not saved yet")
    assert page.evaluate(DRAFT) is None  # back in the form: no copy left in the tab
    page.get_by_role("button", name="Share my answer").click()
    expect(page.get_by_test_id("waiting")).to_contain_text("Your answer is saved")
    assert page.evaluate(DRAFT) is None


def test_a_check_in_sent_signed_out_comes_back_filled_in_after_signing_in(
    open_page: OpenPage,
) -> None:
    page = open_page()
    sign_up(page, "bob@example.org", "Bob")
    page.goto("/daily/checkin/")
    scales = rate_every_scale(page)
    page.get_by_label("grateful").check()
    page.get_by_label("Something I appreciate about my partner today").fill(APPRECIATION)
    page.get_by_label("A private note").fill(PRIVATE_NOTE)
    sign_out_in_another_tab(page)

    page.get_by_role("button", name="Save check-in").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=%2Fdaily%2Fcheckin%2F&unsent=1$"))
    sign_in(page, "bob@example.org")

    expect(page).to_have_url(re.compile(r"/daily/checkin/$"))
    for index in range(8):
        expect(scales.nth(index).locator("input").nth(index % 5)).to_be_checked()
    expect(page.get_by_label("grateful")).to_be_checked()
    expect(page.get_by_label("Something I appreciate about my partner today")).to_have_value(
        APPRECIATION
    )
    expect(page.get_by_label("A private note")).to_have_value(PRIVATE_NOTE)
    assert page.evaluate(DRAFT) is None


def test_a_saved_answer_leaves_no_copy_of_its_words_in_the_tab(open_page: OpenPage) -> None:
    page = open_page()
    sign_up(page, "carol@example.org", "Carol")
    page.goto("/daily/today/")
    page.get_by_label("Your answer").fill("Saved at once.")
    page.get_by_role("button", name="Share my answer").click()
    expect(page.get_by_test_id("waiting")).to_contain_text("Your answer is saved")
    assert page.evaluate(DRAFT) is None


def test_a_questionnaire_sent_signed_out_comes_back_answered_after_signing_in(
    open_page: OpenPage, content: Content
) -> None:
    page = open_page()
    sign_up(page, "dan@example.org", "Dan")
    page.goto("/assessments/profile/take/")
    answer_every_item(page, content.instruments["profile"])
    sign_out_in_another_tab(page)

    page.get_by_role("button", name="Save").click()
    sign_in(page, "dan@example.org")

    expect(page).to_have_url(re.compile(r"/assessments/profile/take/$"))
    items = len(content.instruments["profile"].items)
    expect(page.locator("input[type=radio]:checked")).to_have_count(items)
    assert page.evaluate(DRAFT) is None


def test_someone_else_signing_in_in_that_tab_never_gets_the_draft(open_page: OpenPage) -> None:
    sign_up(open_page(), "bob@example.org", "Bob")
    page = open_page()
    sign_up(page, "alice@example.org", "Alice")
    page.goto("/daily/today/")
    page.get_by_label("Your answer").fill("Alice's words, typed on a shared laptop.")
    sign_out_in_another_tab(page)
    page.get_by_role("button", name="Share my answer").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=%2Fdaily%2Ftoday%2F&unsent=1$"))

    sign_in(page, "bob@example.org")  # the partner sits down at the same tab

    expect(page).to_have_url(re.compile(r"/daily/today/$"))
    expect(page.get_by_label("Your answer")).to_have_value("")
    expect(page.get_by_test_id("draft-restored")).to_have_count(0)
    assert page.evaluate(DRAFT) is None  # and it is gone from the tab


def test_the_private_safety_checks_answers_are_never_kept_in_the_tab(
    open_page: OpenPage, content: Content
) -> None:
    page = open_page()
    sign_up(page, "erin@example.org", "Erin")
    page.goto("/assessments/safety/take/")
    answer_every_item(page, content.instruments["safety"])
    sign_out_in_another_tab(page)

    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    assert page.evaluate(DRAFT) is None  # a reopened tab would bring it back unencrypted
    sign_in(page, "erin@example.org")
    expect(page.locator("input[type=radio]:checked")).to_have_count(0)
    assert page.evaluate(DRAFT) is None


def sign_in_again_in_another_tab(page: Page, email: str) -> None:
    """Signed out and in again elsewhere: the CSRF secret changes, and this tab's form is stale."""
    sign_out_in_another_tab(page)
    other = page.context.new_page()
    other.goto("/accounts/login/")
    sign_in(other, email)
    expect(other).not_to_have_url(re.compile(r"/accounts/login/"))
    close_tab(other)


def test_an_answer_refused_for_a_stale_csrf_token_is_back_on_its_page(
    open_page: OpenPage,
) -> None:
    page = open_page()
    sign_up(page, "alice@example.org", "Alice")
    page.goto("/daily/today/")
    page.get_by_label("Your answer").fill("Typed before signing in again elsewhere.")
    sign_in_again_in_another_tab(page, "alice@example.org")

    page.get_by_role("button", name="Share my answer").click()  # with htmx
    expect(page.get_by_role("heading", name="Please send that again")).to_be_visible()
    expect(page.get_by_test_id("draft-kept")).to_be_visible()
    page.get_by_role("link", name="Open the form again").click()

    expect(page).to_have_url(re.compile(r"/daily/today/$"))
    expect(page.get_by_label("Your answer")).to_have_value(
        "Typed before signing in again elsewhere."
    )
    page.get_by_role("button", name="Share my answer").click()
    expect(page.get_by_test_id("waiting")).to_contain_text("Your answer is saved")
    assert page.evaluate(DRAFT) is None


def test_without_scripts_an_answer_refused_for_a_stale_csrf_token_is_shown_to_copy(
    open_page: OpenPage,
) -> None:
    page = open_page(javascript=False)  # no tab's copy: Back brings the form back empty
    sign_up(page, "alice@example.org", "Alice")
    page.goto("/daily/today/")
    page.get_by_label("Your answer").fill("Typed without scripts,\non two lines.")
    sign_in_again_in_another_tab(page, "alice@example.org")

    page.get_by_role("button", name="Share my answer").click()
    expect(page.get_by_role("heading", name="Please send that again")).to_be_visible()
    expect(page.get_by_label("Your answer")).to_have_value("Typed without scripts,\non two lines.")
    page.get_by_role("link", name="Open the form again").click()
    page.get_by_label("Your answer").fill("Typed without scripts,\non two lines.")
    page.get_by_role("button", name="Share my answer").click()
    expect(page.get_by_test_id("waiting")).to_contain_text("Your answer is saved")


def test_without_scripts_a_check_in_sent_signed_out_is_shown_to_copy(
    open_page: OpenPage,
) -> None:
    """It went straight to the sign-in page, and the private note was gone for good."""
    page = open_page(javascript=False)
    sign_up(page, "bob@example.org", "Bob")
    page.goto("/daily/checkin/")
    rate_every_scale(page)
    page.get_by_label("A private note").fill(PRIVATE_NOTE)
    sign_out_in_another_tab(page)

    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_role("heading", name="Please sign in again")).to_be_visible()
    expect(page.get_by_label("Private note")).to_have_value(PRIVATE_NOTE)
    page.get_by_role("link", name="Sign in, then send it again").click()
    expect(page.get_by_test_id("login-unsent")).to_contain_text("was not saved")
    sign_in(page, "bob@example.org")
    expect(page).to_have_url(re.compile(r"/daily/checkin/$"))


def test_a_check_in_refused_for_a_stale_csrf_token_is_back_after_going_back(
    open_page: OpenPage,
) -> None:
    page = open_page()
    sign_up(page, "bob@example.org", "Bob")
    page.goto("/daily/checkin/")
    scales = rate_every_scale(page)
    page.get_by_label("A private note").fill(PRIVATE_NOTE)
    sign_in_again_in_another_tab(page, "bob@example.org")

    page.get_by_role("button", name="Save check-in").click()  # without htmx
    expect(page.get_by_role("heading", name="Please send that again")).to_be_visible()
    expect(page.get_by_test_id("draft-kept")).to_be_visible()
    page.go_back(wait_until="load")

    expect(page).to_have_url(re.compile(r"/daily/checkin/$"))
    expect(page.get_by_label("A private note")).to_have_value(PRIVATE_NOTE)
    expect(scales.nth(7).locator("input").nth(2)).to_be_checked()
    expect(page.get_by_test_id("draft-restored")).to_contain_text("not saved yet")
    assert page.evaluate(DRAFT) is None


def test_a_check_in_sent_while_locked_comes_back_filled_in_after_unlocking(
    open_page: OpenPage,
) -> None:
    page = open_page()
    sign_up(page, "bob@example.org", "Bob")
    page.goto("/daily/checkin/")
    scales = rate_every_scale(page)
    page.get_by_label("A private note").fill(PRIVATE_NOTE)
    page.context.clear_cookies(name="nearer_vault")  # the key's cookie gone: entries locked

    page.get_by_role("button", name="Save check-in").click()
    expect(page).to_have_url(re.compile(r"/keys/unlock/"))
    expect(page.get_by_test_id("unlock-unsent")).to_contain_text("was not saved")
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Unlock").click()

    expect(page).to_have_url(re.compile(r"/daily/checkin/$"))
    expect(page.get_by_label("A private note")).to_have_value(PRIVATE_NOTE)
    expect(scales.nth(7).locator("input").nth(2)).to_be_checked()
    assert page.evaluate(DRAFT) is None
