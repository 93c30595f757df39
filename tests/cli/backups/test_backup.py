"""`nearer backup` and `nearer restore` on the configured database (the test database here):
what each writes, refuses and says."""

from __future__ import annotations

import fcntl
import os
import re
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from nearer.cli import backup as commands
from nearer.web.accounts.models import User
from nearer.web.vault import keyfile
from tests.cli.backups.support import ENGINE, LATER, has_note, one_line, run
from tests.cli.conftest import nearer
from tests.cli.test_keys import made
from tests.web.conftest import client_for
from tests.web.seeds import CANARY, yesterday


def test_backup_writes_a_file_only_its_owner_can_read_and_says_what_it_holds(
    alice: User, tmp_path: Path
) -> None:
    result = run("backup", str(tmp_path / "nearer.backup"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Backed up ") and "rows" in result.stdout
    assert "secret key file is not in it" in result.stdout
    assert stat.S_IMODE((tmp_path / "nearer.backup").stat().st_mode) == 0o600


def test_a_backup_name_that_is_not_utf8_is_one_line_not_a_traceback(
    alice: User, tmp_path: Path
) -> None:
    name = tmp_path / "b\udcff.bak"  # a byte no UTF-8 holds, as Python keeps it
    result = run("backup", str(name))
    assert result.exit_code == 2
    assert "its name is not UTF-8 text" in one_line(result)
    assert not list(tmp_path.glob("b*"))


def test_restore_with_yes_brings_back_alices_note_and_drops_what_came_later(
    alice: User, backed_up: Path
) -> None:
    result = run("restore", str(backed_up), "--yes")
    assert result.exit_code == 0, result.stderr
    assert "Restored " in result.stdout
    assert not has_note(LATER)
    # alice signs in and finds her private note on yesterday's check-in.
    page = client_for(alice).get(f"/daily/checkin/?day={yesterday().isoformat()}")
    assert CANARY in page.content.decode()


def test_restore_says_before_asking_and_after_that_it_ends_sign_ins_tokens_and_newer_passwords(
    alice: User, backed_up: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice.set_password("a password changed after the backup")
    alice.save()
    monkeypatch.setattr(commands, "_can_ask", lambda: True)
    result = run("restore", str(backed_up), input="y\n")
    assert result.exit_code == 0, result.stderr
    asked = result.stdout.index("Replace everything")
    assert 0 <= result.stdout.index(commands.TAKES_BACK) < asked
    assert "and revoked 1 API token: everyone signs in again." in result.stdout[asked:]
    assert "1 account's password changed since the backup is the backup's again" in result.stdout
    assert alice.email not in result.stdout + result.stderr  # how many, never whose


def test_restore_without_yes_and_without_a_terminal_refuses_in_one_line(backed_up: Path) -> None:
    result = run("restore", str(backed_up))
    assert result.exit_code == 2
    assert one_line(result).startswith(f"nearer: {backed_up}: restoring replaces all data")
    assert "--yes" in result.stderr
    assert has_note(LATER)


def test_restore_asks_first_and_a_no_changes_nothing(
    backed_up: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(commands, "_can_ask", lambda: True)
    result = run("restore", str(backed_up), input="n\n")
    assert "a good " in result.stdout and "Replace everything" in result.stdout
    assert result.exit_code == 1 and "Nothing was restored." in result.stderr
    assert has_note(LATER)


def test_restore_asks_first_and_a_yes_restores(
    backed_up: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(commands, "_can_ask", lambda: True)
    result = run("restore", str(backed_up), input="y\n")
    assert result.exit_code == 0, result.stderr
    assert not has_note(LATER)
    assert has_note(CANARY)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "is empty"),
        (b"my shopping list\n", "is not a nearer backup"),
        (b"SQLite format 3\x00" + b"\x00" * 200, "damaged|truncated|backup, but"),
        (b"PGDMP" + b"\x01" * 200, "damaged|backup, but"),
    ],
    ids=["empty", "text", "broken SQLite", "broken archive"],
)
def test_a_file_that_is_no_good_backup_is_one_line_and_changes_nothing(
    backed_up: Path, tmp_path: Path, content: bytes, reason: str
) -> None:
    bad = tmp_path / "bad.backup"
    bad.write_bytes(content)
    result = run("restore", str(bad), "--yes")
    assert result.exit_code == 2
    line = one_line(result)
    assert line.startswith(f"nearer: {bad}: ") and line.endswith("; nothing was changed")
    assert re.search(reason, line), line
    assert has_note(LATER)


@pytest.fixture
def backup_key(backed_up: Path) -> str:
    """The server key id the backup's shared values are sealed under."""
    return keyfile.load().current


@pytest.fixture
def other_key_file(backup_key: str, tmp_path: Path) -> Iterator[Path]:
    """After the backup, the key file setting moved to a place with no key file yet (as on a new
    machine)."""
    with override_settings(VAULT_KEY_FILE=str(tmp_path / "other-keys" / "server-keys.json")):
        yield key_file()


def test_a_restore_with_a_key_file_lacking_the_backups_key_refuses_before_replacing_anything(
    backed_up: Path, backup_key: str, other_key_file: Path
) -> None:
    keyfile.load()  # a key file of its own, with another key
    result = run("restore", str(backed_up), "--yes")
    assert result.exit_code == 2
    line = one_line(result)
    assert line.startswith(f"nearer: {backed_up}: its shared text (") and backup_key in line
    assert f"which the key file {other_key_file} does not hold; put back" in line
    assert line.endswith("; nothing was changed (--without-key restores it all the same)")
    assert has_note(LATER)


def test_a_restore_without_any_key_file_refuses_and_makes_none(
    backed_up: Path, backup_key: str, other_key_file: Path
) -> None:
    result = run("restore", str(backed_up), "--yes")
    assert result.exit_code == 2
    assert f"key {backup_key}, and the key file {other_key_file} is missing" in one_line(result)
    assert has_note(LATER) and not other_key_file.exists()


def test_a_restore_without_key_goes_on_and_says_what_stays_sealed(
    backed_up: Path, backup_key: str, other_key_file: Path
) -> None:
    result = run("restore", str(backed_up), "--yes", "--without-key")
    assert result.exit_code == 0, result.stderr
    assert not has_note(LATER)
    last = result.stdout.splitlines()[-1]
    assert f"sealed under server key {backup_key}, which {other_key_file} lacks" in last


@pytest.fixture
def unreadable_key_file(other_key_file: Path) -> Path:
    """A key file that is no key file (JSON no longer), where the backup's key should be."""
    other_key_file.parent.mkdir(mode=0o700)
    other_key_file.write_text("not json\n")
    return other_key_file


def test_a_restore_with_an_unreadable_key_file_refuses_naming_it(
    backed_up: Path, backup_key: str, unreadable_key_file: Path
) -> None:
    result = run("restore", str(backed_up), "--yes")
    assert result.exit_code == 2
    line = one_line(result)
    assert f"key {backup_key}, and {unreadable_key_file}: not a nearer key file (" in line
    assert "; put a good copy of the key file there (or set NEARER_KEY_FILE to one)" in line
    assert line.endswith("; nothing was changed (--without-key restores it all the same)")
    assert has_note(LATER)


def test_a_restore_without_key_goes_on_past_an_unreadable_key_file_as_past_a_missing_one(
    backed_up: Path, backup_key: str, unreadable_key_file: Path
) -> None:
    result = run("restore", str(backed_up), "--yes", "--without-key")
    assert result.exit_code == 0, result.stderr
    assert not has_note(LATER)
    last = result.stdout.splitlines()[-1]
    assert f"sealed under server key {backup_key}, which {unreadable_key_file} lacks" in last
    assert last.endswith("`nearer serve` refuses to start until then.")
    assert unreadable_key_file.read_text() == "not json\n"  # never made nor mended


def test_a_backup_with_nothing_sealed_restores_without_a_key_file(
    transactional_db: None, tmp_path: Path
) -> None:
    User.objects.create_user("carol@example.com", password="a long passphrase")
    file = tmp_path / "carol.backup"
    assert run("backup", str(file)).exit_code == 0
    with override_settings(VAULT_KEY_FILE=str(tmp_path / "keys" / "server-keys.json")):
        result = run("restore", str(file), "--yes")
        assert result.exit_code == 0, result.stderr
        assert "\nRestored " in result.stdout and not key_file().exists()


def test_a_missing_backup_file_is_one_line(alice: User, tmp_path: Path) -> None:
    result = run("restore", str(tmp_path / "nowhere.backup"), "--yes")
    assert result.exit_code == 2 and "no such file" in one_line(result)


def test_a_backup_into_a_missing_folder_is_one_line(alice: User, tmp_path: Path) -> None:
    result = run("backup", str(tmp_path / "missing" / "nearer.backup"))
    assert result.exit_code == 2 and "does not exist" in one_line(result)


def key_file() -> Path:
    return Path(settings.VAULT_KEY_FILE)


def secret_key_file() -> Path:
    return Path(settings.DATA_DIR) / "nearer_secret_key.txt"


def linked(make: Callable[[Path, Path], None]) -> Callable[[Path], Path]:
    """A link in `tmp_path` to the server key file, made by `make(link, target)`."""

    def where(tmp_path: Path) -> Path:
        link = tmp_path / "looks-harmless.backup"
        make(link, key_file())
        return link

    return where


OWN_FILES: dict[str, Callable[[Path], Path]] = {
    "the server key file": lambda tmp_path: key_file(),
    "it by a path with ..": lambda tmp_path: (
        key_file().parent / ".." / key_file().parent.name / key_file().name
    ),
    "a symlink to it": linked(lambda link, target: link.symlink_to(target)),
    "a hard link to it": linked(lambda link, target: link.hardlink_to(target)),
    "the secret key file": lambda tmp_path: secret_key_file(),
    "a new file in the keys folder": lambda tmp_path: key_file().parent / "new.backup",
    "a file in the static folder": lambda tmp_path: Path(settings.STATIC_ROOT) / "x.backup",
}


@pytest.mark.parametrize("target", OWN_FILES.values(), ids=OWN_FILES.keys())
def test_a_backup_onto_one_of_nearers_own_files_is_refused_and_every_file_kept(
    alice: User, tmp_path: Path, target: Callable[[Path], Path]
) -> None:
    keyfile.load()
    path = target(tmp_path)
    kept = {file: file.read_bytes() for file in (key_file(), secret_key_file())}
    existed = path.exists()
    result = run("backup", str(path))
    assert result.exit_code == 2, result.stdout
    line = one_line(result)
    assert line.startswith(f"nearer: {path}: is ") and line.endswith("; choose another file")
    assert {file: file.read_bytes() for file in kept} == kept
    assert path.exists() == existed
    assert not list(path.parent.glob(f".{path.name}.*.partial"))


def test_a_backup_before_there_is_a_database_says_so_and_makes_not_even_the_data_folder(
    tmp_path: Path,
) -> None:
    data = tmp_path / "new" / "data"
    done = nearer("backup", str(tmp_path / "nearer.backup"), data=data)
    assert done.returncode == 1, done.stderr
    assert done.stderr.count("\n") == 1 and done.stdout == ""
    assert done.stderr.startswith("nearer: there is nothing to back up: ")
    assert list(tmp_path.iterdir()) == []  # no data folder, secret key file or static folder


def test_nothing_to_back_up_in_an_empty_data_folder_leaves_it_empty(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    done = nearer("backup", str(tmp_path / "nearer.backup"), data=data)
    assert done.returncode == 1, done.stderr
    assert list(tmp_path.iterdir()) == [data] and list(data.iterdir()) == []


@pytest.mark.parametrize("content", [b"my shopping list\n", b"SQLite format 3\x00" + b"\0" * 200])
def test_a_bad_file_restored_with_yes_into_a_new_data_folder_makes_nothing(
    tmp_path: Path, content: bytes
) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_bytes(content)
    data = tmp_path / "new" / "data"
    done = nearer("restore", str(bad), "--yes", data=data)
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "nothing was changed" in done.stderr
    assert list(tmp_path.iterdir()) == [bad]  # no folder, no empty database, no key files


def test_a_refused_restore_into_a_new_data_folder_makes_nothing(
    backed_up: Path, tmp_path: Path
) -> None:
    data = tmp_path / "fresh"
    done = nearer("restore", str(backed_up), data=data)
    assert done.returncode == 2 and "--yes" in done.stderr
    assert not data.exists() or not any(data.iterdir())


@pytest.mark.skipif(ENGINE != "sqlite", reason="a new data folder's database is SQLite's")
def test_a_restore_into_a_new_data_folder_is_readable_by_its_owner_only(
    backed_up: Path, tmp_path: Path
) -> None:
    data = tmp_path / "fresh"
    before = os.umask(0o022)  # a usual shell's
    try:
        done = nearer(
            "restore", str(backed_up), "--yes", data=data, NEARER_KEY_FILE=str(key_file())
        )
    finally:
        os.umask(before)
    assert done.returncode == 0, done.stderr
    made = [data / "nearer.sqlite3", *(p for p in data.rglob("*") if p.is_dir())]
    modes = {path.name: stat.S_IMODE(path.stat().st_mode) for path in made}
    assert modes["nearer.sqlite3"] == 0o600
    assert all(mode & 0o077 == 0 for mode in modes.values()), modes


def a_fifo(tmp_path: Path) -> Path:
    os.mkfifo(tmp_path / "pipe")
    return tmp_path / "pipe"


def a_symlink_to_a_fifo(tmp_path: Path) -> Path:
    (tmp_path / "link").symlink_to(a_fifo(tmp_path))
    return tmp_path / "link"


def a_device(tmp_path: Path) -> Path:
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    os.mknod(tmp_path / "null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # like /dev/null
    return tmp_path / "null"


NOT_FILES: dict[str, Callable[[Path], Path]] = {
    "a named pipe": a_fifo,
    "a symlink to a named pipe": a_symlink_to_a_fifo,
    "a character device": a_device,
}


@pytest.mark.parametrize("make", NOT_FILES.values(), ids=NOT_FILES.keys())
def test_a_backup_onto_a_device_or_pipe_is_refused_and_it_stays_one(
    alice: User, tmp_path: Path, make: Callable[[Path], Path]
) -> None:
    path = make(tmp_path)
    kind = stat.S_IFMT(path.stat().st_mode)
    result = run("backup", str(path))
    assert result.exit_code == 2, result.stdout
    assert one_line(result).startswith(f"nearer: {path}: is not a regular file")
    assert stat.S_IFMT(path.stat().st_mode) == kind  # not replaced by a file
    assert not list(tmp_path.glob(".*.partial"))


def refused_folder(monkeypatch: pytest.MonkeyPatch) -> str:
    """As os.open does in /proc, or a read-only folder."""
    from nearer.web.backups import files

    def refused(target: Path) -> None:
        raise PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr(files, "private_temporary", refused)
    return "Permission denied"


def full_disk(monkeypatch: pytest.MonkeyPatch) -> str:
    """SQLite's answer when VACUUM INTO runs out of room."""
    from nearer.web.backups import sqlite

    class Full:
        def execute(self, *_: object) -> None:
            error = sqlite3.OperationalError("database or disk is full")
            error.sqlite_errorcode = sqlite3.SQLITE_FULL  # type: ignore[attr-defined]
            raise error

    monkeypatch.setattr(sqlite, "raw", lambda connection: Full())
    return "No space left on device"


@pytest.mark.parametrize(
    "place",
    [
        pytest.param(refused_folder, id="refused"),
        pytest.param(
            full_disk,
            id="full disk",
            marks=pytest.mark.skipif(ENGINE != "sqlite", reason="fills SQLite's copy"),
        ),
    ],
)
def test_a_backup_that_cannot_be_written_is_exit_2_and_leaves_nothing(
    alice: User,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    place: Callable[[pytest.MonkeyPatch], str],
) -> None:
    why = place(monkeypatch)
    target = tmp_path / "nearer.backup"
    result = run("backup", str(target))
    assert result.exit_code == 2, result.stdout
    assert one_line(result) == f"nearer: {target}: cannot be written ({why}); no backup was written"
    assert not target.exists()
    assert not list(tmp_path.glob(".*.partial"))


@pytest.mark.parametrize(
    ("command", "said"),
    [
        (("backup", "-"), "a backup is written to a file, not to standard output"),
        (("restore", "--yes", "-"), "a backup is read from a file, not from standard input"),
    ],
    ids=["backup", "restore"],
)
def test_a_dash_is_no_file_for_a_backup_and_nothing_named_dash_appears(
    alice: User,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: tuple[str, ...],
    said: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*command)
    assert result.exit_code == 2, result.stdout
    assert one_line(result).startswith(f"nearer: -: {said}")
    assert not (tmp_path / "-").exists()


def damaged_database(tmp_path: Path) -> Path:
    """An SQLite file whose table pages have their first cell pointers zeroed: SQLite's
    integrity check finds many problems, several of them on lines of their own in one row."""
    path = tmp_path / "damaged.sqlite3"
    with closing(sqlite3.connect(path)) as database:
        database.execute("CREATE TABLE t (x TEXT)")
        database.executemany("INSERT INTO t VALUES (?)", [("x" * 100,)] * 2000)
        database.commit()
    data = bytearray(path.read_bytes())
    size = int.from_bytes(data[16:18], "big")
    for start in range(2 * size, len(data), size):  # pages 1 and 2 (schema, root) left alone
        if data[start] == 0x0D:  # a leaf page of a table
            data[start + 8 : start + 12] = bytes(4)
    path.write_bytes(bytes(data))
    return path


@pytest.mark.skipif(ENGINE != "sqlite", reason="the damaged backup is an SQLite file")
def test_a_damaged_backup_is_named_in_one_line_with_how_many_problems(
    backed_up: Path, tmp_path: Path
) -> None:
    result = run("restore", str(damaged_database(tmp_path)), "--yes")
    assert result.exit_code == 2, result.stdout
    line = one_line(result)
    assert re.search(
        r"damaged \(SQLite.s integrity check: On tree page .*, and (at least )?\d+ more\)", line
    )
    assert line.endswith("; nothing was changed")
    assert has_note(LATER)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_restore_whose_stdout_is_full_stops_before_anything_is_made(tmp_path: Path) -> None:
    environment = made(tmp_path)
    good = tmp_path / "good.sqlite3"
    assert nearer("backup", str(good), data=Path(environment["NEARER_DATA_DIR"])).returncode == 0
    fresh = tmp_path / "fresh"
    command = [str(Path(sys.executable).parent / "nearer"), "restore", str(good), "--yes"]
    with Path("/dev/full").open("w") as full:
        ran = subprocess.run(
            command,
            env={**environment, "NEARER_DATA_DIR": str(fresh)},
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert ran.returncode == 2
    assert ran.stderr == "nearer: stdout: cannot be written (No space left on device)\n"
    assert not fresh.exists()  # nothing restored, and no data folder made for it


def test_a_restore_removes_the_private_copies_a_killed_restore_left(
    backed_up: Path,
) -> None:
    from django.db import connection

    from nearer.web import backups

    left = backups.scratch_folder(connection) / ".nearer-restore-killed"
    left.mkdir()
    (left / "backup").write_bytes(b"everything two people wrote")
    result = run("restore", str(backed_up), "--yes")
    assert result.exit_code == 0, result.stderr
    assert not left.exists()


def test_a_restore_stopped_while_removing_its_own_folder_leaves_none(tmp_path: Path) -> None:
    """A Ctrl-C landing while the restore's private folder was being removed left it behind
    (empty, or still holding the copy of the backup) until the next restore."""
    from nearer.cli.backup import one_restore_in

    with pytest.raises(KeyboardInterrupt), one_restore_in(tmp_path):
        left = tmp_path / ".nearer-restore-stopped"
        left.mkdir()
        (left / "backup").write_bytes(b"everything two people wrote")
        raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def test_a_second_restore_at_once_is_refused_in_one_line(backed_up: Path) -> None:
    from django.db import connection

    from nearer.web import backups

    folder = backups.scratch_folder(connection)
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)  # as a restore under way holds it
        result = run("restore", str(backed_up), "--yes")
    finally:
        os.close(descriptor)
    assert result.exit_code == 1
    assert (
        one_line(result)
        == f"nearer: {folder}: another nearer restore is running there; let it finish"
    )
    assert has_note(LATER)


@pytest.mark.skipif(ENGINE != "sqlite", reason="only SQLite keeps the live database in a file")
def test_the_live_database_is_refused_as_a_backup_to_restore(
    backed_up: Path, tmp_path: Path
) -> None:
    data = tmp_path / "fresh"
    keys = {"NEARER_KEY_FILE": str(key_file())}
    assert nearer("restore", str(backed_up), "--yes", data=data, **keys).returncode == 0
    live = data / "nearer.sqlite3"
    before = live.read_bytes()
    done = nearer("restore", "--yes", str(live), data=data, **keys)
    assert done.returncode == 2, done.stderr
    assert done.stderr == (
        f"nearer: {live}: is the live database, the one a restore replaces, not a backup; "
        "restore a file made by `nearer backup`; nothing was changed\n"
    )
    assert live.read_bytes() == before
