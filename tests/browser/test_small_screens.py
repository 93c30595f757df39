"""On the narrowest phones (320 CSS pixels): nothing needs scrolling sideways, the menu included
(WCAG 1.4.10 Reflow), and leaving quickly is the first thing the keyboard reaches."""

from __future__ import annotations

from tests.browser.conftest import OpenPage
from tests.browser.test_journey import sign_up

_OVERFLOWING_JS = """
() => Array.from(document.querySelectorAll("header a, header button, main a, main button"))
  .filter((element) => element.getClientRects().length > 0)
  .filter((element) => {
    const box = element.getBoundingClientRect();
    return box.right > window.innerWidth + 1 || box.left < -1;
  })
  .map((element) => element.textContent.trim())
"""


def test_every_menu_link_and_button_fits_a_320_pixel_screen(open_page: OpenPage) -> None:
    page = open_page(320)
    sign_up(page, "alice@example.org", "Alice")
    for path in ("/home/", "/daily/today/", "/daily/checkin/", "/plan/"):
        page.goto(path)
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= 320, (path, wide)
        assert page.evaluate(_OVERFLOWING_JS) == [], path


def test_the_first_tab_reaches_leave_quickly(open_page: OpenPage) -> None:
    page = open_page(1280)
    sign_up(page, "alice@example.org", "Alice")
    page.goto("/home/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Leave quickly"
