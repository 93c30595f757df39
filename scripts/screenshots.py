"""Take the README's screenshots of a running nearer: the dashboard and the report, wide and phone.

    nearer serve --demo --port 8799 &        # prints the demo partners' emails and passwords
    .venv/bin/python scripts/screenshots.py http://127.0.0.1:8799 alex@demo.nearer.local PASSWORD

Starts nothing itself: it signs in to the server it is given as the partner it is given (either
demo partner will do) and writes dashboard.png, report.png (1280 wide, about 1000 high) and
dashboard-phone.png, report-phone.png (375 wide) into docs/screenshots/ (or --out). Pages taller
than that are cut below the last card that fits whole, or below a row or a line, never
through a line of text.
It drives Debian's Chromium (/usr/bin/chromium) with Playwright, as the browser tests do.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [  # as in tests/browser/conftest.py; docs/testing.md says why
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGES = {"dashboard": "/home/", "report": "/assessments/report/"}
OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


@dataclass(frozen=True)
class Shape:
    suffix: str  # added to the file name: "" or "-phone"
    width: int  # CSS pixels, at a device scale of 1: the PNG is this wide
    viewport_height: int
    max_height: int  # taller pages are cut, at a card's edge, to at most this


SHAPES = (Shape("", 1280, 1000, 1000), Shape("-phone", 375, 812, 1400))

# Where a page can be cut (bottom edges, in page pixels): below a whole card, or failing that
# below a row or a line inside one, so a long card does not leave the picture half empty.
_CARD_EDGES_JS = "header.top, main > *, main .card, main .grid2 > *"
_LINE_EDGES_JS = "main .card > *, main tr, main li"
_BOTTOMS_JS = """
(selector) => Array.from(document.querySelectorAll(selector))
  .map((block) => block.getBoundingClientRect().bottom + window.scrollY)
"""


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for shape in SHAPES:
                _shoot(browser, shape, args)
            browser.close()
    except (PlaywrightError, SignInError) as problem:
        print(f"screenshots: {str(problem).splitlines()[0]}", file=sys.stderr)
        return 1
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base_url", help="where nearer runs, e.g. http://127.0.0.1:8799")
    parser.add_argument("email", help="a demo partner's email, as `nearer serve --demo` printed")
    parser.add_argument("password", help="that partner's password")
    parser.add_argument("--out", type=Path, default=OUT, help=f"folder for the PNGs ({OUT})")
    return parser


class SignInError(Exception):
    """The server did not accept the email and password."""


def _shoot(browser: Browser, shape: Shape, args: argparse.Namespace) -> None:
    context = browser.new_context(
        base_url=args.base_url.rstrip("/"),
        viewport={"width": shape.width, "height": shape.viewport_height},
        device_scale_factor=1,
    )
    page = context.new_page()
    _sign_in(page, args.email, args.password)
    for name, path in PAGES.items():
        page.goto(path)
        target = args.out / f"{name}{shape.suffix}.png"
        height = _cut_height(page, shape.max_height)
        clip = {"x": 0, "y": 0, "width": shape.width, "height": height}
        page.screenshot(path=target, full_page=True, clip=clip, animations="disabled")
        print(f"wrote {target} ({shape.width}×{height})")
    context.close()


def _sign_in(page: Page, email: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    if "/accounts/login/" in page.url:
        raise SignInError(f"could not sign in as {email}: check the email and password")


def _cut_height(page: Page, max_height: int) -> int:
    """The whole page if it fits; else below the lowest card that fits, if that fills most of
    the picture, or else below the lowest row or line that fits."""
    full = int(page.evaluate("document.documentElement.scrollHeight"))
    if full <= max_height:
        return full
    # (edges, the least share of the picture to fill, room below: a card's own bottom margin,
    # none after a line, whose neighbour starts right under it)
    for selector, enough, margin in ((_CARD_EDGES_JS, 0.75, 12), (_LINE_EDGES_JS, 0.5, 0)):
        bottoms = [b for b in page.evaluate(_BOTTOMS_JS, selector) if b + margin <= max_height]
        if bottoms and max(bottoms) >= enough * max_height:
            return int(max(bottoms)) + margin
    return max_height


if __name__ == "__main__":
    sys.exit(main())
