"""A form sent on an ended session: signing in returns to the page the form was on, on this
site only, never to the form's own address (which takes only a POST)."""

from __future__ import annotations

from django.test import Client, override_settings

TODAY_PAGE = "http://testserver/daily/today/"


def test_an_htmx_answer_signed_out_goes_to_sign_in_and_back_to_the_page_it_was_on() -> None:
    response = Client().post(
        "/daily/day/2026-03-02/answer/",
        {"text": "typed"},
        headers={"HX-Request": "true", "HX-Current-URL": TODAY_PAGE},
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == "/accounts/login/?next=%2Fdaily%2Ftoday%2F&unsent=1"


def test_a_form_sent_signed_out_without_htmx_returns_to_its_page_after_sign_in() -> None:
    response = Client().post(
        "/plan/done/any/", {"day": "2026-03-02"}, headers={"Referer": "http://testserver/plan/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fplan%2F&unsent=1"


def test_a_page_on_another_site_is_never_where_sign_in_returns_to() -> None:
    for referer in ("https://elsewhere.example/plan/", "http://testserver//elsewhere.example/"):
        response = Client().post("/plan/done/any/", headers={"Referer": referer})
        assert response["Location"] == "/accounts/login/?unsent=1", referer


def test_a_form_from_an_unknown_page_signs_in_to_the_start_not_to_its_address() -> None:
    response = Client().post("/couple/leave/")
    assert response["Location"] == "/accounts/login/?unsent=1"


def test_a_page_opened_signed_out_still_returns_to_itself() -> None:
    response = Client().get("/daily/today/", headers={"Referer": "http://testserver/plan/"})
    assert response["Location"] == "/accounts/login/?next=/daily/today/"


def test_the_sign_in_page_says_a_form_sent_signed_out_was_not_saved() -> None:
    sent = Client().post(
        "/plan/done/any/", {"day": "2026-03-02"}, headers={"Referer": "http://testserver/plan/"}
    )
    page = Client().get(sent["Location"]).content.decode()
    assert "what you just sent was not saved" in page
    assert 'name="next" value="/plan/"' in page


def test_a_page_or_an_htmx_read_signed_out_says_nothing_of_unsent_forms() -> None:
    opened = Client().get("/plan/")
    htmx = Client().get(
        "/daily/today/", headers={"HX-Request": "true", "HX-Current-URL": TODAY_PAGE}
    )
    assert "unsent" not in opened["Location"] and "unsent" not in htmx["HX-Redirect"]
    assert "not saved" not in Client().get(opened["Location"]).content.decode()


PROXIED = "https://nearer.example.org"


def sent_from(referer: str) -> str:
    response = Client().post("/plan/done/any/", headers={"Referer": referer})
    return str(response["Location"])


@override_settings(CSRF_TRUSTED_ORIGINS=[PROXIED], NEARER_PUBLIC_URL="")
def test_behind_a_proxy_a_trusted_origins_page_is_where_sign_in_returns_to() -> None:
    assert sent_from(f"{PROXIED}/plan/") == "/accounts/login/?next=%2Fplan%2F&unsent=1"
    htmx = Client().post(
        "/daily/day/2026-03-02/answer/",
        {"text": "typed"},
        headers={"HX-Request": "true", "HX-Current-URL": f"{PROXIED}/daily/today/"},
    )
    assert htmx["HX-Redirect"] == "/accounts/login/?next=%2Fdaily%2Ftoday%2F&unsent=1"


@override_settings(CSRF_TRUSTED_ORIGINS=[], NEARER_PUBLIC_URL=PROXIED)
def test_behind_a_proxy_the_public_urls_page_is_where_sign_in_returns_to() -> None:
    assert sent_from(f"{PROXIED}/plan/") == "/accounts/login/?next=%2Fplan%2F&unsent=1"


@override_settings(
    CSRF_TRUSTED_ORIGINS=[PROXIED, "https://*.example.com"], NEARER_PUBLIC_URL=PROXIED
)
def test_behind_a_proxy_nothing_but_its_origins_is_where_sign_in_returns_to() -> None:
    assert sent_from("https://app.example.com/plan/") == "/accounts/login/?next=%2Fplan%2F&unsent=1"
    for referer in (
        "http://nearer.example.org/plan/",  # another scheme
        "https://nearer.example.org:8443/plan/",  # another port
        "https://nearer.example.org.elsewhere.example/plan/",
        "https://someone@nearer.example.org/plan/",
        "https://nearer.example.org//elsewhere.example/",
        "https://nearer.example.org\\@elsewhere.example/",
        "https://example.com.elsewhere.example/plan/",
        "http://app.example.com/plan/",
        "https://elsewhere.example/plan/",
    ):
        assert sent_from(referer) == "/accounts/login/?unsent=1", referer
