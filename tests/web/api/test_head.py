"""HEAD answers as GET would, and changes nothing (api/head.py): a HEAD to the export used to
build and decrypt it all and log "Downloaded all data" in the activity log."""

from __future__ import annotations

import pytest

from nearer.web.accounts.models import User
from nearer.web.api import me
from nearer.web.audit.models import Event
from nearer.web.plans.models import WeekPlan
from tests.web.api.conftest import call
from tests.web.conftest import client_for
from tests.web.security.helpers import age_confirmation


@pytest.mark.parametrize("path", ["/me/export", "/me/export/zip"])
def test_head_on_the_export_builds_nothing_and_logs_no_download(
    alice: User, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    def never(user: User) -> None:
        raise AssertionError("the export was built for a HEAD")

    monkeypatch.setattr(me, "collect", never)
    head = call(alice, "HEAD", path)
    assert head.status_code == 200 and b"".join(head.streaming_content) == b""
    assert head["Content-Type"] == "application/json"
    assert not Event.objects.filter(user=alice, kind="export").exists()


def test_head_on_the_export_still_asks_for_the_password_first(alice: User) -> None:
    client = client_for(alice)
    age_confirmation(client)  # signed in, the password not typed lately
    assert call(alice, "HEAD", "/me/export", client=client).status_code == 403


def test_head_keeps_nothing_its_get_writes(couple: tuple[User, User]) -> None:
    alice, _ = couple
    assert call(alice, "HEAD", "/plan").status_code == 200
    assert not WeekPlan.objects.exists()  # GET makes the week's plan on first use; HEAD not
    assert call(alice, "GET", "/plan").status_code == 200
    assert WeekPlan.objects.count() == 1
