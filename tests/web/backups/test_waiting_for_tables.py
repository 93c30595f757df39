"""A restore behind another transaction on PostgreSQL: it says it waits, loads or gives up with
nothing changed, bounds every wait, and says in one line what a stop, a held sign-in, a
statement timeout, a cancellation or a deadlock left.
"""

from __future__ import annotations

import contextlib
import re
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import pytest
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.utils import timezone

from nearer.web import backups
from nearer.web.accounts.models import User
from nearer.web.backups import access, postgres
from nearer.web.backups import waits as waiting
from nearer.web.backups.waits import Waits
from nearer.web.security.models import SignIn
from tests.web.backups.support import (
    ENGINE,
    LATER,
    another_transaction,
    backed_up_then_written,
    has_note,
)
from tests.web.scratch import postgres_server


@pytest.mark.skipif(ENGINE != "postgresql", reason="PostgreSQL's table locks and lock_timeout")
def test_asking_whether_a_stopped_restore_finished_waits_for_a_held_table_a_while_only(
    live: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = backups.backup(tmp_path / "nearer.backup")
    assert backups.holds(summary)
    monkeypatch.setattr(backups, "HOLDS_WAIT", 0.2)
    with another_transaction("daily_checkin", exclusive=True), pytest.raises(DatabaseError):
        backups.holds(summary)


@pytest.mark.skipif(ENGINE != "postgresql", reason="PostgreSQL's table locks")
def test_a_restore_behind_another_transaction_says_it_waits_then_loads(
    live: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = backed_up_then_written(live, tmp_path)
    monkeypatch.setattr(postgres, "QUIET_WAIT", 0.2)
    said: list[str] = []
    with another_transaction("daily_checkin") as finish:
        # It finishes a while after the restore says it waits (a timer started earlier could
        # end before the checks were done and the restore came to wait).
        done = threading.Timer(0.3, finish)

        def busy() -> None:
            said.append("busy")
            done.start()

        try:
            backups.restore(backup, busy=busy, writing=lambda: said.append("writing"))
        finally:
            if said:  # the timer was started
                done.join()
    assert said == ["busy", "writing"]  # written only once the transaction was done
    assert not has_note(DEFAULT_DB_ALIAS, LATER)


@pytest.mark.skipif(ENGINE != "postgresql", reason="PostgreSQL's table locks and lock_timeout")
def test_a_restore_gives_up_behind_a_transaction_that_does_not_finish_and_changes_nothing(
    live: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = backed_up_then_written(live, tmp_path)
    monkeypatch.setattr(postgres, "QUIET_WAIT", 0.2)
    monkeypatch.setattr(postgres, "LOCK_WAIT", 2.0)
    said: list[str] = []
    started = time.monotonic()
    with another_transaction("daily_checkin"), pytest.raises(backups.BackupError) as raised:
        backups.restore(backup, busy=lambda: said.append("busy"))
    assert time.monotonic() - started < 30  # not for as long as the transaction lasts
    assert str(raised.value) == (
        f"{backup}: another transaction has held tables the restore replaces for more than 2 "
        "seconds; try again once it is done (or stop nearer's server first); nothing was changed"
    )
    assert said == ["busy"]
    assert has_note(DEFAULT_DB_ALIAS, LATER)
    assert backups.restore(backup) is not None  # the backup is as it was


#: Conditions on pg_stat_activity for sessions_on_the_server().
RESTORE = "application_name = 'nearer restore'"
WAITING_FOR_A_LOCK = "wait_event_type = 'Lock'"


def sessions_on_the_server(*conditions: str, within: float = 0) -> int:
    """How many sessions the PostgreSQL test server has that meet all `conditions`, once there
    is one or `within` seconds have passed."""
    query = " AND ".join(["SELECT count(*) FROM pg_stat_activity WHERE TRUE", *conditions])
    deadline = time.monotonic() + within
    with postgres_server() as server:
        while True:
            found = server.execute(query).fetchone()
            assert found is not None
            if found[0] or time.monotonic() >= deadline:
                return int(found[0])
            time.sleep(0.02)


@pytest.mark.skipif(ENGINE != "postgresql", reason="PostgreSQL's table locks")
def test_a_restore_stopped_while_it_waits_leaves_nothing_waiting_on_the_server(
    live: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = backed_up_then_written(live, tmp_path)
    monkeypatch.setattr(postgres, "QUIET_WAIT", 0.2)
    monkeypatch.setattr(postgres, "LOCK_WAIT", 60.0)

    def stopped() -> None:  # SIGTERM as the CLI turns it (cli/stopping.py), as it waits
        raise SystemExit(143)

    written: list[str] = []
    with another_transaction("daily_checkin"):
        with pytest.raises(SystemExit):
            backups.restore(backup, busy=stopped, writing=lambda: written.append("writing"))
        assert written == []  # stopped while it waited: it never began to write
        deadline = time.monotonic() + 3
        while sessions_on_the_server(RESTORE) and time.monotonic() < deadline:
            time.sleep(0.05)
        # Not left waiting for the table, holding the others it took meanwhile (and the app).
        assert sessions_on_the_server(RESTORE) == 0
    assert has_note(DEFAULT_DB_ALIAS, LATER)


@pytest.mark.skipif(ENGINE != "postgresql", reason="psql's load")
def test_a_restore_stopped_once_psql_has_committed_says_it_wrote(
    live: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stop handled while psql's TAKEN waits unread in the pipe and psql commits: stop()
    comes too late to roll anything back, so the load is said to have written."""
    backup = backed_up_then_written(live, tmp_path)

    def committed_then_stopped(stream: IO[bytes], waits: Waits) -> bool:
        stream.read()  # to the end: psql has run the whole script and commits as it exits
        raise KeyboardInterrupt

    monkeypatch.setattr(postgres, "tables_taken", committed_then_stopped)
    said: list[str] = []
    with pytest.raises(KeyboardInterrupt):
        backups.restore(backup, writing=lambda: said.append("writing"))
    assert said == ["writing"]
    assert not has_note(DEFAULT_DB_ALIAS, LATER)  # it was written, as it says


@pytest.mark.skipif(ENGINE != "postgresql", reason="PostgreSQL's table locks and lock_timeout")
def test_a_restore_behind_a_table_held_exclusively_says_it_waits_then_gives_up(
    live: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = backed_up_then_written(live, tmp_path)
    monkeypatch.setattr(postgres, "QUIET_WAIT", 0.2)
    monkeypatch.setattr(postgres, "LOCK_WAIT", 1.5)
    said: list[str] = []
    with another_transaction("accounts_user", exclusive=True) as finish:
        # Held for ever but for this safety net: the restore used to wait for as long.
        safety = threading.Timer(15, finish)
        safety.start()
        try:
            with pytest.raises(backups.BackupError, match=re.escape("more than 1.5 s")) as raised:
                backups.restore(backup, busy=lambda: said.append("busy"))
        finally:
            safety.cancel()
    assert said == ["busy"]
    assert str(raised.value).endswith("; nothing was changed")
    assert has_note(DEFAULT_DB_ALIAS, LATER)


@pytest.mark.skipif(ENGINE != "postgresql", reason="PostgreSQL's table locks and lock_timeout")
def test_a_restores_waits_for_one_table_after_another_add_up_to_its_lock_wait_at_most(
    live: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = backed_up_then_written(live, tmp_path)
    monkeypatch.setattr(postgres, "LOCK_WAIT", 2.5)
    with another_transaction() as first, another_transaction("daily_checkin") as second:
        # From when the restore waits: every table held 1 second more, one of them 3 seconds,
        # so each table's wait is shorter than 2.5 seconds, but not the two together.
        def release_one_then_the_other() -> None:
            if sessions_on_the_server(RESTORE, WAITING_FOR_A_LOCK, within=30):
                time.sleep(1)
                first()
                time.sleep(2)
                second()

        releasing = threading.Thread(target=release_one_then_the_other)
        releasing.start()
        try:
            with pytest.raises(backups.BackupError, match=re.escape("more than 2.5 seconds")):
                backups.restore(backup)
        finally:
            releasing.join()
    assert has_note(DEFAULT_DB_ALIAS, LATER)


def test_a_restores_waits_are_timed_only_while_it_waits_and_it_says_so_once() -> None:
    told: list[str] = []
    waits = Waits(lambda: told.append("busy"))
    with waits.timing():
        time.sleep(0.05)
    time.sleep(0.3)  # writing the load's script, say: not a wait
    assert 0.05 <= waits.seconds() < 0.3
    assert waits.left(10.0) == pytest.approx(10.0 - waits.seconds())
    waits.tell()
    waits.tell()
    assert told == ["busy"] and waits.until_told(5.0) is None


def test_the_load_gets_a_few_seconds_however_long_the_look_before_it_waited() -> None:
    now = [100.0]
    waits = Waits(clock=lambda: now[0])
    with waits.timing():
        now[0] += 10.0  # a look at the accounts held up 10 seconds: the load gets the rest
    assert waits.for_load(60.0) == pytest.approx(50.0)
    with waits.timing():
        now[0] += 49.999  # held up again until a millisecond is left
    assert waits.left(60.0) == pytest.approx(0.001)
    assert waits.for_load(60.0) == waiting.FLOOR > 1.0
    assert waits.for_load(2.0) == 2.0  # never more than the limit itself


def test_a_restore_is_said_to_write_once_only() -> None:
    said: list[str] = []
    waits = Waits(writing=lambda: said.append("writing"))
    waits.over()
    waits.over()
    assert said == ["writing"]


@pytest.mark.skipif(ENGINE != "postgresql", reason="PostgreSQL's table locks and lock_timeout")
def test_a_restore_whose_sign_ins_are_held_after_its_load_says_it_is_restored_and_what_is_left(
    live: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = backed_up_then_written(live, tmp_path)
    monkeypatch.setattr(postgres, "QUIET_WAIT", 0.2)
    monkeypatch.setattr(postgres, "LOCK_WAIT", 1.5)
    real, held, finishes = postgres.load, contextlib.ExitStack(), []

    def then_held(*args: Any) -> None:  # as the running server signing someone in just after
        real(*args)
        finishes.append(held.enter_context(another_transaction("django_session", exclusive=True)))

    monkeypatch.setattr(postgres, "load", then_held)
    said: list[str] = []
    started = time.monotonic()
    with held:
        # Held for ever but for this safety net: ending the sign-ins used to wait for as long.
        safety = threading.Timer(15, lambda: [finish() for finish in finishes])
        safety.start()
        try:
            with pytest.raises(backups.BackupError) as raised:
                backups.restore(backup, busy=lambda: said.append("busy"))
        finally:
            safety.cancel()
    assert time.monotonic() - started < 15
    assert str(raised.value) == (
        f"{backup}: restored (the database holds the backup now), but another transaction held "
        "the tables of its sign-ins, API tokens or accounts for more than 1.5 seconds, so "
        "sign-ins and API tokens made since the load may still work; stop nearer's server, then "
        "restore it again"
    )
    assert said == ["busy"]
    assert not has_note(DEFAULT_DB_ALIAS, LATER)  # the data is the backup's


def signed_in_since_the_load(user: User, many: int) -> None:
    """`many` sign-ins of `user`'s, as the running server makes them just after the load."""
    now = timezone.now()
    for n in range(many):
        SignIn.objects.create(
            user_id=user.pk, session_key=f"since-the-load-{n}", created_at=now, last_seen_at=now
        )


def accounts_held_after_the_load(
    user: User, held: contextlib.ExitStack, monkeypatch: pytest.MonkeyPatch
) -> list[Callable[[], None]]:
    """The load, then three sign-ins of `user`'s and a transaction holding the accounts
    exclusively (an open ALTER TABLE), until `held` closes or what is returned is called."""
    real, finishes = postgres.load, []

    def then_held(*args: Any) -> None:
        real(*args)
        signed_in_since_the_load(user, 3)
        finishes.append(held.enter_context(another_transaction("accounts_user", exclusive=True)))

    monkeypatch.setattr(postgres, "load", then_held)
    return finishes


@pytest.mark.skipif(ENGINE != "postgresql", reason="PostgreSQL's table locks and lock_timeout")
def test_a_restore_whose_accounts_are_held_after_its_load_leaves_the_sign_ins_it_says_may_work(
    live: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = backed_up_then_written(live, tmp_path)
    monkeypatch.setattr(postgres, "QUIET_WAIT", 0.2)
    monkeypatch.setattr(postgres, "LOCK_WAIT", 1.5)
    with contextlib.ExitStack() as held:
        finishes = accounts_held_after_the_load(live, held, monkeypatch)
        # Held for ever but for this safety net.
        safety = threading.Timer(15, lambda: [finish() for finish in finishes])
        safety.start()
        try:
            with pytest.raises(backups.BackupError, match="may still work") as raised:
                backups.restore(backup, busy=lambda: None)
        finally:
            safety.cancel()
    assert "accounts" in str(raised.value)
    assert SignIn.objects.count() == 3  # as it says: not ended, the read of the accounts too late
    assert not has_note(DEFAULT_DB_ALIAS, LATER)  # the data is the backup's


@pytest.mark.skipif(ENGINE != "postgresql", reason="PostgreSQL's table locks and lock_timeout")
def test_a_restore_whose_accounts_are_held_a_while_after_its_load_counts_every_sign_in_it_ends(
    live: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = backed_up_then_written(live, tmp_path)
    assert not SignIn.objects.exists()  # the backup has none: every one counted is ended after
    monkeypatch.setattr(postgres, "QUIET_WAIT", 0.2)
    with contextlib.ExitStack() as held:
        finishes = accounts_held_after_the_load(live, held, monkeypatch)
        restored = backups.restore(backup, busy=lambda: [finish() for finish in finishes])
    assert restored is not None and restored.ended is not None
    assert restored.ended.sign_ins == 3  # ended on the second try, not on the first
    assert not SignIn.objects.exists()


@pytest.mark.skipif(ENGINE != "postgresql", reason="PostgreSQL's table locks and lock_timeout")
def test_a_restores_look_at_the_accounts_and_its_load_wait_its_lock_wait_in_all_at_most(
    live: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = backed_up_then_written(live, tmp_path)
    monkeypatch.setattr(postgres, "QUIET_WAIT", 0.2)
    monkeypatch.setattr(postgres, "LOCK_WAIT", 3.0)
    monkeypatch.setattr(waiting, "FLOOR", 0.5)  # less than the look leaves the load
    began: list[float] = []
    with (
        another_transaction("accounts_user", exclusive=True) as accounts,
        another_transaction("daily_checkin"),
    ):
        # The look at the accounts waits 2 seconds, then the load waits for daily_checkin: each
        # wait is shorter than 3 seconds, not the two together.
        def release_the_accounts() -> None:
            # Any session, not only RESTORE: its look at the accounts waits on Django's own.
            if sessions_on_the_server(WAITING_FOR_A_LOCK, within=30):
                began.append(time.monotonic())
                time.sleep(2)
                accounts()

        releasing = threading.Thread(target=release_the_accounts)
        releasing.start()
        try:
            with pytest.raises(backups.BackupError, match=re.escape("more than 3 seconds")):
                backups.restore(backup, busy=lambda: None)
        finally:
            releasing.join()
        gave_up = time.monotonic()
    assert began and gave_up - began[0] < 3.0 + 1.0  # not 2 + 3 seconds
    assert has_note(DEFAULT_DB_ALIAS, LATER)


@contextlib.contextmanager
def session_options(options: str) -> Iterator[None]:
    """The test database's new connections (Django's and the client tools') made with
    DATABASE_URL's `options` (docs/configuration.md), until the block ends."""
    connection = connections[DEFAULT_DB_ALIAS]
    before = connection.settings_dict["OPTIONS"]
    connection.close()
    connection.settings_dict["OPTIONS"] = {**before, "options": options}
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["OPTIONS"] = before


@pytest.mark.skipif(ENGINE != "postgresql", reason="PostgreSQL's statement_timeout")
def test_a_statement_timeout_in_database_url_does_not_cut_a_restores_wait_short(
    live: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = backed_up_then_written(live, tmp_path)
    monkeypatch.setattr(postgres, "QUIET_WAIT", 1.0)
    monkeypatch.setattr(postgres, "LOCK_WAIT", 2.0)
    said: list[str] = []
    with (
        session_options("-c statement_timeout=300ms"),
        another_transaction("accounts_user", exclusive=True) as finish,
    ):
        safety = threading.Timer(15, finish)  # held for ever but for this
        safety.start()
        try:
            with pytest.raises(backups.BackupError) as raised:
                backups.restore(backup, busy=lambda: said.append("busy"))
        finally:
            safety.cancel()
    assert str(raised.value) == (
        f"{backup}: another transaction has held tables the restore replaces for more than 2 "
        "seconds; try again once it is done (or stop nearer's server first); nothing was changed"
    )
    assert said == ["busy"]
    assert has_note(DEFAULT_DB_ALIAS, LATER)


@pytest.mark.skipif(ENGINE != "postgresql", reason="PostgreSQL's cancelled statements")
def test_a_restores_look_at_the_accounts_cancelled_on_the_server_is_one_line(
    live: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = backed_up_then_written(live, tmp_path)

    def cancelled(connection: Any) -> dict[int, str]:  # as by pg_cancel_backend() from psql
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_cancel_backend(pg_backend_pid()), pg_sleep(5)")
        return {}

    monkeypatch.setattr(access, "passwords", cancelled)
    with pytest.raises(backups.BackupError) as raised:
        backups.restore(backup)
    assert str(raised.value) == (
        f"{backup}: PostgreSQL refused the restore (canceling statement due to user request); "
        "nothing was changed"
    )
    assert has_note(DEFAULT_DB_ALIAS, LATER)


@pytest.mark.skipif(ENGINE != "postgresql", reason="PostgreSQL's deadlock detection")
def test_a_restore_in_a_deadlock_with_the_app_says_to_try_again_and_changes_nothing(
    live: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = backed_up_then_written(live, tmp_path)
    monkeypatch.setattr(postgres, "LOCK_WAIT", 20.0)
    app = postgres_server()
    app.autocommit = False
    app.execute("SELECT 1 FROM django_session LIMIT 0")
    read: list[str] = []

    def then_the_accounts() -> None:
        # The restore takes accounts_user, then waits for django_session; the app's
        # transaction then wants accounts_user, and PostgreSQL ends the restore's wait.
        if sessions_on_the_server(RESTORE, WAITING_FOR_A_LOCK, within=30):
            app.execute("SELECT 1 FROM accounts_user LIMIT 0")
            read.append("accounts")
        app.rollback()

    reading = threading.Thread(target=then_the_accounts)
    reading.start()
    try:
        with pytest.raises(backups.BackupError) as raised:
            backups.restore(backup)
    finally:
        reading.join()
        app.close()
    assert str(raised.value) == (
        f"{backup}: another transaction and the restore each waited for a table the other "
        "held (a deadlock); try again once it is done (or stop nearer's server first); "
        "nothing was changed"
    )
    assert read == ["accounts"]
    assert has_note(DEFAULT_DB_ALIAS, LATER)
