from __future__ import annotations

from django.db.utils import OperationalError
from django.test import Client

from nearer.content.loader import default_content
from nearer.web.accounts.models import User
from nearer.web.demo import seed
from nearer.web.insights.views import COUNTRY_NAMES
from tests.web.conftest import client_for


def test_healthz_says_ok_after_reaching_the_database(db: None) -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


class Unreachable:
    def cursor(self) -> None:
        raise OperationalError("could not connect to server")


def test_healthz_says_503_when_the_database_is_unreachable(db: None, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("nearer.web.insights.views.connection", Unreachable())
    response = Client().get("/healthz")
    assert response.status_code == 503


def test_the_dashboard_shows_the_next_step(alice: User) -> None:
    page = client_for(alice).get("/home/").content.decode()
    assert "Take your private safety check" in page


def test_the_demo_fills_every_page(db: None) -> None:
    (email, password), _ = seed()
    client = Client()
    assert client.login(username=email, password=password)
    for url in (
        "/home/",
        "/daily/today/",
        "/daily/history/",
        "/plan/",
        "/assessments/report/",
        "/couple/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    dashboard = client.get("/home/").content.decode()
    assert dashboard.count("<svg") >= 4 and "What Sam appreciated" in dashboard
    assert dashboard.count("<summary>The numbers</summary>") == 4  # every chart's values as text
    assert "<svg" in client.get("/assessments/report/").content.decode()


def test_support_is_reachable_without_signing_in(db: None) -> None:
    page = Client().get("/support/?country=GB").content.decode()
    assert "0808 2000 247" in page


def test_the_support_page_lists_countries_by_name(db: None) -> None:
    page = Client().get("/support/?country=GB").content.decode()
    assert '<option value="GB" selected>United Kingdom</option>' in page
    assert ">US<" not in page
    for code in default_content().resources_by_country:
        assert f'value="{code}"' in page
        assert code in COUNTRY_NAMES, f"add {code}'s name to COUNTRY_NAMES"


def test_the_account_page_with_data_download_and_sessions_is_in_the_menu(alice: User) -> None:
    page = client_for(alice).get("/home/").content.decode()
    menu = page[page.index('<nav aria-label="Main">') : page.index("</nav>")]
    assert 'href="/accounts/profile/"' in menu
