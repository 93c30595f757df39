"""The signed-in person: read, rename, change time zone, with the browser's validation."""

from __future__ import annotations

from nearer.web.accounts.models import User
from nearer.web.api import tokens
from nearer.web.audit.events import PER_PAGE, record
from nearer.web.audit.models import Event
from nearer.web.security.models import Throttle
from tests.web.api.conftest import call
from tests.web.conftest import PASSWORD


def test_me_shows_who_i_am(alice: User) -> None:
    me = call(alice, "GET", "/me").json()
    assert me == {
        "id": alice.pk,
        "email": "alice@example.org",
        "display_name": "Alice",
        "time_zone": "UTC",
    }


def test_display_name_and_time_zone_can_change_one_at_a_time(alice: User) -> None:
    call(alice, "PATCH", "/me", {"time_zone": "Europe/Berlin"})
    changed = call(alice, "PATCH", "/me", {"display_name": "Ali"}).json()
    assert changed["display_name"] == "Ali" and changed["time_zone"] == "Europe/Berlin"
    alice.refresh_from_db()
    assert (alice.display_name, alice.time_zone) == ("Ali", "Europe/Berlin")


def test_an_unknown_time_zone_is_refused_naming_it_and_nothing_changes(alice: User) -> None:
    response = call(alice, "PATCH", "/me", {"display_name": "Ali", "time_zone": "Mars/Base"})
    assert response.status_code == 422
    assert response.json()["field"] == "time_zone"
    assert "Mars/Base" in response.json()["detail"]
    alice.refresh_from_db()
    assert (alice.display_name, alice.time_zone) == ("Alice", "UTC")


def test_a_blank_or_overlong_display_name_is_refused(alice: User) -> None:
    for name in ("", "x" * 61):
        response = call(alice, "PATCH", "/me", {"display_name": name})
        assert response.status_code == 422 and response.json()["field"] == "display_name"
    alice.refresh_from_db()
    assert alice.display_name == "Alice"


def test_a_display_name_with_a_line_break_or_an_invisible_character_is_refused(
    alice: User,
) -> None:
    blank = ("\u3164", "\u2800", "\u034f", "\u0301", "\ufe0f", " \u115f ")  # draw nothing
    for name in ("\u200b", "\u202eevil", "x\r\ny", "Al\u2028ice", "\u200d", "Ali\u2066ce", *blank):
        response = call(alice, "PATCH", "/me", {"display_name": name})
        assert response.status_code == 422, repr(name)
        assert response.json()["field"] == "display_name"
        assert "one line" in response.json()["detail"]
    alice.refresh_from_db()
    assert alice.display_name == "Alice"


def test_a_display_name_may_join_letters_and_emoji_as_its_script_needs(alice: User) -> None:
    england = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"
    for name in (
        "Mehr\u200cdad",
        "\U0001f469\u200d\U0001f4bb Ana",
        "Zoë",
        "Ω \u2764\ufe0f",
        england,
    ):
        response = call(alice, "PATCH", "/me", {"display_name": name})
        assert response.status_code == 200, repr(name)


def test_my_activity_lists_my_lines_only_newest_first_with_their_sentences(
    alice: User, bob: User
) -> None:
    record(alice, "couple_joined", couple=7)
    record(alice, "export")
    record(bob, "token_created", token=3)
    body = call(alice, "GET", "/me/activity").json()  # signing in here is a line too
    kinds = [line["kind"] for line in body["lines"]]
    assert kinds == list(Event.objects.filter(user=alice).values_list("kind", flat=True))
    assert kinds[-2:] == ["export", "couple_joined"] and "token_created" not in kinds
    assert body["lines"][-2]["label"] == "Downloaded all data"
    assert body["lines"][-1]["ids"] == {"couple": 7} and (body["page"], body["pages"]) == (1, 1)


def test_activity_pages_and_a_page_past_the_last_is_404_naming_it(alice: User) -> None:
    for _ in range(PER_PAGE + 1):
        record(alice, "login")
    assert call(alice, "GET", "/me/activity?page=2").json()["pages"] == 2
    assert len(call(alice, "GET", "/me/activity?page=2").json()["lines"]) >= 1
    missing = call(alice, "GET", "/me/activity?page=3")
    assert missing.status_code == 404 and missing.json()["field"] == "page"
    assert call(alice, "GET", "/me/activity?page=x").status_code == 422


def test_deleting_without_the_words_never_tells_whether_the_password_was_right(
    alice: User,
) -> None:
    """`confirm` is checked first: a right and a wrong password get the same answer, and the
    password is neither checked nor counted."""
    _, key = tokens.issue(alice, "phone")
    answers = [
        call(None, "DELETE", "/me", {"password": password, "confirm": "no"}, token=key)
        for password in (PASSWORD, "not the right passphrase")
    ]
    assert [a.status_code for a in answers] == [400, 400]
    assert answers[0].json() == answers[1].json()
    assert answers[0].json()["field"] == "confirm"
    assert not Event.objects.filter(user=alice, kind__in={"login_failed", "reauthenticated"})
    assert not Throttle.objects.exists()
    assert User.objects.filter(pk=alice.pk).exists()


def test_a_name_saved_before_the_rule_does_not_stop_a_time_zone_change(alice: User) -> None:
    User.objects.filter(pk=alice.pk).update(display_name="Al\u200bice")
    response = call(alice, "PATCH", "/me", {"time_zone": "Europe/Berlin"})
    assert response.status_code == 200
    alice.refresh_from_db()
    assert (alice.time_zone, alice.display_name) == ("Europe/Berlin", "Al\u200bice")
