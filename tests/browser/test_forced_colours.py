"""Forced colours (Windows high contrast) replace backgrounds and border colours with the
system's: what a page shows by colour alone disappears there."""

from __future__ import annotations

from playwright.sync_api import Locator

from tests.browser.conftest import OpenPage
from tests.browser.test_journey import sign_up

_LOOK_JS = """
(label) => {
  const style = getComputedStyle(label);
  return [style.borderTopWidth, style.borderTopColor];
}
"""


def look(label: Locator) -> list[object]:
    """What tells a point of a scale apart in forced colours: its border's width and colour."""
    return list(label.evaluate(_LOOK_JS))


def test_the_chosen_closeness_picture_stands_out_in_forced_colours(open_page: OpenPage) -> None:
    page = open_page()
    sign_up(page, "alice@example.org", "Alice")
    page.emulate_media(forced_colors="active")
    page.goto("/daily/checkin/")
    points = page.locator(".scale.circles label")
    row = page.locator(".scale.circles")
    before = row.evaluate("(row) => row.getBoundingClientRect().height")
    points.nth(3).click()
    chosen, other = look(points.nth(3)), look(points.nth(2))
    assert chosen != other, (chosen, other)
    assert row.evaluate("(row) => row.getBoundingClientRect().height") == before  # no jump
    # Its number is drawn bold too, though the picture sits between the input and the number.
    number = points.nth(3).locator("span[aria-hidden=true]")
    assert number.evaluate("(span) => getComputedStyle(span).fontWeight") == "700"
