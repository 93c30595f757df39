"""The plan's settings form (plans.schedule, plans.forms): a partner's page opened before a change
cannot undo it unseen, a refused form shows back what was sent, and a save says when each change
takes effect."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client
from django.utils import timezone

from nearer.web.accounts.models import User
from nearer.web.couples.models import Couple
from nearer.web.couples.services import couple_of
from nearer.web.plans import services
from tests.web.conftest import client_for

HTMX = {"HX-Request": "true"}
CHANGED = "The plan's settings were changed after you opened this page"


def opened_on(page: bytes) -> dict[str, str]:
    """The settings revision a plan page (or a refused settings form) is opened on, as its form
    sends it: `{"opened": ...}`, or nothing from a page without one."""
    found = re.search(r'name="opened" value="([^"]+)"', page.decode())
    return {} if found is None else {"opened": found[1]}


def open_plan(client: Client) -> dict[str, str]:
    return opened_on(client.get("/plan/").content)


def settings_of(user: User) -> tuple[int, bool]:
    couple = couple_of(user)
    assert couple is not None
    return couple.minutes_per_week, couple.plan_paused


def settings_form(page: str) -> str:
    start = page.index('action="/plan/settings/"')
    return page[start : page.index("</form>", start)]


def said(response: object) -> str:
    return html.unescape(response.content.decode())  # type: ignore[attr-defined]


def message(response: object) -> str:
    """The page's message at its top, unescaped: what a save said."""
    found = re.search(r'<ul class="messages">(.*?)</ul>', said(response), flags=re.S)
    assert found is not None
    return found[1]


def test_a_pause_is_not_undone_by_the_partners_page_opened_before_it(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    alex, sam = client_for(alice), client_for(bob)
    alex_opened, sam_opened = open_plan(alex), open_plan(sam)
    paused = {"minutes_per_week": "60", "paused": "yes", **alex_opened}
    assert alex.post("/plan/settings/", paused).status_code == 302

    refused = sam.post("/plan/settings/", {"minutes_per_week": "90", **sam_opened})

    page = said(refused)
    assert refused.status_code == 400 and CHANGED in page
    assert "They are now 60 minutes a week, paused." in page
    form = settings_form(page)
    assert 'value="90"' in form and "checked" not in form  # what Sam chose, to choose again
    assert settings_of(alice) == (60, True)


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
def test_a_stale_settings_save_is_refused_with_and_without_htmx(
    couple: tuple[User, User], headers: dict[str, str]
) -> None:
    alice, bob = couple
    stale = open_plan(client_for(bob))
    client_for(alice).post("/plan/settings/", {"minutes_per_week": "60", "paused": "yes"})
    sent = {"minutes_per_week": "90", **stale}
    refused = client_for(bob).post("/plan/settings/", sent, headers=headers)
    assert refused.status_code == 400 and CHANGED in said(refused)
    assert settings_of(alice) == (60, True)


def test_saving_again_from_the_refused_page_replaces_the_settings_knowingly(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    sam = client_for(bob)
    stale = open_plan(sam)
    client_for(alice).post("/plan/settings/", {"minutes_per_week": "60", "paused": "yes"})
    refused = sam.post("/plan/settings/", {"minutes_per_week": "90", **stale})
    again = {"minutes_per_week": "90", **opened_on(refused.content)}
    assert sam.post("/plan/settings/", again).status_code == 302
    assert settings_of(alice) == (90, False)


def test_a_stale_page_that_sends_the_settings_as_they_are_now_saves(
    couple: tuple[User, User],
) -> None:
    """Both paused it, each from their own page: nothing of either is lost."""
    alice, bob = couple
    stale = open_plan(client_for(bob))
    client_for(alice).post("/plan/settings/", {"minutes_per_week": "60", "paused": "yes"})
    same = {"minutes_per_week": "60", "paused": "yes", **stale}
    assert client_for(bob).post("/plan/settings/", same).status_code == 302
    assert settings_of(alice) == (60, True)


def test_a_stale_page_refused_for_its_minutes_says_the_settings_changed_too(
    couple: tuple[User, User],
) -> None:
    """Fixed and sent again from the refused page, the form is no longer stale: so the refusal
    that opens that page on the new settings must say they changed, or the pause goes unseen."""
    alice, bob = couple
    stale = open_plan(client_for(bob))
    client_for(alice).post("/plan/settings/", {"minutes_per_week": "60", "paused": "yes"})
    refused = client_for(bob).post("/plan/settings/", {"minutes_per_week": "5", **stale})
    page = said(refused)
    assert refused.status_code == 400 and CHANGED in page and "must be from 10 to 600" in page
    assert settings_of(alice) == (60, True)


def test_a_new_weeks_plan_does_not_make_an_open_settings_page_stale(
    couple: tuple[User, User],
) -> None:
    """Making a week's plan changes the couple's question depth, not its settings."""
    alice, _ = couple
    opened = open_plan(client_for(alice))
    Couple.objects.filter(pk=couple_of(alice).pk).update(question_depth=3)  # type: ignore[union-attr]
    sent = {"minutes_per_week": "90", **opened}
    assert client_for(alice).post("/plan/settings/", sent).status_code == 302
    assert settings_of(alice) == (90, False)


def test_a_refused_settings_form_shows_back_what_was_sent_with_its_error_by_the_field(
    couple: tuple[User, User],
) -> None:
    alice, _ = couple
    client = client_for(alice)
    sent = {"minutes_per_week": "5", "paused": "yes", **open_plan(client)}
    refused = client.post("/plan/settings/", sent)
    page = refused.content.decode()
    form = settings_form(page)
    minutes = re.search(r'<input type="number" name="minutes_per_week"[^>]*>', form)
    assert refused.status_code == 400 and minutes is not None
    assert 'value="5"' in minutes[0] and 'aria-invalid="true"' in minutes[0]
    described = re.search(r'aria-describedby="([^"]+)"', minutes[0])
    assert described is not None
    error = f'id="{described[1]}">Minutes per week must be from 10 to 600.<'
    assert error in form
    assert re.search(r'name="paused" value="yes"[^>]* checked', form)
    assert re.search(r'<div role="alert">Minutes per week must be from 10 to 600\.', page)


def test_a_form_fixed_after_a_refusal_keeps_the_pause_it_was_sent_with(
    couple: tuple[User, User],
) -> None:
    alice, _ = couple
    client = client_for(alice)
    refused = client.post(
        "/plan/settings/", {"minutes_per_week": "5", "paused": "yes", **open_plan(client)}
    )
    form = settings_form(refused.content.decode())
    ticked = re.search(r'name="paused" value="yes"[^>]* checked', form)
    fixed = {"minutes_per_week": "90", **opened_on(refused.content)}
    if ticked:  # the browser sends the box as the refused page shows it
        fixed["paused"] = "yes"
    assert client.post("/plan/settings/", fixed).status_code == 302
    assert settings_of(alice) == (90, True)


def test_a_pause_is_said_to_take_effect_now_not_with_next_weeks_plan(
    couple: tuple[User, User],
) -> None:
    alice, _ = couple
    sent = {"minutes_per_week": "60", "paused": "yes"}
    response = client_for(alice).post("/plan/settings/", sent, follow=True)
    assert "Saved. The plan is paused from now, for both of you" in message(response)
    assert "will use it" not in message(response) and "Your plan is paused." in said(response)


def test_resuming_is_said_to_bring_this_weeks_practices_back(couple: tuple[User, User]) -> None:
    alice, _ = couple
    client = client_for(alice)
    client.post("/plan/settings/", {"minutes_per_week": "60", "paused": "yes"})
    resumed = client.post("/plan/settings/", {"minutes_per_week": "60"}, follow=True)
    assert "Saved. The plan is resumed: this week's practices are back" in message(resumed)


def test_new_minutes_are_said_to_shape_the_first_plan_not_yet_made(
    couple: tuple[User, User],
) -> None:
    alice, _ = couple
    week = services.first_week_to_use_settings(couple_of(alice), timezone.localdate())  # type: ignore[arg-type]
    saved = message(
        client_for(alice).post("/plan/settings/", {"minutes_per_week": "90"}, follow=True)
    )
    assert (
        f"Minutes a week: 90. The plan for the week of {week.day} {week:%B} will use it." in saved
    )
    assert "this week's plan stays as it was made" in saved and "paused" not in saved


def test_a_save_that_changes_nothing_says_so(couple: tuple[User, User]) -> None:
    alice, _ = couple
    saved = message(
        client_for(alice).post("/plan/settings/", {"minutes_per_week": "60"}, follow=True)
    )
    assert "Saved. Nothing changed." in saved and "will use it" not in saved
