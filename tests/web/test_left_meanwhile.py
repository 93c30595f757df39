"""A form of the couple space sent after leaving it (in another tab, the form still open): the
page says so, nothing is saved, and the words typed come back to copy."""

from __future__ import annotations

from urllib.parse import urlencode

from django.utils import timezone

from nearer.web.accounts.models import User
from nearer.web.couples import services as couples
from tests.web.conftest import client_for

HERE = {"Origin": "http://testserver"}
FORM = "application/x-www-form-urlencoded"
ANSWER = "What I would like more of is our slow Sunday mornings."


def test_an_answer_sent_after_leaving_says_so_and_shows_the_words(
    couple: tuple[User, User],
) -> None:
    """It was "Not found: there is nothing here, or it is not yours to see", the words gone."""
    alice, _ = couple
    client = client_for(alice)
    couples.leave(alice)
    day = timezone.localdate().isoformat()
    for htmx in ({}, {"HX-Request": "true"}):
        response = client.post(
            f"/daily/day/{day}/answer/",
            urlencode({"text": ANSWER}),
            content_type=FORM,
            headers={**HERE, **htmx},
        )
        page = response.content.decode()
        assert response.status_code == 404, htmx
        assert "You are not in a couple space now, so what you sent was not saved." in page
        assert "Not found" not in page
        start = page.index('data-testid="typed-words"')
        assert f">{ANSWER}</textarea>" in page[start:]
        assert "<noscript>" not in page  # no tab keeps a copy of it: shown with scripts too


def test_the_plans_settings_sent_after_leaving_say_so(
    couple: tuple[User, User],
) -> None:
    alice, _ = couple
    client = client_for(alice)
    couples.leave(alice)
    response = client.post("/plan/settings/", {"minutes_per_week": "90"}, headers=HERE)
    assert response.status_code == 404
    assert "You are not in a couple space now" in response.content.decode()
