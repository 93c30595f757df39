"""Check-ins over JSON: one's own in full; the partner's only as far as they shared it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.http import HttpRequest
from django.test import Client
from django.utils import timezone

from nearer.web import access
from nearer.web.accounts.models import User
from nearer.web.api import checkins
from nearer.web.api.conditional import refuse_unless_current
from nearer.web.couples import services as couples
from nearer.web.daily.checkins import revision
from nearer.web.daily.models import CheckIn
from tests.web.api.conftest import CHECKIN, call, today
from tests.web.conftest import client_for, make_user
from tests.web.seeds import CHECKIN_FORM


def test_a_check_in_is_saved_and_read_back(alice: User) -> None:
    saved = call(alice, "PUT", f"/checkins/{today()}", CHECKIN)
    assert saved.status_code == 200
    read = call(alice, "GET", f"/checkins/{today()}").json()
    assert read["emotion_words"] == ["calm", "grateful"] and read["note"] == "private words"
    assert CheckIn.objects.get(user=alice).emotions == "calm,grateful"
    assert [c["day"] for c in call(alice, "GET", "/checkins").json()] == [today()]


def test_sending_a_day_again_replaces_it(alice: User) -> None:
    call(alice, "PUT", f"/checkins/{today()}", CHECKIN)
    call(alice, "PUT", f"/checkins/{today()}", {**CHECKIN, "closeness": 2, "note": ""})
    saved = CheckIn.objects.get(user=alice)
    assert saved.closeness == 2 and saved.note == ""


def test_a_missed_day_can_be_filled_in_later_but_not_a_future_one(alice: User) -> None:
    earlier = (timezone.localdate() - timedelta(days=3)).isoformat()
    later = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert call(alice, "PUT", f"/checkins/{earlier}", CHECKIN).status_code == 200
    response = call(alice, "PUT", f"/checkins/{later}", CHECKIN)
    assert response.status_code == 400 and response.json()["detail"].startswith("day:")
    assert list(CheckIn.objects.values_list("day", flat=True)) == [
        timezone.localdate() - timedelta(days=3)
    ]


def test_an_out_of_range_value_is_a_422_naming_it_and_keeps_the_saved_check_in(
    alice: User,
) -> None:
    call(alice, "PUT", f"/checkins/{today()}", CHECKIN)
    missing = {k: v for k, v in CHECKIN.items() if k != "understood"}
    bodies = {
        "closeness": {**CHECKIN, "closeness": 9},
        "stress": {**CHECKIN, "stress": 0},
        "energy": {**CHECKIN, "energy": "3"},
        "understood": missing,
    }
    for field, body in bodies.items():
        response = call(alice, "PUT", f"/checkins/{today()}", body)
        assert response.status_code == 422, field
        assert response.json()["field"] == field
        assert response.json()["detail"].startswith(f"{field}: ")
    assert CheckIn.objects.get(user=alice).closeness == CHECKIN["closeness"]


def test_an_unknown_emotion_word_and_an_overlong_note_are_refused_by_name(alice: User) -> None:
    words = call(alice, "PUT", f"/checkins/{today()}", {**CHECKIN, "emotion_words": ["smug"]})
    assert words.status_code == 422 and words.json()["field"] == "emotion_words.0"
    note = call(alice, "PUT", f"/checkins/{today()}", {**CHECKIN, "note": "x" * 4001})
    assert note.status_code == 422 and note.json()["field"] == "note"
    assert not CheckIn.objects.exists()


def test_the_partner_sees_only_what_was_shared(couple: tuple[User, User]) -> None:
    alice, bob = couple
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    call(alice, "PUT", f"/checkins/{today()}", {**CHECKIN, "need": "a walk", "need_shared": True})
    call(
        alice,
        "PUT",
        f"/checkins/{yesterday}",
        {**CHECKIN, "appreciation": "kept to myself", "appreciation_shared": False},
    )
    shared = call(bob, "GET", "/checkins/partner").json()
    assert shared == [{"day": today(), "appreciation": "You made tea.", "need": "a walk"}]
    seen = call(bob, "GET", "/checkins/partner").content.decode()
    assert "private words" not in seen and "kept to myself" not in seen


def test_a_later_partner_never_sees_what_was_shared_with_an_earlier_one(
    couple: tuple[User, User],
) -> None:
    alice, _ = couple
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    call(
        alice,
        "PUT",
        f"/checkins/{yesterday}",
        {**CHECKIN, "appreciation": "Bob cooks"}
        | {
            "appreciation_shared": True,
        },
    )
    couples.leave(alice)
    dave = make_user("dave")
    couples.create_couple(dave)
    couples.join(alice, couples.invite(dave))
    assert "Bob cooks" not in call(dave, "GET", "/checkins/partner?days=90").content.decode()
    assert "Bob cooks" not in call(dave, "GET", "/dashboard").content.decode()
    assert "Bob cooks" not in client_for(dave).get("/home/").content.decode()
    call(alice, "PUT", f"/checkins/{today()}", {**CHECKIN, "appreciation_shared": True})
    assert call(dave, "GET", "/checkins/partner").json()[0]["appreciation"] == "You made tea."


def test_nobody_reads_anothers_check_in_by_day(couple: tuple[User, User], carol: User) -> None:
    alice, bob = couple
    call(alice, "PUT", f"/checkins/{today()}", CHECKIN)
    for other in (bob, carol):
        assert call(other, "GET", f"/checkins/{today()}").status_code == 404
        assert call(other, "GET", "/checkins").json() == []
    assert call(carol, "GET", "/checkins/partner").json() == []


def test_a_partners_check_in_is_not_overwritten_by_mine(couple: tuple[User, User]) -> None:
    alice, bob = couple
    call(alice, "PUT", f"/checkins/{today()}", CHECKIN)
    call(bob, "PUT", f"/checkins/{today()}", {**CHECKIN, "note": "bob's"})
    assert CheckIn.objects.get(user=alice).note == "private words"


def test_an_appreciation_shared_after_the_partner_joined_reaches_them_whenever_first_saved(
    alice: User, bob: User
) -> None:
    couples.create_couple(alice)
    private = {**CHECKIN, "appreciation": "solo draft", "appreciation_shared": False}
    call(alice, "PUT", f"/checkins/{today()}", private)  # saved while alone, kept to herself
    couples.join(bob, couples.invite(alice))
    shared = {**CHECKIN, "appreciation": "Thank you for joining me", "appreciation_shared": True}
    call(alice, "PUT", f"/checkins/{today()}", shared)
    partner = call(bob, "GET", "/checkins/partner").json()
    assert [row["appreciation"] for row in partner] == ["Thank you for joining me"]
    appreciations = call(bob, "GET", "/dashboard").json()["appreciations"]
    assert [row["text"] for row in appreciations] == ["Thank you for joining me"]


def test_an_appreciation_shared_before_stays_unseen_when_sent_again_unchanged(
    couple: tuple[User, User],
) -> None:
    alice, _ = couple
    call(alice, "PUT", f"/checkins/{today()}", {**CHECKIN, "appreciation": "Bob cooks"})
    couples.leave(alice)
    dave = make_user("dave")
    couples.create_couple(dave)
    couples.join(alice, couples.invite(dave))
    again = {**CHECKIN, "appreciation": "Bob cooks", "note": "edited later"}
    call(alice, "PUT", f"/checkins/{today()}", again)  # still shared, as it was: with bob
    assert call(dave, "GET", "/checkins/partner").json() == []


def test_a_check_in_of_a_day_ahead_of_a_new_time_zone_stays_readable_and_editable(
    alice: User,
) -> None:
    east = datetime.now(ZoneInfo("Pacific/Kiritimati")).date().isoformat()
    User.objects.filter(pk=alice.pk).update(time_zone="Pacific/Kiritimati")
    assert call(alice, "PUT", f"/checkins/{east}", CHECKIN).status_code == 200
    User.objects.filter(pk=alice.pk).update(time_zone="Pacific/Pago_Pago")  # a day behind
    assert [row["day"] for row in call(alice, "GET", "/checkins").json()] == [east]
    assert call(alice, "GET", f"/checkins/{east}").status_code == 200
    edited = call(alice, "PUT", f"/checkins/{east}", {**CHECKIN, "stress": 5})
    assert edited.status_code == 200 and edited.json()["stress"] == 5
    assert client_for(alice).get(f"/daily/checkin/{east}/").status_code == 200
    form = {**CHECKIN_FORM, "stress": 1}
    assert client_for(alice).post(f"/daily/checkin/{east}/", form).status_code == 302
    assert CheckIn.objects.get(user=alice).stress == 1
    beyond = (date.fromisoformat(east) + timedelta(days=1)).isoformat()
    assert call(alice, "PUT", f"/checkins/{beyond}", CHECKIN).status_code == 400  # no entry


def test_the_partners_last_n_days_are_n_days_today_among_them(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    for day in (yesterday, today()):
        call(bob, "PUT", f"/checkins/{day}", {**CHECKIN, "appreciation_shared": True})
    days = [row["day"] for row in call(alice, "GET", "/checkins/partner?days=1").json()]
    assert days == [today()]


def test_a_save_over_a_check_in_saved_since_it_was_read_is_a_412_and_keeps_the_newer(
    alice: User,
) -> None:
    call(alice, "PUT", f"/checkins/{today()}", CHECKIN)
    read = call(alice, "GET", f"/checkins/{today()}")["ETag"]
    call(alice, "PUT", f"/checkins/{today()}", {**CHECKIN, "note": "from the other phone"})
    stale = call(
        alice, "PUT", f"/checkins/{today()}", {**CHECKIN, "note": ""}, headers={"If-Match": read}
    )
    assert stale.status_code == 412
    assert stale.json() == {"detail": stale.json()["detail"], "field": None}
    assert stale.json()["detail"].startswith("This day's check-in was saved again since")
    assert CheckIn.objects.get(user=alice).note == "from the other phone"


def test_a_save_with_the_etag_it_read_replaces_it_and_answers_the_new_etag(alice: User) -> None:
    first = call(alice, "PUT", f"/checkins/{today()}", CHECKIN)
    read = call(alice, "GET", f"/checkins/{today()}")
    assert read["ETag"] == first["ETag"] and read["ETag"].startswith('"')
    saved = call(
        alice,
        "PUT",
        f"/checkins/{today()}",
        {**CHECKIN, "closeness": 2},
        headers={"If-Match": read["ETag"]},
    )
    assert saved.status_code == 200 and saved["ETag"] != read["ETag"]
    assert saved["ETag"] == call(alice, "GET", f"/checkins/{today()}")["ETag"]
    assert CheckIn.objects.get(user=alice).closeness == 2


def test_if_match_on_a_day_with_no_check_in_is_a_412_and_saves_nothing(alice: User) -> None:
    response = call(alice, "PUT", f"/checkins/{today()}", CHECKIN, headers={"If-Match": '"abc"'})
    assert response.status_code == 412 and not CheckIn.objects.exists()


def test_a_weak_etag_never_matches_if_match(alice: User) -> None:
    tag = call(alice, "PUT", f"/checkins/{today()}", CHECKIN)["ETag"]
    response = call(alice, "PUT", f"/checkins/{today()}", CHECKIN, headers={"If-Match": f"W/{tag}"})
    assert response.status_code == 412


def test_if_none_match_star_saves_only_a_first_check_in_of_the_day(alice: User) -> None:
    first = call(alice, "PUT", f"/checkins/{today()}", CHECKIN, headers={"If-None-Match": "*"})
    assert first.status_code == 200
    again = call(
        alice,
        "PUT",
        f"/checkins/{today()}",
        {**CHECKIN, "note": ""},
        headers={"If-None-Match": "*"},
    )
    assert again.status_code == 412 and again.json()["field"] is None
    assert again.json()["detail"].startswith("This day's check-in exists already")
    assert CheckIn.objects.get(user=alice).note == CHECKIN["note"]


def test_without_a_precondition_the_last_write_wins(alice: User) -> None:
    call(alice, "PUT", f"/checkins/{today()}", CHECKIN)
    call(alice, "GET", f"/checkins/{today()}")
    call(alice, "PUT", f"/checkins/{today()}", {**CHECKIN, "note": "newer"})
    assert call(alice, "PUT", f"/checkins/{today()}", CHECKIN).status_code == 200
    assert CheckIn.objects.get(user=alice).note == CHECKIN["note"]


def test_the_etag_is_the_page_forms_revision_of_the_check_in(alice: User) -> None:
    """One validator for both surfaces: a check-in saved by the page is named by the API as the
    page's `opened` stamp names it."""
    call(alice, "PUT", f"/checkins/{today()}", CHECKIN)
    tag = call(alice, "GET", f"/checkins/{today()}")["ETag"]
    assert tag == f'"{revision(CheckIn.objects.get(user=alice))}"'


@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_a_read_naming_the_version_there_in_if_none_match_is_a_304_without_a_body(
    alice: User, method: str
) -> None:
    tag = call(alice, "PUT", f"/checkins/{today()}", CHECKIN)["ETag"]
    for matching in (tag, f"W/{tag}", f'"other", {tag}', "*"):
        same = call(alice, method, f"/checkins/{today()}", headers={"If-None-Match": matching})
        assert same.status_code == 304 and same.content == b"", matching
        assert same["ETag"] == tag
    other = call(alice, method, f"/checkins/{today()}", headers={"If-None-Match": '"other"'})
    assert other.status_code == 200 and other["ETag"] == tag


def test_one_unchanged_check_in_has_one_etag_whether_the_key_is_open_or_not(
    alice: User,
) -> None:
    """The stamp is of what is stored (private text as sealed), not of what opens here: a
    request without the key (a locked token, a session without its vault cookie) never gets
    a 412 over the very version another request read."""
    saved = call(alice, "PUT", f"/checkins/{today()}", CHECKIN)["ETag"]
    without_key = Client()
    without_key.force_login(alice)  # a session, but its nearer_vault cookie did not come
    assert call(alice, "GET", f"/checkins/{today()}", client=without_key)["ETag"] == saved
    assert call(alice, "GET", f"/checkins/{today()}")["ETag"] == saved
    again = call(alice, "PUT", f"/checkins/{today()}", CHECKIN)["ETag"]
    assert again != saved  # the same words sealed anew: docs/api.md says so


@pytest.mark.django_db(transaction=True)  # PostgreSQL: the collision ends the save's transaction
def test_a_first_save_racing_another_is_a_409_or_with_if_none_match_a_412(
    alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read before the other request saved the day, and checked in the save's transaction before
    that one's row landed, written after: with no precondition the insert collides (send it
    again); create-only, it is refused as there is one now (read again after the collision)."""
    call(alice, "PUT", f"/checkins/{today()}", CHECKIN)
    monkeypatch.setattr(access, "checkin_or_none", lambda user, day: None)
    racing = call(alice, "PUT", f"/checkins/{today()}", {**CHECKIN, "note": ""})
    assert racing.status_code == 409
    checks: list[str | None] = []

    def before_the_other_landed(request: HttpRequest, current: str | None, what: str) -> None:
        checks.append(current)
        refuse_unless_current(request, None if len(checks) == 1 else current, what)

    monkeypatch.setattr(checkins, "refuse_unless_current", before_the_other_landed)
    create_only = {"If-None-Match": "*"}
    refused = call(
        alice, "PUT", f"/checkins/{today()}", {**CHECKIN, "note": ""}, headers=create_only
    )
    assert refused.status_code == 412 and len(checks) == 2
    assert refused.json()["detail"].startswith("This day's check-in exists already")
    assert CheckIn.objects.get(user=alice).note == CHECKIN["note"]
