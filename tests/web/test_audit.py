from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from nearer.web.accounts.models import User
from nearer.web.audit.events import KINDS, record
from nearer.web.audit.models import Event
from nearer.web.couples import services as couples
from tests.web.conftest import client_for, make_couple


def test_each_person_reads_only_their_own_activity(alice: User, bob: User) -> None:
    record(alice, "export")
    record(bob, "token_created", token=41)
    page = client_for(alice).get("/accounts/activity/")
    assert page.status_code == 200
    assert KINDS["export"] in page.content.decode()
    assert KINDS["token_created"] not in page.content.decode()


def test_activity_lists_ids_and_labels(alice: User) -> None:
    record(alice, "login", session=7, device="Firefox on Linux")
    html = client_for(alice).get("/accounts/activity/").content.decode()
    assert "session 7" in html
    assert "device Firefox on Linux" in html


def test_activity_fragment_for_htmx(alice: User) -> None:
    record(alice, "logout")
    response = client_for(alice).get("/accounts/activity/", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert KINDS["logout"].encode() in response.content


def test_activity_needs_a_sign_in(db: None) -> None:
    assert client_for(None).get("/accounts/activity/").status_code == 302


def test_unknown_kinds_are_refused(alice: User) -> None:
    with pytest.raises(ValueError, match="unknown audit kind"):
        record(alice, "read_private_note")


@pytest.mark.parametrize(
    "ids",
    [
        {"note": "I feel alone when you stay late\nand I never say it"},
        {"note": "x" * 65},
        {"flag": True},
        {"Text": 1},
        {"amount": 1.5},
    ],
)
def test_content_cannot_be_recorded_as_an_id(alice: User, ids: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        record(alice, "sharing_changed", **ids)  # type: ignore[arg-type]
    assert not Event.objects.exists()


def test_the_log_goes_with_the_account(alice: User) -> None:
    record(alice, "export")
    alice.delete()
    assert not Event.objects.exists()


def test_joining_and_leaving_are_in_both_partners_logs(alice: User, bob: User) -> None:
    make_couple(alice, bob)
    couple_id = couples.couple_of(alice).pk  # type: ignore[union-attr]
    couples.leave(bob)
    bobs = list(Event.objects.filter(user=bob).values_list("kind", "ids"))
    alices = list(Event.objects.filter(user=alice).values_list("kind", "ids"))
    assert ("couple_joined", {"couple": couple_id}) in bobs
    assert ("couple_left", {"couple": couple_id}) in bobs
    assert ("partner_joined", {"couple": couple_id}) in alices
    assert ("partner_left", {"couple": couple_id}) in alices
    assert any(kind == "sharing_changed" and "invitation" in ids for kind, ids in alices)


def test_lines_older_than_the_keeping_time_go_when_the_next_is_written(
    alice: User, bob: User, settings: pytest.FixtureRequest
) -> None:
    settings.ACTIVITY_DAYS = 30  # type: ignore[attr-defined]
    record(alice, "login")
    record(bob, "login")
    Event.objects.update(at=timezone.now() - timedelta(days=31))
    record(alice, "logout")
    assert list(Event.objects.filter(user=alice).values_list("kind", flat=True)) == ["logout"]
    assert Event.objects.filter(user=bob).count() == 1  # only the writer's own lines are tidied
