"""`nearer serve` for real: gunicorn on loopback, migrations applied, the demo seeded."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.test import override_settings

from nearer.cli import serve as commands
from tests.cli.conftest import run
from tests.cli.test_keys import made
from tests.web.vault.test_at_rest import fill

NEARER = Path(sys.executable).parent / "nearer"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, seconds: float = 30) -> dict[str, str]:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return json.loads(response.read())  # type: ignore[no-any-return]
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def environment(data: Path, **extra: str) -> dict[str, str]:
    """This environment with the data folder `data`, none of the test run's database, settings
    or key file, and `extra` on top."""
    env = {**os.environ, "NEARER_DATA_DIR": str(data)}
    for inherited in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "NEARER_KEY_FILE"):
        env.pop(inherited, None)
    return {**env, **extra}


def start_server(*args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    """`nearer serve ARGS` running in a session of its own, its stdout and stderr together."""
    return subprocess.Popen(
        [str(NEARER), "serve", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def stop_server(server: subprocess.Popen[str]) -> str:
    """Stop a server from `start_server` (gunicorn and its workers) and return what it said."""
    os.killpg(server.pid, signal.SIGTERM)
    return server.communicate(timeout=20)[0]


def too_big_answer(port: int) -> bytes:
    """The head of the answer to a form body over the 256 KB limit, sent whole (with a CSRF
    cookie: without one, the form would be refused before its body is looked at)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=10) as page:
        cookie = page.headers["Set-Cookie"].split(";")[0]
    body = b"note=" + b"x" * (300 * 1024)
    head = (
        f"POST /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: {cookie}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(head.encode() + body)
        return connection.recv(4096).split(b"\r\n\r\n")[0] + b"\r\n"


def test_serve_demo_answers_healthz_and_prints_the_partners(tmp_path: Path) -> None:
    port = free_port()
    server = start_server(
        "--demo", "--port", str(port), "--workers", "1", env=environment(tmp_path)
    )
    try:
        assert wait_for(f"http://127.0.0.1:{port}/healthz") == {"status": "ok"}
        answer = too_big_answer(port)
        assert answer.startswith(b"HTTP/1.1 413 ") and b"\r\nConnection: close\r\n" in answer
    finally:
        output = stop_server(server)
    assert output.count("demo partner:") == 2 and "password:" in output
    assert "gunicorn" in output.lower()
    database = tmp_path / "nearer.sqlite3"
    assert database.exists() and database.stat().st_mode & 0o077 == 0  # its owner's alone


def test_a_bad_port_is_one_line() -> None:
    result = run("serve", "--port", "70000")
    assert result.exit_code == 2 and result.stderr.startswith("nearer: --port")


def serve(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    """`nearer serve` in a fresh process, expected to stop at once (a hang fails the test)."""
    return subprocess.run(
        [str(NEARER), "serve", *args],
        env=environment(data),
        capture_output=True,
        text=True,
        timeout=60,
    )


def refused(done: subprocess.CompletedProcess[str], start: str) -> None:
    """One line on stderr, exit 2, and nothing printed as if nearer were running."""
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stdout == "" and done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith(f"nearer: {start}"), done.stderr


def test_a_port_in_use_is_one_line_before_nearer_says_it_runs(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = serve("--port", str(port), data=tmp_path)
    refused(done, f"--port {port}: is in use")


@pytest.mark.parametrize(
    ("host", "says"),
    [
        ("999.1.1.1", "not a valid IP address"),
        ("no.such.host.invalid", "no such host name"),
        ("203.0.113.5", "not an address of this machine"),  # TEST-NET-3: no machine's own
    ],
)
def test_a_host_that_is_not_this_machines_is_one_line(tmp_path: Path, host: str, says: str) -> None:
    refused(
        serve("--host", host, "--port", str(free_port()), data=tmp_path), f"--host {host}: {says}"
    )
    assert not (tmp_path / "nearer.sqlite3").exists()  # refused before anything was made


@pytest.mark.parametrize("workers", ["0", "-2", "65", "99999999999"])
def test_workers_out_of_range_are_refused_before_any_fork(tmp_path: Path, workers: str) -> None:
    done = serve("--workers", workers, "--port", str(free_port()), data=tmp_path)
    refused(done, f"--workers: must be from 1 to 64, got {workers}")


@pytest.mark.parametrize("host", ["", " "])
def test_an_empty_host_is_refused_not_read_as_every_address(tmp_path: Path, host: str) -> None:
    done = serve("--host", host, "--port", str(free_port()), data=tmp_path)
    refused(done, "--host: is empty; name an address")
    assert not (tmp_path / "nearer.sqlite3").exists()


def test_serve_with_the_key_file_missing_refuses_before_making_one(
    db: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill("default")
    served: list[str] = []
    monkeypatch.setattr(commands, "_gunicorn", lambda bind, workers: served.append(bind))
    monkeypatch.setattr(os, "umask", lambda mask: 0o022)  # the test process keeps its own
    missing = tmp_path / "keys" / "server-keys.json"
    with override_settings(VAULT_KEY_FILE=str(missing)):
        result = run("serve", "--port", str(free_port()))
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"nearer: the key file {missing} is missing")
    assert result.stderr.count("\n") == 1 and "running" not in result.stdout
    assert served == [] and not missing.exists()


def test_an_unknown_manage_command_is_one_line_and_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "umask", lambda mask: 0o022)
    result = run("manage", "chek")
    assert result.exit_code == 2
    assert result.stderr == (
        "nearer: manage: no command 'chek' (did you mean check?); `nearer manage help` lists them\n"
    )


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (
            ("check", "--bogus"),
            2,
            "manage check: unrecognized arguments: --bogus; `nearer manage check --help` lists "
            "its options",
        ),
        (
            ("check", "--tag", "nope"),
            1,
            'manage check: There is no system check with the "nope" tag.',
        ),
        (("migrate", "nosuchapp"), 1, "manage migrate: No installed app with label 'nosuchapp'."),
    ],
    ids=["unknown option", "command error", "no such app"],
)
def test_a_manage_command_failing_is_one_line_with_exit_2_only_for_a_bad_argument(
    db: None, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], code: int, says: str
) -> None:
    """A bad argument is misuse (2); the command's own CommandError keeps Django's code (1)."""
    monkeypatch.setattr(os, "umask", lambda mask: 0o022)
    result = run("manage", *args)
    assert result.exit_code == code, result.output
    assert result.stderr == f"nearer: {says}\n"


@pytest.mark.parametrize(
    ("fixture", "says"),
    [
        (
            '[{"model": "accounts.user",\n "pk": 1\n "fields": {}}]',
            "Expecting ',' delimiter: line 3",
        ),
        (
            '[{"model": "nope.model", "pk": 1, "fields": {}}]',
            "Invalid model identifier: nope.model",
        ),
    ],
    ids=["broken JSON", "unknown model"],
)
def test_a_bad_fixture_for_loaddata_is_one_line_naming_the_file_and_what_is_wrong(
    db: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fixture: str, says: str
) -> None:
    monkeypatch.setattr(os, "umask", lambda mask: 0o022)
    bad = tmp_path / "bad.json"
    bad.write_text(fixture)
    result = run("manage", "loaddata", str(bad))
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(
        f"nearer: manage loaddata: Problem installing fixture '{bad}': "
    )
    assert says in result.stderr and result.stderr.count("\n") == 1


@pytest.mark.skipif(shutil.which("sqlite3") is None, reason="needs the sqlite3 shell")
def test_manage_dbshell_exits_with_the_database_shells_own_exit_code(tmp_path: Path) -> None:
    environment = made(tmp_path)
    command = [str(Path(sys.executable).parent / "nearer"), "manage", "dbshell"]
    done = subprocess.run(
        command, env=environment, input=".exit 5\n", capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 5, done.stderr
    assert done.stderr.startswith("nearer: manage dbshell: ")
    assert done.stderr.endswith("returned non-zero exit status 5.\n")


def test_manage_whose_command_was_killed_by_a_signal_exits_as_the_shell_reports_it(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.core.management.base import CommandError
    from django.core.management.commands import check

    def killed(*args: object, **options: object) -> None:  # as dbshell's client killed by one
        raise CommandError("the client was killed", returncode=-signal.SIGTERM)

    monkeypatch.setattr(check.Command, "handle", killed)
    result = run("manage", "check")
    assert result.exit_code == 128 + signal.SIGTERM, result.output
    assert result.stderr == "nearer: manage check: the client was killed\n"


def test_manage_with_the_key_file_missing_refuses_before_the_command_runs(
    db: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill("default")
    monkeypatch.setattr(os, "umask", lambda mask: 0o022)
    missing = tmp_path / "server-keys.json"
    with override_settings(VAULT_KEY_FILE=str(missing)):
        result = run("manage", "migrate")
        helped = run("manage", "help")
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"nearer: the key file {missing} is missing")
    assert result.stderr.count("\n") == 1 and not missing.exists()
    assert helped.exit_code == 0  # help touches no sealed value, so it needs no key file


def test_serve_on_any_address_names_allowed_hosts_and_logs_a_wrong_host_in_one_line(
    tmp_path: Path,
) -> None:
    port, home = free_port(), tmp_path / "home"
    home.mkdir()
    env = environment(tmp_path / "data", HOME=str(home))
    env.pop("NEARER_ALLOWED_HOSTS", None)
    server = start_server("--host", "0.0.0.0", "--port", str(port), "--workers", "1", env=env)
    try:
        assert wait_for(f"http://127.0.0.1:{port}/healthz") == {"status": "ok"}
        wrong = urllib.request.Request(f"http://127.0.0.1:{port}/", headers={"Host": "0.0.0.0"})
        with pytest.raises(urllib.error.HTTPError) as answered:
            urllib.request.urlopen(wrong, timeout=10)
        assert answered.value.code == 400
    finally:
        output = stop_server(server)
    assert "set NEARER_ALLOWED_HOSTS to the name or address people open nearer at" in output
    assert "Invalid HTTP_HOST header: '0.0.0.0'" in output
    assert "Traceback" not in output, output
    assert not (home / ".gunicorn").exists()  # no control socket shared by every server


def test_a_damaged_database_file_says_to_restore_a_backup_not_to_check_database_url(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    (data / "nearer.sqlite3").write_bytes(b"this was a database once" * 100)
    done = serve("--port", str(free_port()), data=data)
    refused(done, f"{data}/nearer.sqlite3: cannot be opened (file is not a database)")
    assert "restore a backup" in done.stderr and "DATABASE_URL" not in done.stderr


def test_a_read_only_database_names_the_folder_to_let_nearer_write_to(tmp_path: Path) -> None:
    said = commands._remedy("attempt to write a readonly database", tmp_path / "nearer.sqlite3")
    assert said == f"let nearer's user write to {tmp_path} and nearer.sqlite3"


def test_two_servers_started_together_on_a_fresh_data_folder_both_run(tmp_path: Path) -> None:
    env = environment(tmp_path / "data")
    ports = [free_port(), free_port()]
    servers = [start_server("--port", str(port), "--workers", "1", env=env) for port in ports]
    try:
        for port in ports:
            assert wait_for(f"http://127.0.0.1:{port}/healthz") == {"status": "ok"}
    finally:
        outputs = [stop_server(server) for server in servers]
    assert not any("migrations could not be applied" in output for output in outputs), outputs


def test_gunicorn_without_a_control_socket_setting_is_not_given_one() -> None:
    older = {"bind", "workers", "threads", "accesslog", "timeout"}  # gunicorn 23 to 25
    options = commands.gunicorn_options("127.0.0.1:8000", 2, older)
    assert set(options) <= older


def test_gunicorn_with_a_control_socket_setting_has_it_off() -> None:
    from gunicorn.config import Config

    options = commands.gunicorn_options("127.0.0.1:8000", 2, Config().settings)
    assert options["control_socket_disable"] is True


@pytest.mark.parametrize(
    ("host", "allowed"),
    [
        ("::1", ["[::1]"]),
        ("[::1]", ["[::1]"]),
        ("nearer.example.org", [".example.org"]),
        ("LOCALHOST", ["localhost"]),
    ],
)
def test_a_host_nearer_answers_to_is_not_warned_about(
    host: str, allowed: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with override_settings(ALLOWED_HOSTS=allowed):
        commands._unanswered(host)
    assert capsys.readouterr().out == ""


def test_a_host_nearer_does_not_answer_to_is_warned_about(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with override_settings(ALLOWED_HOSTS=["localhost", ".example.org"]):
        commands._unanswered("0.0.0.0")
    assert "not to 0.0.0.0; set NEARER_ALLOWED_HOSTS" in capsys.readouterr().out


def test_a_start_with_nothing_to_migrate_takes_no_lock_in_the_data_folder(tmp_path: Path) -> None:
    """A data folder nearer cannot write a lock in (here its old lock's name is a folder), with
    the database elsewhere and up to date: nearer serves, as it did before it had a lock."""
    database, data = tmp_path / "db" / "nearer.sqlite3", tmp_path / "data"
    database.parent.mkdir()
    (data / "migrate.lock").mkdir(parents=True)
    env = environment(data, DATABASE_URL=f"sqlite:///{database}")
    migrated = subprocess.run(
        [str(NEARER), "manage", "migrate"], env=env, capture_output=True, text=True, timeout=120
    )
    assert migrated.returncode == 0, migrated.stderr
    port = free_port()
    server = start_server("--port", str(port), "--workers", "1", env=env)
    try:
        assert wait_for(f"http://127.0.0.1:{port}/healthz") == {"status": "ok"}
    finally:
        output = stop_server(server)
    assert "Traceback" not in output, output
    assert not list(database.parent.glob("*.migrate-lock"))


def test_a_migration_lock_that_cannot_be_made_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "nearer.sqlite3.migrate-lock").mkdir()  # not a file nearer can open
    done = serve("--port", str(free_port()), data=tmp_path)
    refused(done, f"{tmp_path}/nearer.sqlite3.migrate-lock: the migration lock cannot be made")


def test_a_data_folder_others_may_look_in_is_warned_about_at_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, keys = tmp_path / "data", tmp_path / "keys"
    data.mkdir(mode=0o700)
    keys.mkdir()
    keys.chmod(0o755)
    with override_settings(DATA_DIR=str(data), VAULT_KEY_FILE=str(keys / "server-keys.json")):
        commands._open_folders()
    assert capsys.readouterr().err == (
        f"nearer: warning: NEARER_KEY_FILE: others may look in the folder {keys} (mode 0755); "
        f"run chmod 700 {keys}\n"
    )


def test_manage_changepassword_is_refused_and_says_how_to_change_it_safely(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.contrib.auth import get_user_model

    monkeypatch.setattr(os, "umask", lambda mask: 0o022)
    user = get_user_model().objects.create_user("alice@example.com", password="old password 1")
    result = run("manage", "changepassword", "alice@example.com", input="new one 2\nnew one 2\n")
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("nearer: manage: changepassword would lock that person's")
    assert "/accounts/password/ " in result.stderr and "/accounts/password/reset/" in result.stderr
    assert result.stderr.count("\n") == 1
    user.refresh_from_db()
    assert user.check_password("old password 1")


def test_a_failed_system_check_keeps_django_s_report_and_exit_1(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.core import checks

    def failing(**kwargs: object) -> list[checks.CheckMessage]:
        return [checks.Error("something is wrong", id="test.E001")]

    monkeypatch.setattr(os, "umask", lambda mask: 0o022)
    monkeypatch.setattr(checks.registry.registry, "registered_checks", {failing})
    result = run("manage", "check")
    assert result.exit_code == 1, result.output
    assert "(test.E001) something is wrong" in result.stderr
    assert "Traceback" not in result.stderr
