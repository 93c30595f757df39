"""A form turned away to sign in or to unlock shows back what was typed, for browsers without
JavaScript, whose form pages keep no copy of their own."""

from __future__ import annotations

from urllib.parse import urlencode

from django.test import Client
from django.utils import timezone

from nearer.web.accounts.models import User
from nearer.web.daily.models import CheckIn
from nearer.web.vault import sessions
from tests.web.conftest import client_for
from tests.web.seeds import CHECKIN_FORM

HERE = {"Origin": "http://testserver", "Referer": "http://testserver/daily/checkin/"}
LONG_NOTE = "I have been carrying this all week,\nand I want you to know."


def sent(client: Client, headers: dict[str, str] = HERE) -> str:
    """A check-in with a long private note, sent as a browser sends a form."""
    form = urlencode({**CHECKIN_FORM, "note": LONG_NOTE, "opened": "r1"}, doseq=True)
    day = timezone.localdate().isoformat()
    response = client.post(
        f"/daily/checkin/{day}/",
        form,
        content_type="application/x-www-form-urlencoded",
        headers=headers,
    )
    return f"{response.status_code} {response.get('Location', '')}\n{response.content.decode()}"


def typed_words(page: str) -> str:
    """The card of the words typed, to copy."""
    start = page.index('data-testid="typed-words"')
    return page[start : page.index("</div>", start)]


def test_a_form_sent_signed_out_shows_the_words_typed_and_the_way_to_sign_in(db: None) -> None:
    """It went to the sign-in page, which cannot hold them: a long private note was gone."""
    page = sent(Client())
    assert page.startswith("403 \n")
    assert "You were signed out" in page and "what you sent was not saved" in page
    again = "/accounts/login/?next=%2Fdaily%2Fcheckin%2F&amp;unsent=1"
    assert f'<a href="{again}" data-goes-on>Sign in, then send it again</a>' in page
    words = typed_words(page)
    assert f">{LONG_NOTE}</textarea>" in words and ">You made tea.</textarea>" in words
    assert not CheckIn.objects.exists()


def test_a_form_sent_while_locked_shows_the_words_typed_and_the_way_to_unlock(
    alice: User,
) -> None:
    client = client_for(alice)
    del client.cookies[sessions.COOKIE]
    page = sent(client)
    assert page.startswith("403 \n") and "Your private entries are locked" in page
    again = "/accounts/keys/unlock/?next=%2Fdaily%2Fcheckin%2F&amp;unsent=1"
    assert f'<a href="{again}" data-goes-on>Unlock them, then send it again</a>' in page
    assert f">{LONG_NOTE}</textarea>" in typed_words(page)
    assert not CheckIn.objects.exists()


def test_what_the_page_sent_along_and_the_choices_picked_are_not_shown_as_typed(
    alice: User,
) -> None:
    """The check-in's revision stamp showed as "Opened", its emotion words each as typed (on
    the page of a form refused for its CSRF token too)."""
    stale = Client(enforce_csrf_checks=True)
    stale.force_login(alice)
    for page in (sent(Client()), sent(stale)):
        words = typed_words(page)
        assert f">{LONG_NOTE}</textarea>" in words
        assert ">r1</textarea>" not in words and "Opened" not in words
        assert "calm" not in words and "grateful" not in words


def test_words_another_site_posted_are_never_shown_and_the_redirect_stays(db: None) -> None:
    for elsewhere in ({"Origin": "https://elsewhere.example"}, {}):
        page = sent(Client(), headers=elsewhere)
        assert page.startswith("302 /accounts/login/?unsent=1\n"), elsewhere
        assert LONG_NOTE not in page


def test_a_form_with_no_words_typed_goes_straight_to_sign_in(db: None) -> None:
    response = Client().post(
        "/plan/done/any/",
        {"day": "2026-03-02"},
        headers={"Origin": "http://testserver", "Referer": "http://testserver/plan/"},
    )
    assert (response.status_code, response["Location"]) == (
        302,
        "/accounts/login/?next=%2Fplan%2F&unsent=1",
    )
