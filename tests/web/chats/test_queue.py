"""The analysis queue: a long wait is not taken for a dead thread, a dead process is noticed at
once, and neither one person nor the whole server can pile up imports held in memory."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

import pytest
from django.utils import timezone

from nearer.web.accounts.models import User
from nearer.web.chats import analysis, services
from nearer.web.chats.models import ChatImport
from nearer.web.couples.services import couple_of
from tests.web.chats.conftest import demo_export, finished, import_id, upload
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db(transaction=True)  # the analysis runs in its own thread


@contextmanager
def slot_held() -> Iterator[None]:
    """Another analysis holds the process's one slot: new imports wait, queued."""
    analysis.SLOTS.acquire()
    try:
        yield
    finally:
        analysis.SLOTS.release()


@pytest.fixture
def slot_taken() -> Iterator[None]:
    with slot_held():
        yield
    for pk in ChatImport.objects.values_list("pk", flat=True):
        finished(pk)  # done before the test's tables are emptied


@pytest.fixture
def quick_heartbeat(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analysis, "HEARTBEAT", 0.05)


def touched_since(pk: int, moment: datetime, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ChatImport.objects.get(pk=pk).updated_at > moment:
            return True
        time.sleep(0.02)
    return False


def test_an_import_waiting_its_turn_longer_than_the_time_limit_is_not_failed(
    couple: tuple[User, User], quick_heartbeat: None
) -> None:
    alice, _ = couple
    with slot_held():
        pk = import_id(upload(client_for(alice), demo_export(), me="Sam"))
        long_ago = timezone.now() - analysis.STALE_AFTER * 2
        ChatImport.objects.filter(pk=pk).update(updated_at=long_ago)  # as if queued for 30 min
        assert touched_since(pk, long_ago), "the waiting thread says it is alive"
        assert analysis.fail_stale() == 0
        assert ChatImport.objects.get(pk=pk).status == ChatImport.QUEUED
    assert finished(pk).status == ChatImport.READY


def test_a_queued_import_whose_process_is_gone_is_failed_at_once(
    couple: tuple[User, User],
) -> None:
    alice, bob = couple
    gone = f"{analysis.this_worker().rsplit(':', 1)[0]}:{2**22 + 7}"  # above Linux's pid_max
    chat = ChatImport.objects.create(
        couple=couple_of(alice), uploader=alice, partner=bob, worker=gone
    )
    assert analysis.fail_stale() == 1
    failed = ChatImport.objects.get(pk=chat.pk)
    assert (failed.status, failed.problem) == (ChatImport.FAILED, analysis.STOPPED)


def test_a_person_with_two_imports_still_waiting_is_asked_to_wait(
    couple: tuple[User, User], slot_taken: None
) -> None:
    alice, _ = couple
    waiting = [import_id(upload(client_for(alice), demo_export(), me="Sam")) for _ in range(2)]
    third = upload(client_for(alice), demo_export(), me="Sam")
    assert third.status_code == 429
    assert services.STILL_ANALYSING in third.content.decode()
    assert ChatImport.objects.count() == 2
    assert set(ChatImport.objects.values_list("pk", flat=True)) == set(waiting)


def test_the_partner_may_import_while_the_other_waits(
    couple: tuple[User, User], slot_taken: None
) -> None:
    alice, bob = couple
    for _ in range(2):
        import_id(upload(client_for(alice), demo_export(), me="Sam"))
    assert import_id(upload(client_for(bob), demo_export(), me="Alex"))


def test_a_server_holding_its_limit_of_imports_asks_to_come_back_later(
    couple: tuple[User, User], slot_taken: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice, bob = couple
    monkeypatch.setattr(analysis, "QUEUE_LIMIT", 1)
    import_id(upload(client_for(alice), demo_export(), me="Sam"))
    refused = upload(client_for(bob), demo_export(), me="Alex")
    assert refused.status_code == 503
    assert "The server is busy analysing other chats" in refused.content.decode()
    assert ChatImport.objects.count() == 1


def test_a_withdrawn_import_lets_go_of_its_place_in_the_queue(
    couple: tuple[User, User], quick_heartbeat: None
) -> None:
    alice, _ = couple
    with slot_held():
        first = import_id(upload(client_for(alice), demo_export(), me="Sam"))
        client_for(alice).post(f"/chats/{first}/withdraw/")
        for thread in analysis.running(first):
            thread.join(5.0)  # its thread notices at its next heartbeat, without the slot
        assert not analysis.running(first)
    assert ChatImport.objects.get(pk=first).status == ChatImport.WITHDRAWN


def test_withdrawing_does_not_make_room_while_the_thread_still_holds_the_chat(
    couple: tuple[User, User], slot_taken: None
) -> None:
    alice, _ = couple
    for _ in range(2):
        pk = import_id(upload(client_for(alice), demo_export(), me="Sam"))
        client_for(alice).post(f"/chats/{pk}/withdraw/")  # its thread waits a heartbeat yet
    assert upload(client_for(alice), demo_export(), me="Sam").status_code == 429


def test_an_import_withdrawn_during_its_analysis_stops_at_the_next_stage(
    couple: tuple[User, User], monkeypatch: pytest.MonkeyPatch
) -> None:
    alice, _ = couple
    stages: list[str] = []

    def withdraw_then_go_on(pk: int) -> None:
        if not stages:
            ChatImport.objects.filter(pk=pk).update(status=ChatImport.WITHDRAWN)
        stages.append("checked")
        still(pk)

    still = analysis._still_analysing
    monkeypatch.setattr(analysis, "_still_analysing", withdraw_then_go_on)
    pk = import_id(upload(client_for(alice), demo_export(), me="Sam"))
    chat = finished(pk)
    assert stages == ["checked"]  # the first stage's check stopped it
    assert (chat.status, chat.report, chat.problem) == (ChatImport.WITHDRAWN, None, "")
