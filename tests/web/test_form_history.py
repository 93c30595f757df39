"""A page that answers a form sent without htmx says so (data-answers-form), for form-history.js
to make its entry in the tab's history a GET of the form's page: Back to it never asks to send the
form again (tests/browser/test_form_history.py drives it in Chromium)."""

from __future__ import annotations

import re
from pathlib import Path

import nearer.web
from nearer.web.accounts.models import User
from tests.web.conftest import client_for

MARK = "data-answers-form"


def test_a_refused_form_answered_with_a_page_is_marked_for_the_tabs_history(
    carol: User,
) -> None:
    refused = client_for(carol).post("/plan/settings/", {"minutes_per_week": "5"})
    assert refused.status_code == 400 and MARK in refused.content.decode()
    assert 'src="/static/nearer/form-history.js"' in refused.content.decode()


def test_a_page_opened_or_answered_to_htmx_is_not_marked(carol: User) -> None:
    client = client_for(carol)
    assert MARK not in client.get("/plan/").content.decode()
    fragment = client.post(
        "/plan/settings/", {"minutes_per_week": "5"}, headers={"HX-Request": "true"}
    )
    assert fragment.status_code == 400 and MARK not in fragment.content.decode()


def test_every_form_that_posts_names_where_it_posts() -> None:
    """form-history.js gives a page that answers a form the address of the page it was sent
    from: a form there without its own action would then post to that address instead."""
    package = Path(nearer.web.__file__).parent
    forms = [
        (path.name, tag)
        for path in package.rglob("*.html")
        for tag in re.findall(r"<form\b[^>]*>", path.read_text(), flags=re.S)
        if 'method="get"' not in tag
    ]
    assert forms and [f for f in forms if not re.search(r'\baction="[^"]+"', f[1])] == []
