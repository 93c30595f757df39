"""The check-in's words for a feeling are a glance, not a scroll: side by side in as many
columns as fit, on a laptop and on the narrowest phone, every one of them on the screen and
ticked by a tap on its word."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import OpenPage
from tests.browser.test_journey import sign_up
from tests.browser.test_small_screens import NARROWEST, assert_within_the_screen

WORDS = ".word-choices label"


def columns_and_rows(page: Page) -> tuple[int, int]:
    """How many columns and rows the words are laid out in, from where each one's box starts."""
    boxes = [page.locator(WORDS).nth(i).bounding_box() for i in range(page.locator(WORDS).count())]
    lefts = {round(box["x"]) for box in boxes if box}
    tops = {round(box["y"]) for box in boxes if box}
    return len(lefts), len(tops)


@pytest.mark.parametrize(("width", "fewest_columns"), [(1280, 4), (NARROWEST, 2)])
def test_the_feeling_words_sit_side_by_side_and_on_the_screen(
    open_page: OpenPage, width: int, fewest_columns: int
) -> None:
    page = open_page(width)
    sign_up(page, "alice@example.org", "Alice")
    page.goto("/daily/checkin/")
    count = page.locator(WORDS).count()
    columns, rows = columns_and_rows(page)
    assert columns >= fewest_columns and rows == -(-count // columns), (columns, rows, count)
    if width == NARROWEST:
        assert_within_the_screen(page, WORDS)
    page.get_by_text("overwhelmed", exact=True).click()
    assert page.get_by_label("overwhelmed", exact=True).is_checked()
