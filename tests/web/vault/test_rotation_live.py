"""`nearer keys rotate` beside a live server: an edit saved while the rotation runs is never
written over with the text the rotation read before it.

Tested twice, as tests/web/test_races.py does: on every engine by playing the edit in the order a
race gives it (it lands between the rotation's read of a row and its write, on the same
connection), and on PostgreSQL, where a live server's requests truly run beside the rotation, by
edits from other threads, each on its own connection, made while rows are read chunk by chunk.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection, connections

from nearer.web.accounts.models import User
from nearer.web.daily.models import CheckIn
from nearer.web.vault import keyfile, rotation, services
from nearer.web.vault.fields import SealedMixin
from tests.web.conftest import make_user
from tests.web.vault.flows import CHECKIN, raw

DAY = date(2026, 1, 20)
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite runs one writer at a time"
)


def make_shared_checkins(user: User, count: int) -> list[int]:
    """`count` check-ins, one a day, each with an appreciation shared with the partner (so sealed
    under the server key); their ids, oldest day last."""
    return [
        CheckIn.objects.create(
            user=user,
            day=DAY - timedelta(days=back),
            appreciation=f"first words {back}",
            appreciation_shared=True,
            **CHECKIN,
        ).pk
        for back in range(count)
    ]


def edit(pk: int, text: str) -> None:
    """What the check-in page or the API does with a new appreciation: the whole row saved."""
    row = CheckIn.objects.get(pk=pk)
    row.appreciation = text
    row.save()


def appreciations(pks: list[int]) -> dict[int, str]:
    return {pk: CheckIn.objects.get(pk=pk).appreciation for pk in pks}


def under_server_keys(pks: list[int]) -> set[str]:
    return {raw("daily_checkin", "appreciation", pk).split(":")[2] for pk in pks}


@pytest.fixture
def on_each_read(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Callable[[int], None]]]:
    """Hooks called with a check-in's id each time a value of its appreciation is opened: that
    is, after the rotation has read the row and before it writes it back."""
    hooks: list[Callable[[int], None]] = []
    opened = SealedMixin.open

    def open_then_hook(field: SealedMixin, instance: Any, sealed: str) -> Any:
        value = opened(field, instance, sealed)
        if isinstance(instance, CheckIn) and field.name == "appreciation":
            for hook in hooks:
                hook(instance.pk)
        return value

    monkeypatch.setattr(SealedMixin, "open", open_then_hook)
    yield hooks


def test_an_edit_landing_between_the_rotations_read_and_its_write_is_kept(
    alice: User, on_each_read: list[Callable[[int], None]]
) -> None:
    pks = make_shared_checkins(alice, 3)
    target, edited = pks[1], []

    def edited_meanwhile(pk: int) -> None:
        if pk == target and not edited:
            edited.append(pk)
            edit(pk, "edited while the rotation ran")

    on_each_read.append(edited_meanwhile)
    done = rotation.rotate()
    on_each_read.clear()
    assert edited == [target]
    assert appreciations(pks) == {
        pks[0]: "first words 0",
        target: "edited while the rotation ran",
        pks[2]: "first words 2",
    }
    assert under_server_keys(pks) == {done.new_id}


class Interrupted(Exception):
    """The rotation stopped part way (the process killed, the connection lost)."""


def test_a_rotation_stopped_between_chunks_leaves_everything_readable_and_runs_again(
    alice: User, monkeypatch: pytest.MonkeyPatch, on_each_read: list[Callable[[int], None]]
) -> None:
    monkeypatch.setattr(services, "CHUNK", 2, raising=False)
    pks = make_shared_checkins(alice, 5)
    first = keyfile.load().current

    def stop_at_the_fourth(pk: int) -> None:
        if pk == pks[3]:
            raise Interrupted

    on_each_read.append(stop_at_the_fourth)
    with pytest.raises(Interrupted):
        rotation.rotate()
    on_each_read.clear()
    before = {pk: f"first words {n}" for n, pk in enumerate(pks)}
    assert appreciations(pks) == before  # the key file holds the old key and the new
    assert first in under_server_keys(pks) and len(under_server_keys(pks)) == 2
    done = rotation.rotate()
    assert appreciations(pks) == before and under_server_keys(pks) == {done.new_id}


class Editors:
    """Edits from other threads, each on its own connection, as a live server's requests are.
    `edit` returns once the edit is saved or is waiting for a lock the rotation holds."""

    def __init__(self) -> None:
        self.threads: list[threading.Thread] = []
        self.saved: dict[int, str] = {}  # each row's last edit that was saved
        self.errors: list[BaseException] = []

    def edit(self, pk: int, text: str) -> None:
        started, backend = threading.Event(), [0]

        def run() -> None:
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_backend_pid()")
                    backend[0] = cursor.fetchone()[0]
                started.set()
                edit(pk, text)
                self.saved[pk] = text
            except BaseException as error:  # reported by the test's assertion
                self.errors.append(error)
            finally:
                started.set()
                connections.close_all()

        thread = threading.Thread(target=run)
        self.threads.append(thread)
        thread.start()
        assert started.wait(30), "the editing thread did not start"
        deadline = time.monotonic() + 30
        while thread.is_alive() and not waiting_for_a_lock(backend[0]):
            assert time.monotonic() < deadline, "the edit neither finished nor waited for a lock"
            time.sleep(0.005)

    def join(self) -> None:
        for thread in self.threads:
            thread.join(60)
        assert not any(thread.is_alive() for thread in self.threads)


def waiting_for_a_lock(backend: int) -> bool:
    """Whether PostgreSQL backend `backend` waits for a lock another holds (read live, not from
    the statistics snapshot a transaction keeps)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT cardinality(pg_blocking_pids(%s)) > 0", [backend])
        return bool(cursor.fetchone()[0])


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_edits_from_other_connections_while_rotation_reseals_chunk_by_chunk_are_all_kept(
    monkeypatch: pytest.MonkeyPatch, on_each_read: list[Callable[[int], None]]
) -> None:
    monkeypatch.setattr(services, "CHUNK", 2, raising=False)  # 7 rows: four chunks
    pks = make_shared_checkins(make_user("alice"), 7)
    before = keyfile.load().current
    editors, read = Editors(), []

    def edited_by_another_request(pk: int) -> None:
        if pk in read:
            return
        read.append(pk)
        if len(read) == 1:  # a row further on, edited before its chunk is reached
            editors.edit(pks[-1], "edited ahead of the rotation")
        editors.edit(pk, f"edited while read {pk}")

    on_each_read.append(edited_by_another_request)
    try:
        done = rotation.rotate()
    finally:
        editors.join()
        on_each_read.clear()
    assert editors.errors == []
    assert len(read) >= len(pks) - 1  # every row was read but, perhaps, the one edited ahead
    expected = {pk: f"first words {n}" for n, pk in enumerate(pks)} | editors.saved
    assert appreciations(pks) == expected
    assert expected[pks[0]] == f"edited while read {pks[0]}"
    assert done.old_ids == (before,) and under_server_keys(pks) == {done.new_id}
    assert rotation.under_old_keys(done.new_id) == 0
