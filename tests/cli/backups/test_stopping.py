"""`nearer backup` and `nearer restore` stopped part-way (Ctrl-C, SIGTERM, SIGHUP) or held up by
another writer: what each says, and what it leaves behind."""

from __future__ import annotations

import os
import pty
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from nearer.cli import backup as commands
from nearer.web.accounts.models import User
from tests.cli.backups.support import ENGINE, LATER, asked, has_note, one_line, run
from tests.cli.conftest import nearer
from tests.cli.test_keys import made


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_restore_stopped_by_a_signal_leaves_no_private_copy_of_the_backup(
    tmp_path: Path, stop: signal.Signals
) -> None:
    environment = made(tmp_path)
    data = Path(environment["NEARER_DATA_DIR"])
    good = tmp_path / "good.sqlite3"
    assert nearer("backup", str(good), data=data).returncode == 0
    database = (data / "nearer.sqlite3").read_bytes()
    stderr = stopped_at_the_question(good, environment, stop)
    assert b"Traceback" not in stderr
    assert not list(data.glob(".nearer-restore-*"))
    assert (data / "nearer.sqlite3").read_bytes() == database


def stopped_at_the_question(
    backup: Path,
    environment: dict[str, str],
    stop: signal.Signals = signal.SIGTERM,
    meanwhile: Callable[[], None] = lambda: None,
) -> bytes:
    """The stderr of `nearer restore backup`, sent `stop` as it asks (after `meanwhile`), with
    the checked private copy of the backup there; its exit code is the shell's for the signal."""
    data = Path(environment["NEARER_DATA_DIR"])
    command = [str(Path(sys.executable).parent / "nearer"), "restore", str(backup)]
    controller, terminal = pty.openpty()  # a terminal to ask on: it waits at the question
    try:
        with subprocess.Popen(
            command, env=environment, stdin=terminal, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        ) as running:
            asked(running, b"Replace everything")
            assert list(data.glob(".nearer-restore-*/backup"))  # the checked private copy
            meanwhile()
            running.send_signal(stop)  # as systemd, `timeout` or a closed terminal would
            _, stderr = running.communicate(timeout=60)
    finally:
        os.close(controller)
        os.close(terminal)
    assert running.returncode == 128 + stop, stderr  # as the shell reports a signal
    return stderr


NOTHING_RESTORED = b"nearer: stopped: nothing was restored; the database was not changed\n"


def test_a_restore_stopped_at_the_question_says_nothing_was_restored(tmp_path: Path) -> None:
    environment = made(tmp_path)
    data = Path(environment["NEARER_DATA_DIR"])
    good = tmp_path / "good.sqlite3"  # the database as it is: row counts cannot tell them apart
    assert nearer("backup", str(good), data=data).returncode == 0
    assert stopped_at_the_question(good, environment) == NOTHING_RESTORED


@pytest.mark.parametrize("there", [False, True], ids=["no data folder", "empty data folder"])
def test_a_restore_into_a_new_database_stopped_at_the_question_leaves_no_trace(
    tmp_path: Path, there: bool
) -> None:
    environment = made(tmp_path)
    good = tmp_path / "good.sqlite3"
    assert nearer("backup", str(good), data=Path(environment["NEARER_DATA_DIR"])).returncode == 0
    fresh = tmp_path / "fresh"
    if there:
        fresh.mkdir()
    environment["NEARER_DATA_DIR"] = str(fresh)
    assert stopped_at_the_question(good, environment) == NOTHING_RESTORED
    assert (list(fresh.iterdir()) == []) if there else not fresh.exists()


def test_a_database_another_nearer_made_while_a_restore_asked_is_kept_when_it_stops(
    tmp_path: Path,
) -> None:
    environment = made(tmp_path)
    good = tmp_path / "good.sqlite3"
    assert nearer("backup", str(good), data=Path(environment["NEARER_DATA_DIR"])).returncode == 0
    fresh = tmp_path / "fresh"
    environment["NEARER_DATA_DIR"] = str(fresh)
    database = fresh / "nearer.sqlite3"

    def served() -> None:  # as `nearer serve` would: the database made, and someone's data in it
        command = [str(Path(sys.executable).parent / "nearer"), "manage", "migrate", "-v", "0"]
        assert subprocess.run(command, env=environment, timeout=120).returncode == 0
        with closing(sqlite3.connect(database)) as kept, kept:
            kept.execute("insert into auth_group(name) values ('theirs')")

    assert stopped_at_the_question(good, environment, meanwhile=served) == NOTHING_RESTORED
    with closing(sqlite3.connect(database)) as kept:
        assert kept.execute("select name from auth_group").fetchall() == [("theirs",)]


def test_a_stopped_restore_into_a_new_database_still_there_does_not_say_it_is_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nearer.web import backups

    monkeypatch.setattr(backups, "holds", lambda summary: True)  # the load went in
    progress = commands.Restoring()
    progress.database = tmp_path / "nearer.sqlite3"
    progress.loading()  # a new database: the restore's own
    progress.writing()  # its locks taken: the load writes
    progress.database.touch()  # not taken away again (e.g. it could not be removed)
    assert "nothing was restored" not in progress.said()
    assert "holds the backup or what it held before" in progress.said()


def test_a_stopped_restore_whose_database_cannot_be_asked_says_so_in_one_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from django.db import OperationalError

    from nearer.web import backups

    def held(summary: object) -> bool:
        raise OperationalError("canceling statement due to lock timeout\nLINE 1: SELECT ...")

    monkeypatch.setattr(backups, "holds", held)
    progress = commands.Restoring()
    progress.writing()  # stopped while the load writes
    said = progress.said()
    assert said == (
        "stopped while restoring; whether it finished cannot be told "
        "(canceling statement due to lock timeout)"
    )


def test_a_restore_into_a_new_database_stopped_in_its_last_check_says_nothing_was_restored(
    tmp_path: Path,
) -> None:
    progress = commands.Restoring()
    progress.database = tmp_path / "nearer.sqlite3"
    progress.loading()  # a new database: the restore's own
    progress.writing()
    progress.loaded()
    progress.ended()  # then stopped in the check: the database it made is taken away again
    assert progress.said() == "stopped: nothing was restored; the database was not changed"


def test_a_restore_stopped_by_ctrl_c_in_its_last_check_says_every_sign_in_is_ended(
    backed_up: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nearer.web import backups

    monkeypatch.setattr(backups, "check_restored", ctrl_c)  # the sign-ins ended before it
    result = run("restore", str(backed_up), "--yes")
    assert result.exit_code == 130, result.output
    said = one_line(result)
    assert said.startswith("nearer: stopped after restoring: the database holds the backup's")
    assert said.endswith("with every sign-in ended and every API token revoked"), said
    assert not has_note(LATER)


def test_a_restore_stopped_as_django_starts_says_nothing_was_restored_without_a_traceback(
    backed_up: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def stopped() -> None:  # nearer.web.backups cannot be imported until Django has started
        import nearer.web

        monkeypatch.setitem(sys.modules, "nearer.web.backups", None)
        monkeypatch.delattr(nearer.web, "backups")
        raise KeyboardInterrupt

    monkeypatch.setattr(commands, "django_setup", stopped)
    result = run("restore", str(backed_up), "--yes")
    assert result.exit_code == 128 + signal.SIGINT, result.output
    assert result.stderr == NOTHING_RESTORED.decode()


def test_a_backup_stopped_by_sigterm_leaves_no_half_written_file(
    alice: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nearer.web.backups import files

    commit = files.commit

    def stopped(temporary: Path, target: Path) -> None:  # the file is written and checked
        signal.raise_signal(signal.SIGTERM)
        commit(temporary, target)

    monkeypatch.setattr(files, "commit", stopped)

    def carry_on(number: int, frame: object) -> None:  # the default would end pytest itself
        return None

    before = signal.signal(signal.SIGTERM, carry_on)
    try:
        result = run("backup", str(tmp_path / "nearer.backup"))
        assert signal.getsignal(signal.SIGTERM) is carry_on  # put back once the command ends
    finally:
        signal.signal(signal.SIGTERM, before)
    assert result.exit_code == 128 + signal.SIGTERM, result.stdout
    assert list(tmp_path.iterdir()) == []  # neither the backup nor its .partial file


def ctrl_c(*args: object, **kwargs: object) -> None:
    raise KeyboardInterrupt


def test_a_backup_stopped_by_ctrl_c_says_no_backup_was_written_and_exits_130(
    alice: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nearer.web.backups import files

    monkeypatch.setattr(files, "commit", ctrl_c)  # the file is written and checked
    result = run("backup", str(tmp_path / "nearer.backup"))
    assert result.exit_code == 130, result.output
    assert result.stderr == "nearer: stopped: no backup was written; the database was not changed\n"
    assert list(tmp_path.iterdir()) == []  # neither the backup nor its .partial file


@pytest.mark.parametrize("earlier", [False, True], ids=["new file", "over an earlier backup"])
def test_a_backup_stopped_by_ctrl_c_once_in_place_says_it_is_written(
    alice: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, earlier: bool
) -> None:
    from nearer.web.backups import files

    file = tmp_path / "nearer.backup"
    if earlier:
        assert run("backup", str(file)).exit_code == 0
    commit = files.commit

    def stopped(temporary: Path, target: Path) -> None:  # the real commit, then a Ctrl-C
        commit(temporary, target)
        raise KeyboardInterrupt

    monkeypatch.setattr(files, "commit", stopped)
    result = run("backup", str(file))
    assert result.exit_code == 130, result.output
    assert result.stderr == f"nearer: stopped after the backup: {file} is written and checked\n"
    assert list(tmp_path.iterdir()) == [file]


def test_a_restore_stopped_by_ctrl_c_before_loading_says_the_database_was_not_changed(
    backed_up: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nearer.web import migration_lock

    monkeypatch.setattr(migration_lock, "held", ctrl_c)  # taken just before the load
    result = run("restore", str(backed_up), "--yes")
    assert result.exit_code == 130, result.output
    assert one_line(result) == "nearer: stopped: nothing was restored; the database was not changed"
    assert has_note(LATER)


def load_of_this_engine() -> Any:
    """The module of the test database's engine that loads a backup (backups/sqlite.py, …)."""
    from django.db import connection

    from nearer.web import backups

    return backups.ENGINES[backups.engine_of(connection)]


def test_a_restore_stopped_by_ctrl_c_as_its_load_commits_says_it_cannot_tell_and_to_run_it_again(
    backed_up: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As the restore commits, the database holds the backup's row counts: as it would if it
    had held the same counts before, so the line says only what is sure."""
    engine = load_of_this_engine()
    real = engine.load

    def commits_then_stopped(*args: Any) -> None:  # the Ctrl-C heard as the load returns
        real(*args)
        raise KeyboardInterrupt

    monkeypatch.setattr(engine, "load", commits_then_stopped)
    result = run("restore", str(backed_up), "--yes")
    assert result.exit_code == 130, result.output
    said = one_line(result)
    assert said.startswith("nearer: stopped while restoring: ") and "never a mix" in said
    assert said.endswith("run the restore again to be sure it holds the backup")
    assert not has_note(LATER)


def test_a_restore_stopped_by_ctrl_c_ending_sign_ins_says_the_backup_is_in_and_what_is_left(
    backed_up: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the load has returned the database holds the backup: said without asking it, which
    would wait for the same tables ending the sign-ins may wait for."""
    from nearer.web import backups
    from nearer.web.backups import access

    def asked(*args: object) -> bool:
        raise AssertionError("the database was asked")

    monkeypatch.setattr(access, "end_access", ctrl_c)
    monkeypatch.setattr(backups, "holds", asked)
    result = run("restore", str(backed_up), "--yes")
    assert result.exit_code == 130, result.output
    assert one_line(result) == (
        f"nearer: stopped after restoring: {backups.describe()} holds the backup; sign-ins and "
        "API tokens made since the load may still work; stop nearer's server and restore again"
    )
    assert not has_note(LATER)


@pytest.mark.skipif(ENGINE != "postgresql", reason="PostgreSQL's table locks")
def test_a_restore_stopped_while_a_table_holds_up_ending_sign_ins_says_so_at_once(
    backed_up: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nearer.web.backups import postgres
    from tests.web.scratch import postgres_server

    monkeypatch.setattr(postgres, "QUIET_WAIT", 0.2)
    real, other = postgres.load, postgres_server()
    other.autocommit = False
    safety = threading.Timer(20, other.rollback)  # held for ever but for this safety net
    stopped: list[float] = []

    def then_held(*args: Any) -> None:  # the running server's transaction, just after the load
        real(*args)
        other.execute('LOCK TABLE "django_session" IN ACCESS EXCLUSIVE MODE')
        safety.start()

    def ctrl_c_as_it_waits(restored: bool = False) -> None:
        stopped.append(time.monotonic())
        raise KeyboardInterrupt

    monkeypatch.setattr(postgres, "load", then_held)
    monkeypatch.setattr(commands, "waiting_for_a_writer", ctrl_c_as_it_waits)
    try:
        result = run("restore", str(backed_up), "--yes")
        said_after = time.monotonic() - stopped[0]
    finally:
        safety.cancel()
        other.rollback()
        other.close()
    assert said_after < 5  # not once the other transaction ends (20 seconds)
    assert result.exit_code == 130, result.output
    assert one_line(result).startswith("nearer: stopped after restoring: ")


def test_a_restore_stopped_while_its_load_waits_for_another_writer_says_nothing_was_restored(
    alice: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The database holds what the backup holds, as it does when one restores the latest
    backup: row counts cannot tell, but a load still waiting for a lock has written nothing."""
    from django.db import connection

    from nearer.web import backups

    backup = tmp_path / "nearer.backup"
    assert run("backup", str(backup)).exit_code == 0
    engine = backups.ENGINES[backups.engine_of(connection)]

    def waits(connection: object, copy: object, contents: object, waits: Any) -> None:
        waits.tell()  # held up by another program's transaction a while

    monkeypatch.setattr(engine, "load", waits)
    monkeypatch.setattr(commands, "waiting_for_a_writer", ctrl_c)  # stopped as it says so
    result = run("restore", str(backup), "--yes")
    assert result.exit_code == 130, result.output
    assert one_line(result) == "nearer: stopped: nothing was restored; the database was not changed"


def test_a_restore_held_up_by_a_writer_as_its_load_begins_to_write_says_nothing_has_changed(
    backed_up: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite's copy may find the write lock taken again after the load's wait for it: held up
    there, the load has written nothing, whatever `writing` said."""
    from nearer.web.backups import BackupError

    engine = load_of_this_engine()

    def held_up_once_writing(
        connection: object, copy: object, contents: object, waits: Any
    ) -> None:
        waits.over()
        waits.tell()  # held up by another program's transaction a while
        raise BackupError("another program has held the database's write lock")

    monkeypatch.setattr(engine, "load", held_up_once_writing)
    result = run("restore", str(backed_up), "--yes")
    assert result.exit_code == 1, result.output
    waited, failed = result.stderr.splitlines()
    assert waited.startswith("waiting for another program writing to ")
    assert "nothing has changed yet" in waited and "restored" not in waited
    assert failed.endswith("; nothing was changed")
    assert has_note(LATER)


def test_a_restore_stopped_by_ctrl_c_once_done_says_the_backup_is_in_place(
    backed_up: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(commands, "_taken_back", ctrl_c)  # as the report is written
    result = run("restore", str(backed_up), "--yes")
    assert result.exit_code == 130, result.output
    assert one_line(result).startswith(
        "nearer: stopped after restoring: the database holds the backup's data now"
    )
    assert not has_note(LATER)


def test_a_ctrl_c_while_the_backup_starts_up_is_said_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nearer.cli import serve, stopping

    def interrupted_import() -> None:
        raise stopping.interrupted()  # as a Ctrl-C while polars is imported

    monkeypatch.setattr(serve, "import_polars", interrupted_import)
    result = run("backup", str(tmp_path / "nearer.backup"))
    assert result.exit_code == 130, result.output
    assert result.stderr == "nearer: interrupted\n"


def test_a_restore_held_up_by_another_writer_says_how_long_this_engine_waits_at_most(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from django.db import connection

    from nearer.web import backups
    from nearer.web.backups import postgres, sqlite

    monkeypatch.setattr(sqlite, "LOCK_WAIT", 7.0)
    monkeypatch.setattr(postgres, "LOCK_WAIT", 9.0)
    commands.waiting_for_a_writer()
    said = capsys.readouterr().err
    seconds = {"sqlite": 7, "postgresql": 9}[connection.vendor]
    assert said == (
        f"waiting for another program writing to {backups.describe()} to finish (at most "
        f"{seconds} seconds; nothing has changed yet, and Ctrl-C stops the restore)\n"
    )


def test_a_restore_held_up_ending_sign_ins_after_its_load_says_the_backup_is_restored(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from nearer.web import backups

    commands.waiting_for_a_writer(restored=True)
    said = capsys.readouterr().err
    assert said.startswith("the backup is restored; waiting for another program using ")
    assert backups.describe() in said and "nothing has changed" not in said
