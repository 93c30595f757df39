"""The report's earlier results, read over months: on a laptop a few runs fit without scrolling
sideways and each date stays on one line; on a phone the runs scroll inside the table's own box
while the scales' names stay in sight."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import F
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from nearer.web.assessments.models import Run
from tests.browser.conftest import OpenPage
from tests.browser.test_chat_import import signed_in
from tests.browser.test_small_screens import NARROWEST, page_width
from tests.web.conftest import make_user
from tests.web.test_assessments_new_partner import take_profile

LAPTOP = 1100


def report_with_runs(open_page: OpenPage, live_server: LiveServer, width: int, runs: int) -> Page:
    """Alice's report on a screen `width` wide, after `runs` profiles a month apart."""
    alice = make_user("alice")
    for _ in range(runs):  # each taken a month before the next could be
        Run.objects.filter(user=alice).update(completed_at=F("completed_at") - timedelta(days=30))
        take_profile(alice)
    page = signed_in(open_page(width), alice, live_server)
    page.goto("/assessments/report/")
    page.locator("table.over-time").wait_for()
    return page


def test_a_few_runs_fit_a_laptop_and_each_date_stays_on_one_line(
    open_page: OpenPage, live_server: LiveServer
) -> None:
    page = report_with_runs(open_page, live_server, LAPTOP, runs=4)
    box = page.locator(".table-wrap:has(table.over-time)")
    assert box.evaluate("(wrap) => wrap.scrollWidth <= wrap.clientWidth")
    line = page.locator("table.over-time tbody th").first.bounding_box()
    assert line is not None
    dates = page.locator("table.over-time thead time")
    assert dates.count() == 4
    for index in range(4):
        date = dates.nth(index)
        height = (date.bounding_box() or {}).get("height")
        assert height is not None and height <= line["height"], date.text_content()


def test_many_runs_scroll_in_their_box_on_a_phone_and_the_scales_stay_in_sight(
    open_page: OpenPage, live_server: LiveServer
) -> None:
    page = report_with_runs(open_page, live_server, NARROWEST, runs=6)
    assert page_width(page) <= NARROWEST
    box = page.locator(".table-wrap:has(table.over-time)")
    assert box.evaluate("(wrap) => wrap.scrollWidth > wrap.clientWidth")
    box.evaluate("(wrap) => { wrap.scrollLeft = wrap.scrollWidth; }")
    shown = box.bounding_box()
    assert shown is not None
    scales = page.locator("table.over-time tr > :first-child")  # "Scale" above them too
    assert scales.count() == 9
    for index in range(scales.count()):
        scale = scales.nth(index)
        left = (scale.bounding_box() or {}).get("x")
        assert left is not None and left >= shown["x"] - 1, scale.text_content()
    last = page.locator("table.over-time thead time").last.bounding_box()
    assert last is not None and last["x"] + last["width"] <= shown["x"] + shown["width"] + 1
