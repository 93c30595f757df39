from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from nearer.web.accounts.models import User
from nearer.web.couples import services as couples
from nearer.web.couples.models import Membership
from nearer.web.couples.services import couple_of
from nearer.web.daily import services
from nearer.web.daily.models import DailyQuestion
from tests.web.api.conftest import call
from tests.web.conftest import client_for, make_couple, screen

SECRET = "the lighthouse where my grandfather worked"


def today_url() -> str:
    return f"/daily/day/{timezone.localdate().isoformat()}/"


def test_the_partners_answer_stays_hidden_until_both_have_answered(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    client_for(alice).post(today_url() + "answer/", {"text": SECRET, "action": "answer"})
    page = client_for(bob).get("/daily/today/")
    assert SECRET not in page.content.decode()
    assert b"Alice has answered" in page.content
    client_for(bob).post(today_url() + "answer/", {"text": "the sea", "action": "answer"})
    assert SECRET in client_for(bob).get("/daily/today/").content.decode()
    assert "the sea" in client_for(alice).get("/daily/today/").content.decode()


def test_a_pass_reveals_nothing(couple: tuple[User, User]) -> None:
    alice, bob = couple
    client_for(alice).post(today_url() + "answer/", {"text": SECRET, "action": "answer"})
    client_for(bob).post(today_url() + "answer/", {"text": "", "action": "pass"})
    assert SECRET not in client_for(bob).get("/daily/today/").content.decode()


def test_htmx_gets_the_fragment_and_a_browser_the_page(couple: tuple[User, User]) -> None:
    alice, _ = couple
    fragment = client_for(alice).post(
        today_url() + "answer/", {"text": "hello", "action": "answer"}, HTTP_HX_REQUEST="true"
    )
    assert fragment.status_code == 200
    assert b'id="question"' in fragment.content and b"<html" not in fragment.content
    full = client_for(alice).post(
        today_url() + "answer/", {"text": "hello again", "action": "answer"}
    )
    assert full.status_code == 302


def test_the_questions_live_region_stays_in_the_page_around_the_swapped_section(
    couple: tuple[User, User],
) -> None:
    alice, _ = couple
    client = client_for(alice)
    assert re.search(
        r'<div aria-live="polite">\s*<section id="question"',
        client.get(today_url()).content.decode(),
    )
    sent = {"text": "hello", "action": "answer"}
    fragment = client.post(today_url() + "answer/", sent, headers={"HX-Request": "true"})
    swapped = fragment.content.decode().lstrip()
    assert swapped.startswith('<section id="question"') and "aria-live" not in swapped


def test_an_empty_answer_is_a_clear_400_that_keeps_nothing(couple: tuple[User, User]) -> None:
    alice, _ = couple
    response = client_for(alice).post(today_url() + "answer/", {"text": "  ", "action": "answer"})
    assert response.status_code == 400
    assert b"Write an answer, or pass" in response.content


@pytest.mark.parametrize("htmx", [False, True])
def test_an_empty_answer_marks_its_box_invalid_and_described_by_the_reason(
    couple: tuple[User, User], htmx: bool
) -> None:
    alice, _ = couple
    headers = {"HX-Request": "true"} if htmx else {}
    sent = {"text": "", "action": "answer"}
    page = client_for(alice).post(today_url() + "answer/", sent, headers=headers).content.decode()
    assert re.search(r'<p class="errorlist" role="alert" id="question-error">Write an answer', page)
    box = re.search(r"<textarea [^>]*>", page)
    assert box and 'aria-invalid="true"' in box[0]
    assert 'aria-describedby="question-error"' in box[0]


def test_a_refused_reply_marks_its_box_invalid_and_described_by_the_reason(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    for person, text in ((alice, "mine"), (bob, "yours")):
        client_for(person).post(today_url() + "answer/", {"text": text, "action": "answer"})
    page = client_for(bob).post(today_url() + "respond/", {"reply": " "}).content.decode()
    box = re.search(r'<input id="id_reply" [^>]*>', page)
    assert box and 'aria-invalid="true" aria-describedby="question-error"' in box[0]


def test_a_question_without_an_error_marks_no_box_invalid(couple: tuple[User, User]) -> None:
    alice, _ = couple
    assert "aria-invalid" not in client_for(alice).get(today_url()).content.decode()


def test_answers_are_locked_once_revealed(couple: tuple[User, User]) -> None:
    alice, bob = couple
    daily = services.question_for(couple_of(alice), timezone.localdate())  # type: ignore[arg-type]
    services.answer(alice, daily, "one", passed=False)
    services.answer(bob, daily, "two", passed=False)
    with pytest.raises(services.DailyError):
        services.answer(alice, daily, "changed", passed=False)


def test_thanks_and_a_reply_reach_the_partner(couple: tuple[User, User]) -> None:
    alice, bob = couple
    for person, text in ((alice, "mine"), (bob, "yours")):
        client_for(person).post(today_url() + "answer/", {"text": text, "action": "answer"})
    client_for(bob).post(today_url() + "respond/", {"thank": "yes", "reply": "Loved this."})
    page = client_for(alice).get("/daily/today/").content.decode()
    assert "Bob thanked you for sharing" in page and "Loved this." in page


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        ("my words " + "y" * 300, "Keep the reply to one line (280 characters at most)."),
        ("hi\x00", "Null characters are not allowed."),
        ("   ", "Thank your partner, or write a reply."),
    ],
)
@pytest.mark.parametrize("htmx", [False, True])
def test_a_refused_reply_says_why_and_keeps_what_was_typed(
    couple: tuple[User, User], reply: str, reason: str, htmx: bool
) -> None:
    alice, bob = couple
    for person, text in ((alice, "mine"), (bob, "yours")):
        client_for(person).post(today_url() + "answer/", {"text": text, "action": "answer"})
    headers = {"HX-Request": "true"} if htmx else {}
    response = client_for(bob).post(today_url() + "respond/", {"reply": reply}, headers=headers)
    page = html.unescape(response.content.decode())
    assert response.status_code == 400 and reason in page
    assert f'value="{reply.replace(chr(0), "")}"' in page  # what was typed, but a NUL


def test_a_thank_you_sent_beside_a_reply_keeps_the_reply(
    couple: tuple[User, User], monkeypatch: pytest.MonkeyPatch
) -> None:
    alice, bob = couple
    for person, text in ((alice, "mine"), (bob, "yours")):
        client_for(person).post(today_url() + "answer/", {"text": text, "action": "answer"})
    daily = services.question_for(couple_of(alice), timezone.localdate())  # type: ignore[arg-type]
    read_first = services.view_for(bob, daily)  # a second tab's request reads the answer here
    services.respond(bob, daily, thank=False, reply="Loved this.")  # the first tab's reply lands
    monkeypatch.setattr(services, "view_for", lambda user, daily: read_first)
    services.respond(bob, daily, thank=True, reply="")  # then the second tab's thank-you
    answer = daily.answers.get(user=alice)
    assert answer.reply == "Loved this." and answer.thanked_at is not None


def test_responding_before_the_reveal_is_refused(couple: tuple[User, User]) -> None:
    alice, bob = couple
    client_for(alice).post(today_url() + "answer/", {"text": "mine", "action": "answer"})
    client_for(bob).post(today_url() + "respond/", {"thank": "yes"}, follow=True)
    daily = services.question_for(couple_of(alice), timezone.localdate())  # type: ignore[arg-type]
    assert daily.answers.get(user=alice).thanked_at is None


def test_one_question_a_day_the_same_for_both(couple: tuple[User, User]) -> None:
    alice, bob = couple
    first = services.question_for(couple_of(alice), timezone.localdate())  # type: ignore[arg-type]
    second = services.question_for(couple_of(bob), timezone.localdate())  # type: ignore[arg-type]
    assert first.pk == second.pk and first.question_id.startswith("q.")


def test_future_days_and_bad_dates_are_404(couple: tuple[User, User]) -> None:
    alice, _ = couple
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert client_for(alice).get(f"/daily/day/{tomorrow}/").status_code == 404
    assert client_for(alice).get("/daily/day/not-a-date/").status_code == 404
    assert client_for(alice).get("/daily/day/0001-01-01/").status_code == 404


def test_a_day_has_one_address_written_with_dashes(couple: tuple[User, User]) -> None:
    alice, _ = couple
    today = timezone.localdate()
    iso_week = "{}-W{:02d}-{}".format(*today.isocalendar())
    for other_spelling in (today.strftime("%Y%m%d"), iso_week):
        assert client_for(alice).get(f"/daily/day/{other_spelling}/").status_code == 404
        assert client_for(alice).get(f"/daily/checkin/{other_spelling}/").status_code == 404


def test_the_first_weeks_questions_are_light(couple: tuple[User, User]) -> None:
    alice, _ = couple
    daily = services.question_for(couple_of(alice), timezone.localdate())  # type: ignore[arg-type]
    assert ".1." in daily.question_id


def test_a_later_partner_never_sees_an_earlier_partners_answers(
    couple: tuple[User, User], carol: User
) -> None:
    from datetime import timedelta as days

    from nearer.web.couples import services as couples
    from nearer.web.couples.models import Membership

    alice, bob = couple
    earlier = timezone.localdate() - days(days=5)
    for person, text in ((alice, "alice then"), (bob, "bob then")):
        client_for(person).post(
            f"/daily/day/{earlier.isoformat()}/answer/", {"text": text, "action": "answer"}
        )
    couples.leave(bob)
    couples.join(carol, couples.invite(alice))
    Membership.objects.filter(user__in=[alice, bob]).update(
        joined_at=timezone.now() - days(days=30)
    )
    page = client_for(carol).get(f"/daily/day/{earlier.isoformat()}/").content.decode()
    assert "alice then" not in page and "bob then" not in page
    refused = client_for(carol).post(
        f"/daily/day/{earlier.isoformat()}/answer/", {"text": "x", "action": "answer"}
    )
    assert refused.status_code == 400 and b"not in this couple space" in refused.content


def test_an_earlier_days_page_is_titled_with_its_date(couple: tuple[User, User]) -> None:
    alice, _ = couple
    earlier = timezone.localdate() - timedelta(days=1)
    page = client_for(alice).get(f"/daily/day/{earlier.isoformat()}/").content.decode()
    assert f"<title>{earlier.day} {earlier:%B %Y} · nearer</title>" in page
    assert f"<h1>The question of {earlier:%A} {earlier.day} {earlier:%B %Y}</h1>" in page
    today = client_for(alice).get("/daily/today/").content.decode()
    assert "<title>Today · nearer</title>" in today


def test_an_earlier_days_check_in_is_titled_with_its_date(couple: tuple[User, User]) -> None:
    alice, _ = couple
    earlier = timezone.localdate() - timedelta(days=1)
    page = client_for(alice).get(f"/daily/checkin/{earlier.isoformat()}/").content.decode()
    assert f"<title>Check-in, {earlier.day} {earlier:%B %Y} · nearer</title>" in page
    today = client_for(alice).get("/daily/checkin/").content.decode()
    assert "<title>Check-in · nearer</title>" in today


def test_a_day_before_i_joined_offers_no_form_and_promises_no_answer(
    alice: User, carol: User
) -> None:
    make_couple(alice)
    Membership.objects.filter(user=alice).update(joined_at=timezone.now() - timedelta(days=30))
    earlier = (timezone.localdate() - timedelta(days=5)).isoformat()
    client_for(alice).post(f"/daily/day/{earlier}/answer/", {"text": "alone", "action": "answer"})
    couples.join(carol, couples.invite(alice))
    page = client_for(carol).get(f"/daily/day/{earlier}/").content.decode()
    assert "not in this couple space when this day" in page
    assert 'name="text"' not in page and "has answered" not in page
    day = call(carol, "GET", f"/daily/{earlier}").json()
    assert day["before_joining"] is True and day["partner_has_answered"] is False
    assert day["can_respond"] is False and day["question"] is None
    assert call(carol, "GET", "/daily/history").json() == []
    assert "No questions yet." in client_for(carol).get("/daily/history/").content.decode()


def test_the_reply_box_is_a_form_of_its_own_so_enter_never_thanks(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    for person, text in ((alice, "mine"), (bob, "yours")):
        client_for(person).post(today_url() + "answer/", {"text": text, "action": "answer"})
    page = client_for(bob).get("/daily/today/").content.decode()
    forms = re.findall(r"<form .*?</form>", page, re.DOTALL)
    reply_form = next(form for form in forms if 'id="id_reply"' in form)
    assert 'name="thank"' not in reply_form
    assert any('name="thank"' in form for form in forms)


def test_an_answer_changed_on_a_page_opened_before_the_reveal_stays_in_sight_to_copy(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    for person, text in ((alice, "mine"), (bob, "yours")):
        client_for(person).post(today_url() + "answer/", {"text": text, "action": "answer"})
    typed = "A better way to put it\nwith a second line & more"
    for headers in ({}, {"HX-Request": "true"}):
        response = client_for(alice).post(
            today_url() + "answer/", {"text": typed, "action": "answer"}, headers=headers
        )
        assert response.status_code == 400
        page = response.content.decode()
        assert "answers are kept as they were shared" in page
        assert 'data-testid="unsaved-typed"' in page and html.escape(typed) in page
    reply_refused = client_for(alice).post(today_url() + "respond/", {"reply": "x" * 300})
    assert 'data-testid="unsaved-typed"' not in reply_refused.content.decode()


@pytest.mark.parametrize(
    ("question_id", "badge"),
    [
        ("q.physical.1.01", "physical (nonsexual) closeness · light"),
        ("q.emotional.2.01", "emotional closeness · personal"),
    ],
)
def test_the_question_says_its_form_of_closeness_by_name_and_how_deep_it_goes(
    couple: tuple[User, User], question_id: str, badge: str
) -> None:
    alice, bob = couple
    screen(alice), screen(bob)
    today = timezone.localdate()
    daily = services.question_for(couple_of(alice), today)  # type: ignore[arg-type]
    DailyQuestion.objects.filter(pk=daily.pk).update(question_id=question_id)
    page = client_for(alice).get("/daily/today/").content.decode()
    assert f'<span class="badge">{html.escape(badge)}</span>' in page
