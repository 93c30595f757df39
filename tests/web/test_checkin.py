from __future__ import annotations

import re
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

from django.test import Client
from django.utils import timezone

from nearer.web.accounts.models import User
from nearer.web.daily.models import CheckIn
from tests.web.conftest import client_for
from tests.web.seeds import CHECKIN_FORM


def test_a_check_in_is_saved_for_today(alice: User) -> None:
    response = client_for(alice).post("/daily/checkin/", CHECKIN_FORM)
    assert response.status_code == 302
    saved = CheckIn.objects.get(user=alice)
    assert saved.day == timezone.localdate() and saved.emotions == "calm,grateful"


def test_a_missed_day_can_be_filled_in_later(alice: User) -> None:
    day = (timezone.localdate() - timedelta(days=3)).isoformat()
    client_for(alice).post(f"/daily/checkin/?day={day}", CHECKIN_FORM)
    assert CheckIn.objects.get(user=alice).day.isoformat() == day


def test_out_of_range_values_are_a_400_that_keeps_what_was_typed(alice: User) -> None:
    response = client_for(alice).post("/daily/checkin/", {**CHECKIN_FORM, "closeness": 9})
    assert response.status_code == 400
    assert b"private words" in response.content
    assert not CheckIn.objects.exists()


def test_a_shared_appreciation_reaches_the_partner_and_the_note_never(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    client_for(alice).post("/daily/checkin/", CHECKIN_FORM)
    page = client_for(bob).get("/home/").content.decode()
    assert "You made tea." in page
    assert "private words" not in page


def test_a_missing_answer_is_announced_naming_its_question(alice: User) -> None:
    form = {key: value for key, value in CHECKIN_FORM.items() if key != "pleasantness"}
    page = client_for(alice).post("/daily/checkin/", form).content.decode()
    assert 'role="alert" id="id_pleasantness_error">How does today feel? — ' in page
    assert 'aria-describedby="id_pleasantness_error"' in page


def test_each_choice_of_a_scale_is_named_in_full_for_screen_readers(alice: User) -> None:
    page = client_for(alice).get("/daily/checkin/").content.decode()
    assert '<span class="visually-hidden">1 unpleasant</span>' in page
    assert "dashed pink" in page  # the partner's circle is told apart by more than colour


def test_each_scale_is_headed_by_its_question(alice: User) -> None:
    page = client_for(alice).get("/daily/checkin/").content.decode()
    questions = {
        "id_pleasantness": "How does today feel?",
        "id_energy": "How much energy do you have?",
        "closeness": "How close do you feel to your partner today? (1: two circles apart, "
        "7: almost fully overlapping)",
        "id_shared_feelings": "How much did I share my feelings with my partner today?",
        "id_understood": "I felt understood by my partner",
        "id_validated": "I felt my feelings made sense to my partner",
        "id_cared_for": "I felt cared for",
        "id_stress": "Stress from outside the relationship",
    }
    for prefix, question in questions.items():  # each legend names its radio group
        assert f'<legend id="{prefix}_legend">{question}</legend>' in page, prefix
        assert f'aria-labelledby="{prefix}_legend"' in page, prefix


LOS_ANGELES = ZoneInfo("America/Los_Angeles")


def at(moment: datetime) -> AbstractContextManager[object]:
    """The server's clock at `moment`, for a person in Los Angeles."""
    return mock.patch("django.utils.timezone.now", return_value=moment.astimezone(UTC))


def posts_to(page: bytes) -> str:
    found = re.search(rb'<form method="post" action="(/daily/checkin/[^"]*)"', page)
    assert found is not None, "the check-in form names where it posts"
    return found.group(1).decode()


def test_a_check_in_opened_before_midnight_and_sent_after_is_the_day_the_page_showed(
    alice: User,
) -> None:
    User.objects.filter(pk=alice.pk).update(time_zone="America/Los_Angeles")
    client = client_for(alice)
    with at(datetime(2026, 11, 23, 21, 0, tzinfo=LOS_ANGELES)):  # Monday evening
        client.post("/daily/checkin/", {**CHECKIN_FORM, "stress": 2})
    with at(datetime(2026, 11, 23, 23, 58, tzinfo=LOS_ANGELES)):
        page = client.get("/daily/checkin/").content  # Monday's, to edit
    assert b"Mon 23 Nov" in page
    with at(datetime(2026, 11, 24, 0, 1, tzinfo=LOS_ANGELES)):  # sent on Tuesday
        client.post(posts_to(page), {**CHECKIN_FORM, "stress": 5})
    saved = {c.day: c.stress for c in CheckIn.objects.filter(user=alice)}
    assert saved == {date(2026, 11, 23): 5}


def test_a_note_that_fits_its_box_fits_though_the_browser_sends_each_line_break_twice(
    alice: User,
) -> None:
    note = ("a" * 99 + "\r\n") * 40  # 4,000 characters in the box, 4,040 as sent
    response = client_for(alice).post("/daily/checkin/", {**CHECKIN_FORM, "note": note})
    assert response.status_code == 302
    assert CheckIn.objects.get().note == note.replace("\r\n", "\n").strip()


def test_a_refused_text_says_why_beside_its_box_and_keeps_what_was_typed(alice: User) -> None:
    long_need = "n" * 1001
    response = client_for(alice).post(
        "/daily/checkin/", {**CHECKIN_FORM, "need": long_need, "note": "mine\x00"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "A need or request — Ensure this value has at most 1000 characters" in page
    assert "(only you ever see this) — Null characters are not allowed." in page
    assert long_need in page and not CheckIn.objects.exists()


def test_a_refused_text_box_is_described_by_its_error(alice: User) -> None:
    sent = {**CHECKIN_FORM, "need": "n" * 1001, "emotion_words": ["calm", "calm"]}
    page = client_for(alice).post("/daily/checkin/", sent).content.decode()
    assert 'aria-describedby="id_need_error"' in page
    assert 'role="alert" id="id_need_error">A need or request — ' in page
    assert '<fieldset class="word-choices" aria-describedby="id_emotion_words_error">' in page
    assert 'role="alert" id="id_emotion_words_error">' in page


def test_a_locked_private_text_box_is_described_by_the_hint_that_says_so(alice: User) -> None:
    texts = {"appreciation": "tea", "need": "a walk", "note": "only mine"}
    private = {k: v for k, v in CHECKIN_FORM.items() if k != "appreciation_shared"}
    client_for(alice).post("/daily/checkin/", {**private, **texts})
    without_key = Client()  # signed in, but the session came without its key
    without_key.force_login(alice)
    page = without_key.get("/daily/checkin/").content.decode()
    assert "only mine" not in page
    for name in (*texts, "emotion_words"):
        assert f'aria-describedby="id_{name}_helptext"' in page
        assert re.search(rf'<p class="hint" id="id_{name}_helptext">🔒 Locked', page), name


def test_a_check_in_sent_again_without_its_text_boxes_keeps_their_text(alice: User) -> None:
    client = client_for(alice)
    client.post("/daily/checkin/", {**CHECKIN_FORM, "note": "kept", "need": "a walk"})
    without = {k: v for k, v in CHECKIN_FORM.items() if k not in ("note", "need", "appreciation")}
    assert client.post("/daily/checkin/", {**without, "stress": 5}).status_code == 302
    saved = CheckIn.objects.get()
    assert (saved.note, saved.need, saved.appreciation, saved.stress) == (
        "kept", "a walk", CHECKIN_FORM["appreciation"], 5,
    )  # fmt: skip


def test_a_check_in_sent_for_a_day_not_yet_come_is_offered_as_todays_with_what_was_typed(
    alice: User,
) -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)
    client = client_for(alice)
    sent = client.post(f"/daily/checkin/{tomorrow.isoformat()}/", {**CHECKIN_FORM, "note": "kept"})
    page = sent.content.decode()
    assert sent.status_code == 400 and "That day has not come yet where you are now" in page
    assert ">\nkept</textarea>" in page and not CheckIn.objects.exists()
    again = client.post(posts_to(sent.content), {**CHECKIN_FORM, "note": "kept"})
    assert again.status_code == 302
    assert CheckIn.objects.get().day == timezone.localdate()


def test_a_day_not_yet_come_says_when_saving_it_as_todays_replaces_todays(alice: User) -> None:
    """A traveller gone west has most likely checked in on the day it now is."""
    client = client_for(alice)
    client.post("/daily/checkin/", {**CHECKIN_FORM, "note": "today's own"})
    tomorrow = timezone.localdate() + timedelta(days=1)
    sent = client.post(f"/daily/checkin/{tomorrow.isoformat()}/", {**CHECKIN_FORM, "note": "typed"})
    assert (
        "Today already has a check-in of yours: saving this replaces it." in sent.content.decode()
    )
    assert CheckIn.objects.get().note == "today's own"


def opened_on(page: bytes) -> str:
    found = re.search(rb'name="opened" value="([^"]*)"', page)
    assert found is not None, "the check-in form carries what it was opened on"
    return found.group(1).decode()


def test_a_check_in_from_a_page_opened_before_another_save_is_refused_with_what_was_typed(
    alice: User,
) -> None:
    stale_tab, other_tab = client_for(alice), client_for(alice)
    opened = opened_on(stale_tab.get("/daily/checkin/").content)
    other = opened_on(other_tab.get("/daily/checkin/").content)
    assert other_tab.post("/daily/checkin/", {**CHECKIN_FORM, "opened": other}).status_code == 302
    typed = {**CHECKIN_FORM, "note": "typed in the stale tab", "appreciation": "", "opened": opened}
    refused = stale_tab.post("/daily/checkin/", typed)
    page = refused.content.decode()
    assert refused.status_code == 400 and "saved again after you opened this page" in page
    assert ">\ntyped in the stale tab</textarea>" in page
    saved = CheckIn.objects.get(user=alice)  # the other tab's check-in, untouched
    assert (saved.note, saved.appreciation) == ("private words", "You made tea.")
    again = stale_tab.post("/daily/checkin/", {**typed, "opened": opened_on(refused.content)})
    assert again.status_code == 302  # sent knowingly: it replaces that one
    assert CheckIn.objects.get(user=alice).note == "typed in the stale tab"


def test_the_same_check_in_sent_twice_from_one_page_is_saved_not_refused(alice: User) -> None:
    client = client_for(alice)
    sent = {**CHECKIN_FORM, "opened": opened_on(client.get("/daily/checkin/").content)}
    assert [client.post("/daily/checkin/", sent).status_code for _ in range(2)] == [302, 302]


def test_a_check_in_opened_on_one_since_deleted_is_saved(alice: User) -> None:
    client = client_for(alice)
    client.post("/daily/checkin/", CHECKIN_FORM)
    opened = opened_on(client.get("/daily/checkin/").content)
    CheckIn.objects.all().delete()
    sent = client.post("/daily/checkin/", {**CHECKIN_FORM, "opened": opened})
    assert sent.status_code == 302 and CheckIn.objects.count() == 1
