"""The offline report (chat.render_html) opened from a file on the narrowest phone: a long name
from the chat wraps instead of pushing the page sideways (WCAG 1.4.10 Reflow)."""

from __future__ import annotations

from playwright.sync_api import Browser

from nearer.chat.pipeline import analyze_parsed
from nearer.chat.render_html import render_html
from nearer.content.loader import default_content
from tests.browser.test_small_screens import NARROWEST
from tests.chat.conftest import daily, make_chat


def test_a_300_character_name_does_not_widen_the_offline_report(browser: Browser) -> None:
    long_name = "Ä" + "x" * 299  # one word, as a chat may hold: in the heading and a table head
    lines = ((long_name, "Good morning, I hope you slept well"), ("Alex", "Morning love, I did"))
    page_html = render_html(analyze_parsed(make_chat(daily(14, lines))), default_content())
    context = browser.new_context(viewport={"width": NARROWEST, "height": 812})
    try:
        page = context.new_page()
        page.set_content(page_html)
        assert page.evaluate("document.documentElement.scrollWidth") <= NARROWEST
    finally:
        context.close()
