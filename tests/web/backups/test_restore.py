"""Backups taken while the app writes, and restores that bring back exactly what was backed up:
no sign-in, session or token the backup holds works again after it.
"""

from __future__ import annotations

import fcntl
import threading
import time
from pathlib import Path

import pytest
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.utils import timezone

from nearer.web import backups, migration_lock
from nearer.web.accounts.models import User
from nearer.web.api import tokens
from nearer.web.api.models import Token
from nearer.web.backups import access, sqlite
from nearer.web.daily.models import CheckIn
from nearer.web.security.models import SignIn
from tests.web.api.conftest import call
from tests.web.backups.support import ENGINE, LATER, Writer, counts, has_note, without_ways_in
from tests.web.conftest import client_for
from tests.web.scratch import Scratch, scratch_database
from tests.web.seeds import ALICE, CANARY, PASSWORD, make_checkin, make_pair, yesterday


def test_a_backup_taken_while_check_ins_are_written_restores_whole_into_an_empty_database(
    scratch: Scratch, tmp_path: Path
) -> None:
    source = scratch.alias
    alice, _ = make_pair(source)
    writer = Writer(scratch, alice)
    writer.start()
    try:
        before = writer.wait_until(20)
        summary = backups.backup(tmp_path / "nearer.backup", alias=source)
        during = writer.written
        writer.wait_until(during + 20)  # and it goes on writing
    finally:
        writer.stopping.set()
        writer.join()
    assert writer.errors == []
    make_checkin(source, alice, timezone.localdate(), note=LATER)

    with scratch_database(tmp_path, migrated=False) as target:
        empty = target.alias
        restored = backups.restore(tmp_path / "nearer.backup", alias=empty)
        assert restored is not None and restored.rows == summary.rows
        assert counts(empty) == without_ways_in(summary.rows)
        # alice's canary and her partner's check-in, plus the writer's rows up to the moment of
        # the snapshot (one more may have committed before `written` moved on).
        assert 2 + before <= summary.rows["daily_checkin"] <= 2 + during + 1
        mine = CheckIn.objects.using(empty).get(user__email=ALICE, day=yesterday())
        assert mine.note == CANARY
        assert not has_note(empty, LATER)
    assert counts(source)["daily_checkin"] > summary.rows["daily_checkin"]


def test_restoring_over_a_database_brings_back_the_backup_and_drops_what_came_later(
    source: str, tmp_path: Path
) -> None:
    alice, _ = make_pair(source)
    summary = backups.backup(tmp_path / "nearer.backup", alias=source)
    make_checkin(source, alice, timezone.localdate(), note=LATER)
    User.objects.db_manager(source).create_user("dave@example.org", "x" * 20)

    restored = backups.restore(tmp_path / "nearer.backup", alias=source)
    assert restored is not None and restored.rows == summary.rows

    assert counts(source) == without_ways_in(summary.rows)
    assert CheckIn.objects.using(source).get(user=alice, day=yesterday()).note == CANARY
    assert not has_note(source, LATER)
    assert not User.objects.using(source).filter(email="dave@example.org").exists()


NEW_PASSWORD = "a new password nobody else knows"


def test_a_restore_gives_back_no_sign_in_token_or_password_taken_back_after_the_backup(
    live: User, tmp_path: Path
) -> None:
    signed_in, (_, token) = client_for(live), tokens.issue(live, "the partner's phone")
    assert call(None, "GET", "/me", token=token).status_code == 200
    backups.backup(tmp_path / "nearer.backup")
    # docs/security.md's advice when a partner has unwanted access, taken after the backup:
    signed_in.logout()
    Token.objects.all().delete()
    live.set_password(NEW_PASSWORD)
    live.save()

    restored = backups.restore(tmp_path / "nearer.backup")

    assert restored is not None and restored.ended is not None
    assert (restored.ended.tokens, restored.ended.passwords) == (2, 1)  # make_pair's and this
    assert restored.ended.sign_ins >= 1  # the backup's sign-in of alice's, ended again
    assert call(None, "GET", "/me", token=token).status_code == 401
    assert signed_in.get("/home/").status_code == 302  # to sign in
    assert not Token.objects.exists() and not SignIn.objects.exists()
    assert User.objects.get(pk=live.pk).check_password(PASSWORD)  # the backup's, as it says


def test_a_restore_whose_check_fails_still_refuses_a_token_revoked_after_the_backup(
    live: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, token = tokens.issue(live, "the partner's phone")
    backups.backup(tmp_path / "nearer.backup")
    Token.objects.all().delete()  # revoked after the backup
    real = backups.row_counts

    def one_short(connection: object) -> dict[str, int]:
        counts = real(connection)
        table = CheckIn._meta.db_table
        return {**counts, table: counts[table] - 1}

    monkeypatch.setattr(backups, "row_counts", one_short)
    with pytest.raises(backups.BackupError, match="its sign-ins and API tokens were ended"):
        backups.restore(tmp_path / "nearer.backup")
    assert call(None, "GET", "/me", token=token).status_code == 401
    assert not Token.objects.exists() and not SignIn.objects.exists()


def test_a_restore_whose_sign_ins_cannot_be_ended_says_so_in_one_line(
    live: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backups.backup(tmp_path / "nearer.backup")

    def fails(connection: object, before: object, backed_up: object) -> None:
        raise DatabaseError("disk I/O error")

    monkeypatch.setattr(access, "end_access", fails)
    with pytest.raises(backups.BackupError, match="sign-ins and API tokens could not be ended"):
        backups.restore(tmp_path / "nearer.backup")


@pytest.mark.skipif(ENGINE != "sqlite", reason="SQLite's quick check")
def test_a_restored_database_that_fails_sqlites_check_is_said_to_be_restored_and_damaged(
    live: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never seen (the disk would have failed under the restore): the load has committed, so
    "nothing was changed" would be untrue."""
    backups.backup(tmp_path / "nearer.backup")
    make_checkin(DEFAULT_DB_ALIAS, live, timezone.localdate(), note=LATER)
    monkeypatch.setattr(sqlite, "damage", lambda connection: "Page 7: btreeInitPage() error 11")
    with pytest.raises(backups.BackupError) as raised:
        backups.restore(tmp_path / "nearer.backup")
    said = str(raised.value)
    assert "restored, but the database now fails SQLite's check (Page 7:" in said, said
    assert "nothing was changed" not in said and "\n" not in said
    assert not has_note(DEFAULT_DB_ALIAS, LATER)


def test_a_restore_stopped_right_after_its_load_gives_back_no_token_or_sign_in(
    live: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The load itself leaves the backup's sign-ins and tokens out: nothing after it (a failed
    step, a process killed) can leave a token revoked after the backup working."""
    signed_in, (_, token) = client_for(live), tokens.issue(live, "the partner's phone")
    backups.backup(tmp_path / "nearer.backup")
    Token.objects.all().delete()  # revoked after the backup

    def dies(*args: object) -> None:
        raise KeyboardInterrupt  # as a process stopped between the load and ending access

    monkeypatch.setattr(access, "end_access", dies)
    with pytest.raises(KeyboardInterrupt):
        backups.restore(tmp_path / "nearer.backup")
    assert call(None, "GET", "/me", token=token).status_code == 401
    assert signed_in.get("/home/").status_code == 302  # to sign in
    assert not Token.objects.exists() and not SignIn.objects.exists()


def test_a_restored_database_takes_new_writes(source: str, tmp_path: Path) -> None:
    alice, _ = make_pair(source)
    backups.backup(tmp_path / "nearer.backup", alias=source)
    backups.restore(tmp_path / "nearer.backup", alias=source)
    # The id sequences came back too: a new row does not collide with a restored one.
    assert make_checkin(source, alice, timezone.localdate(), note=LATER).pk > 0


@pytest.mark.skipif(ENGINE != "sqlite", reason="the file lock is SQLite's")
def test_a_restore_waits_for_a_nearer_applying_migrations_before_it_loads(
    source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice, _ = make_pair(source)
    backups.backup(tmp_path / "nearer.backup", alias=source)
    make_checkin(source, alice, timezone.localdate(), note=LATER)
    monkeypatch.setattr(migration_lock, "QUIET_WAIT", 0.2)
    lock = migration_lock.lock_file(Path(connections[source].settings_dict["NAME"]))
    said: list[str] = []
    with lock.open("a") as serve:  # another nearer, half-way through its migrations
        fcntl.flock(serve, fcntl.LOCK_EX)
        release = threading.Timer(0.6, fcntl.flock, (serve, fcntl.LOCK_UN))
        release.start()
        start = time.monotonic()
        try:
            backups.restore(
                tmp_path / "nearer.backup", alias=source, waiting=lambda: said.append("waiting")
            )
        finally:
            release.join()
    assert said == ["waiting"] and time.monotonic() - start >= 0.5
    assert not has_note(source, LATER)
