"""Real browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Every test in this folder carries the `browser` marker (`pytest -m "not browser"` leaves them out).
Where /usr/bin/chromium is missing they are skipped with the reason, except under CI=true, where
they fail: CI must never skip quietly (docs/testing.md).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from pytest_django.live_server_helper import LiveServer

CHROMIUM = Path("/usr/bin/chromium")
# --no-sandbox because CI runs as root; the networking flags because the machine's network is
# closed and Chromium would otherwise keep trying to reach Google's hosts.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MISSING = (
    f"browser tests need Debian's Chromium at {CHROMIUM}, which is missing "
    "(scripts/ensure_system_packages.sh installs it, or: apt-get install chromium)"
)
HEIGHTS = {375: 812}  # a phone's height for a phone's width; 900 for anything wider
TIMEOUT_MS = 5_000  # a local server answers in milliseconds; fail fast rather than after 30 s
HERE = Path(__file__).parent

OpenPage = Callable[..., Page]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: drives a real Chromium through Playwright (tests/browser)"
    )


@pytest.hookimpl(tryfirst=True)  # before -m selects, so `-m browser` and `-m "not browser"` work
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    skip = not CHROMIUM.exists() and os.environ.get("CI") != "true"
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)
            if skip:
                item.add_marker(pytest.mark.skip(reason=MISSING))


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """One Chromium for all the browser tests; each test opens its own contexts (a person each).

    Package-scoped rather than session-scoped so that Playwright stops after the last test here:
    its sync API keeps an asyncio loop marked as running in this thread, and while it is, Django
    refuses ORM calls (SynchronousOnlyOperation), including those of tests/web run afterwards.
    Nothing actually runs concurrently (Playwright switches greenlets within this one thread), so
    Django is told it is safe, for as long as Playwright runs and no longer."""
    if not CHROMIUM.exists():  # only reached under CI=true: elsewhere the tests were skipped
        pytest.fail(f"{MISSING}; CI=true, so this fails instead of skipping", pytrace=False)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield launched
            launched.close()


@pytest.fixture
def open_page(browser: Browser, live_server: LiveServer) -> Iterator[OpenPage]:
    """`open_page(width=1280, javascript=True, time_zone=None)`: a page in a fresh context (a
    separate person, in the browser's time zone `time_zone` if given),
    its relative URLs on the live server. Afterwards the test fails if any page of its asked for
    anything from another host: nearer must work on a machine with no way out."""
    server = live_server.url
    contexts, requested = [], []

    def open_page(width: int = 1280, javascript: bool = True, time_zone: str | None = None) -> Page:
        context = browser.new_context(
            base_url=server,
            viewport={"width": width, "height": HEIGHTS.get(width, 900)},
            java_script_enabled=javascript,
            timezone_id=time_zone,
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        context.on("request", lambda request: requested.append(request.url))
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
    elsewhere = [url for url in requested if not _served_by(url, server)]
    assert not elsewhere, f"requests left the machine: {elsewhere}"


def close_tab(page: Page) -> None:
    """Closes a tab once what it was loading has loaded. Closed mid-navigation, Chromium can
    acknowledge the close without closing anything, and Playwright's `Page.close`, which has no
    timeout, then waits for ever (microsoft/playwright#42068): one such hang ran CI out of time."""
    page.wait_for_load_state("load")
    page.close()


def _served_by(url: str, server: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.netloc == urlsplit(server).netloc


# Form controls a person fills in; buttons name themselves and hidden inputs are never seen.
_UNLABELLED_FIELDS_JS = """
() => {
  const named = (text) => (text || "").trim().length > 0;
  const skipped = ["hidden", "submit", "button", "reset", "image"];
  return Array.from(document.querySelectorAll("input, select, textarea"))
    .filter((field) => !skipped.includes(field.type))
    .filter((field) => {
      if (named(field.getAttribute("aria-label"))) return false;
      const ids = (field.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean);
      if (ids.some((id) => named(document.getElementById(id)?.textContent))) return false;
      return !Array.from(field.labels || []).some((label) => named(label.textContent));
    })
    .map((field) => field.outerHTML.slice(0, 160));
}
"""


def assert_every_field_labelled(page: Page) -> None:
    """Fail, naming them, if any input, select or textarea has no label a screen reader reads
    out: a <label> (for= or wrapping), aria-labelledby or aria-label, each with some text."""
    unlabelled = page.evaluate(_UNLABELLED_FIELDS_JS)
    assert not unlabelled, f"fields without a label on {page.url}: {unlabelled}"
