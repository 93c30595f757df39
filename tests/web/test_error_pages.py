"""The pages for requests that go wrong outside a view say what happened, in the app's words."""

from __future__ import annotations

import html
import logging
from urllib.parse import urlencode

import pytest
from django.test import Client, RequestFactory

from nearer.web.accounts.models import User
from nearer.web.daily.models import CheckIn
from nearer.web.errorpages import server_error
from nearer.web.form_text import FORM, first_not_utf8
from tests.web.conftest import PASSWORD, client_for
from tests.web.seeds import CHECKIN_FORM


def test_a_form_post_over_the_size_limit_is_a_413_that_names_the_limit_and_closes(
    alice: User,
) -> None:
    response = client_for(alice).post("/daily/checkin/", {"note": "x" * (300 * 1024)})
    assert response.status_code == 413
    assert response["Connection"] == "close"  # the rest of the body is left unread
    page = response.content.decode()
    assert "larger than nearer takes in one go (256 KB)" in page
    assert "Nothing you saved before is lost." in page
    assert not CheckIn.objects.exists()


def test_a_form_sent_without_its_csrf_token_asks_to_send_it_again(alice: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.login(email=alice.email, password=PASSWORD)
    response = client.post(
        "/daily/checkin/", {"note": "kept safe"}, headers={"Referer": "http://testserver/daily/"}
    )
    assert response.status_code == 403
    page = response.content.decode()
    assert "signed in or out in another tab" in page and "send it once more" in page
    assert not CheckIn.objects.exists()


def test_a_form_refused_for_its_csrf_token_keeps_the_tabs_copy_and_links_to_its_page(
    alice: User,
) -> None:
    """The tab's copy of what was typed (form-drafts.js) is kept, as on the sign-in page, for
    the form's page to put back: never a link to another site."""
    client = Client(enforce_csrf_checks=True)
    client.login(email=alice.email, password=PASSWORD)
    sent = {"note": "kept safe"}
    for referer, link in (
        ("http://testserver/daily/checkin/?day=2026-01-02", "/daily/checkin/?day=2026-01-02"),
        ("https://elsewhere.example/daily/", "/home/"),
    ):
        refused = client.post("/daily/checkin/", sent, headers={"Referer": referer})
        page = refused.content.decode()
        assert refused["Nearer-Keeps-Drafts"] == "true" and "data-keeps-drafts" in page
        assert f'<a href="{link}">Open the form again</a>' in page
        assert 'src="/static/nearer/form-drafts.js"' in page
    htmx = client.post(
        "/daily/checkin/",
        sent,
        headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/daily/today/"},
    )
    assert '<a href="/daily/today/">Open the form again</a>' in htmx.content.decode()


def test_a_form_refused_for_its_csrf_token_shows_the_words_typed_to_copy_without_scripts(
    alice: User,
) -> None:
    """Only where the browser says a page of nearer sent it: words another site posts are never
    shown on a page of nearer's."""
    client = Client(enforce_csrf_checks=True)
    client.login(email=alice.email, password=PASSWORD)
    sent = {
        "note": "kept <b>safe</b>",
        "need": "an evening\nwithout phones",
        "pleasantness": "3",
        "need_shared": "on",
        "old_password": "not shown",
        "recovery_code": "secret-words-kept-back",
        "csrfmiddlewaretoken": "stale",
    }
    form = {"content_type": "application/x-www-form-urlencoded", "data": urlencode(sent)}
    page = client.post("/daily/checkin/", **form, headers={"Origin": "http://testserver"})
    page = page.content.decode()
    typed = page[page.index("<noscript>") : page.index("</noscript>")]
    assert 'readonly rows="1">kept &lt;b&gt;safe&lt;/b&gt;</textarea>' in typed
    assert "an evening\nwithout phones</textarea>" in typed
    assert ">Need</label>" in typed and ">Private note</label>" in typed
    assert "not shown" not in page and "secret-words" not in page and "stale" not in page
    assert ">3</textarea>" not in typed and ">on</textarea>" not in typed
    for elsewhere in ({"Origin": "https://elsewhere.example"}, {"Origin": "null"}, {}):
        page = client.post("/daily/checkin/", **form, headers=elsewhere).content.decode()
        assert "Please send that again" in page and "kept &lt;b&gt;" not in page, elsewhere
    # An upload's body (multipart) is not read just to show it back.
    here = {"Origin": "http://testserver"}
    page = client.post("/daily/checkin/", sent, headers=here).content.decode()
    assert "Please send that again" in page and "kept &lt;b&gt;" not in page
    assert not CheckIn.objects.exists()


def test_a_form_whose_words_are_not_utf8_is_a_400_naming_the_field_and_saves_nothing(
    alice: User,
) -> None:
    """Django would read the bytes as U+FFFD and the check-in would keep "priv��note"."""
    fields = urlencode({**CHECKIN_FORM, "note": "x"}, doseq=True).replace(
        "note=x", "note=priv%FF%FEnote"
    )
    client = client_for(alice)
    response = client.post("/daily/checkin/", fields, content_type=FORM)
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert 'The field "note" held bytes that are not UTF-8 text' in page
    assert not CheckIn.objects.exists()
    kept = urlencode({**CHECKIN_FORM, "note": "privé 🌙"}, doseq=True)
    assert client.post("/daily/checkin/", kept, content_type=FORM).status_code == 302
    assert CheckIn.objects.get().note == "privé 🌙"


def test_form_text_is_checked_field_by_field_as_browsers_encode_it() -> None:
    assert first_not_utf8(b"a=1&b=caf%C3%A9+au+lait&c=%F0%9F%8C%99") is None
    assert first_not_utf8(b"a=1&b%FF=2") == "b\ufffd"
    assert first_not_utf8(b"a=1&reply=ok%C3%28") == "reply"
    assert first_not_utf8(b"") is None


def test_other_error_pages_neither_keep_the_copy_nor_load_its_script(alice: User) -> None:
    page = client_for(alice).get("/no-such-page/")
    assert "Nearer-Keeps-Drafts" not in page and b"data-keeps-drafts" not in page.content
    assert b"form-drafts.js" not in page.content


def test_an_unknown_page_is_a_404_with_a_neutral_title(alice: User) -> None:
    response = client_for(alice).get("/no-such-page/")
    assert response.status_code == 404
    assert "<title>Not found · nearer</title>" in response.content.decode()


def test_a_forms_address_opened_is_a_405_page_that_says_what_was_not_saved(alice: User) -> None:
    for path in ("/plan/settings/", "/couple/leave/", "/chats/upload/"):
        response = client_for(alice).get(path)
        assert response.status_code == 405 and response["Allow"] == "POST", path
        page = response.content.decode()
        assert "<title>This address takes a form · nearer</title>" in page
        assert "what it held was not saved: go back to that page" in page
        assert "Nothing you saved before is lost." not in page  # not the form's, it was not


def test_a_method_not_taken_is_logged_once(alice: User, caplog: pytest.LogCaptureFixture) -> None:
    """Django logged "Method Not Allowed (GET): /plan/settings/", then again without the method
    for the page put in its place."""
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client_for(alice).get("/plan/settings/").status_code == 405
    said = [record.getMessage() for record in caplog.records if record.name == "django.request"]
    assert said == ["Method Not Allowed (GET): /plan/settings/"]


def test_a_form_sent_to_a_page_is_a_405_that_says_the_page_takes_none(alice: User) -> None:
    for path in ("/home/", "/support/", "/daily/history/"):
        response = client_for(alice).post(path, {"note": "lost"})
        assert response.status_code == 405 and "GET" in response["Allow"], path
        page = response.content.decode()
        assert "<title>This page takes no form · nearer</title>" in page
        assert "what was sent was not saved" in page and "takes a form" not in page


def test_pages_answer_head_as_they_answer_get(alice: User) -> None:
    for path in ("/daily/checkin/", "/accounts/profile/", "/healthz", "/weather/"):
        assert client_for(alice).head(path).status_code == 200, path


def test_an_unknown_api_path_answers_in_the_api_error_shape(alice: User) -> None:
    response = client_for(alice).get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json() == {
        "detail": "There is nothing here, or it is not yours to see.",
        "field": None,
    }


def test_the_500_page_renders_without_the_database() -> None:
    # No `db` fixture: any query here would raise, as it would with the database gone.
    response = server_error(RequestFactory().get("/home/"))
    assert response.status_code == 500
    assert "without anything you wrote" in response.content.decode()


def test_a_redirect_answering_htmx_moves_the_whole_page_never_a_page_in_a_page() -> None:
    signed_out = Client()
    response = signed_out.post(
        "/plan/done/practice.x/",
        headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/plan/"},
    )
    assert response.status_code == 200 and response.content == b""
    assert response["HX-Redirect"] == "/accounts/login/?next=%2Fplan%2F&unsent=1"  # the page
    assert Client().post("/plan/done/practice.x/").status_code == 302  # without htmx, as ever
