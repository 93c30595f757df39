from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import DEFAULT_DB_ALIAS
from django.db.utils import OperationalError
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from nearer.content.loader import default_content
from nearer.web.accounts.models import User
from nearer.web.assessments.models import REMEASURE_AFTER, RETAKE_AFTER, Run
from nearer.web.chats.models import ChatImport
from nearer.web.couples.services import times_together
from nearer.web.daily.models import CheckIn
from nearer.web.demo import seed
from nearer.web.insights import dashboard
from nearer.web.insights.dashboard import next_step
from nearer.web.insights.views import COUNTRY_NAMES
from tests.conftest import agreeing
from tests.web.api.conftest import call
from tests.web.conftest import client_for, screen
from tests.web.seeds import CHECKIN_FORM, make_checkin


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


def checked_in(user: User, days_ago: range) -> None:
    today = timezone.localdate()
    for n in days_ago:
        make_checkin(DEFAULT_DB_ALIAS, user, today - timedelta(days=n))


def test_one_earlier_check_in_is_no_usual_to_compare_with(alice: User) -> None:
    checked_in(alice, range(10, 11))
    checked_in(alice, range(7))
    client = client_for(alice)
    page = client.get("/home/").content.decode()
    assert "About as usual" not in page
    assert "appears once 10 days of check-ins come before the last seven (1 so far)" in page
    measures = client.get("/api/v1/dashboard").json()["measures"]
    assert {m["baseline"] for m in measures} == {None}


def test_a_week_without_check_ins_is_not_called_as_usual(alice: User) -> None:
    checked_in(alice, range(14, 35))
    page = client_for(alice).get("/home/").content.decode()
    assert "About as usual" not in page
    assert "No check-ins in the last seven days to set beside your usual." in page


def test_the_demo_fills_every_page(db: None) -> None:
    (email, password), (_, sam_password) = seed()
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
    chat = ChatImport.objects.get()  # their chat, imported by Alex and agreed to by Sam
    assert chat.status == ChatImport.READY and chat.partner_agreed_at is not None
    for partner, password_of in zip(("alex", "sam"), (password, sam_password), strict=True):
        reader = Client()
        assert reader.login(username=f"{partner}@demo.nearer.local", password=password_of)
        page = reader.get(f"/chats/{chat.pk}/").content.decode()
        assert "<svg" in page and "approximate" in page, partner


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


def test_a_need_shared_shows_on_the_partners_dashboard_and_a_private_one_never(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    client_for(alice).post(
        "/daily/checkin/",
        {**CHECKIN_FORM, "need": "An evening\nwithout phones", "need_shared": "on"},
    )
    page = client_for(bob).get("/home/").content.decode()
    assert "What Alice would like" in page and "An evening\nwithout phones" in page
    assert call(bob, "GET", "/dashboard").json()["needs"][0]["text"] == "An evening\nwithout phones"
    client_for(alice).post("/daily/checkin/", {**CHECKIN_FORM, "need": "kept to myself"})
    assert "kept to myself" not in client_for(bob).get("/home/").content.decode()


def test_the_dashboard_works_out_once_when_the_two_were_together(
    couple: tuple[User, User], monkeypatch: pytest.MonkeyPatch
) -> None:
    alice, bob = couple
    asked = []
    monkeypatch.setattr(
        dashboard, "times_together", lambda user: asked.append(user) or times_together(user)
    )
    client_for(alice).post(
        "/daily/checkin/",
        {
            **CHECKIN_FORM,
            "appreciation": "the tea",
            "appreciation_shared": "on",
            "need": "a walk",
            "need_shared": "on",
        },
    )
    page = client_for(bob).get("/home/").content.decode()
    assert "the tea" in page and "a walk" in page
    assert asked == [bob]  # for the appreciations and the needs alike


def test_an_unusual_week_names_the_check_ins_it_is_set_against(alice: User) -> None:
    checked_in(alice, range(8, 20))  # twelve days of closeness 5
    today = timezone.localdate()
    for n in range(7):
        CheckIn.objects.create(
            user=alice, day=today - timedelta(days=n), pleasantness=4, energy=3, closeness=1,
            shared_feelings=3, understood=4, validated=4, cared_for=5, stress=2,
        )  # fmt: skip
    page = client_for(alice).get("/home/").content.decode()
    assert (
        '<span class="badge">Unusual for you</span><span class="visually-hidden">.</span> '
        "Lower this week than your usual: your 12 check-ins of the eight weeks before." in page
    )


def test_weeks_without_check_ins_break_the_chart_line(alice: User) -> None:
    checked_in(alice, range(30, 33))
    checked_in(alice, range(3))  # three weeks and more without a check-in between
    page = client_for(alice).get("/home/").content.decode()
    closeness = page.split('id="m-closeness"')[1].split("</section>")[0]
    assert closeness.count("<polyline") == 2
    assert closeness.count('<tr><th scope="row">') == 6  # the numbers: the check-ins only


def answer_today(user: User) -> None:
    day = timezone.localdate().isoformat()
    response = client_for(user).post(f"/daily/day/{day}/answer/", {"text": "a walk by the river"})
    assert response.status_code in (200, 302), response.content


def answered_every_questionnaire(user: User) -> None:
    for instrument_id in ("profile", "signs", "causes"):
        found = default_content().instruments[instrument_id]
        client_for(user).post(
            f"/assessments/{instrument_id}/take/", {k: str(v) for k, v in agreeing(found).items()}
        )


def test_a_profile_three_months_old_is_suggested_again_after_the_days_own_steps(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    screen(alice), screen(bob)
    answered_every_questionnaire(alice)
    taken = datetime(2026, 3, 2, 12, tzinfo=UTC)
    today = timezone.localdate()
    Run.objects.filter(user=alice, instrument="profile").update(completed_at=taken)
    assert next_step(alice, today)[1] == "/daily/today/"  # today's question first
    answer_today(alice)
    checked_in(alice, range(1))
    text, url = next_step(alice, today)
    assert (text, url) == (
        "See what has changed since 2 March 2026: take the Intimacy Profile again",
        "/assessments/profile/take/",
    )
    assert text in client_for(alice).get("/home/").content.decode()


def test_a_recent_profile_is_not_suggested_again(couple: tuple[User, User]) -> None:
    alice, bob = couple
    screen(alice), screen(bob)
    answered_every_questionnaire(alice)
    almost = timezone.now() - REMEASURE_AFTER + timedelta(days=1)
    Run.objects.filter(user=alice, instrument="profile").update(completed_at=almost)
    answer_today(alice)
    checked_in(alice, range(1))
    assert next_step(alice, timezone.localdate())[1] == "/plan/"


def test_a_profile_due_again_may_always_be_taken_again() -> None:
    assert REMEASURE_AFTER > RETAKE_AFTER


def test_the_welcome_says_how_long_each_step_takes_and_what_it_asks_about(alice: User) -> None:
    page = client_for(alice).get("/welcome/").content.decode()
    instruments = default_content().instruments
    total = sum(found.minutes for found in instruments.values())
    assert f"Four short steps, about {total} minutes in all" in page
    for instrument_id in ("safety", "profile", "signs", "causes"):
        found = instruments[instrument_id]
        step = page.split(f'href="/assessments/{instrument_id}/take/"', 1)[0].rsplit("<li", 1)[1]
        assert f"About {found.minutes} minutes." in step
    for instrument_id in ("profile", "signs", "causes"):
        assert escape(instruments[instrument_id].summary) in page
    assert escape(instruments["safety"].summary) not in page  # its own words say enough
