"""A bad setting stops a command that uses the database with one line naming it, exit code 2,
before anything is made or changed (docs/configuration.md: "a clear message on a bad value")."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import nearer
from tests.cli.test_serve import free_port

MISSING_FOLDER = "sqlite:////nearer-test-no-such-folder/nearer.sqlite3"

CASES = [
    (("backup", "{tmp}/nearer.backup"), {"DATABASE_URL": "mysql://x"}, "DATABASE_URL must start"),
    (
        ("backup", "{tmp}/nearer.backup"),
        {"DATABASE_URL": MISSING_FOLDER},
        "DATABASE_URL: the folder",
    ),
    (
        ("restore", "{tmp}/nearer.backup", "--yes"),
        {"NEARER_SESSION_DAYS": "abc"},
        "NEARER_SESSION_DAYS",
    ),
    (
        ("restore", "{tmp}/nearer.backup", "--yes"),
        {"NEARER_DATA_DIR": "{tmp}/a-file/data"},
        "NEARER_DATA_DIR: ",
    ),
    (("keys", "rotate"), {"DATABASE_URL": "mysql://x"}, "DATABASE_URL must start"),
    (("keys", "rotate"), {"NEARER_SESSION_DAYS": "abc"}, "NEARER_SESSION_DAYS must be a whole"),
    (
        ("serve", "--port", "{port}"),
        {"NEARER_SESSION_DAYS": "abc"},
        "NEARER_SESSION_DAYS must be a whole",
    ),
    (("serve", "--port", "{port}"), {"DATABASE_URL": MISSING_FOLDER}, "DATABASE_URL: the folder"),
    (
        ("serve", "--port", "{port}"),
        {"NEARER_CSRF_TRUSTED_ORIGINS": "nearer.example.org"},
        "NEARER_CSRF_TRUSTED_ORIGINS: 'nearer.example.org' is not an origin",
    ),
    (("backup", "{tmp}/b"), {"DATABASE_URL": "sqlite://db"}, "DATABASE_URL: sqlite:// takes no"),
    (("backup", "{tmp}/nearer.backup"), {"NEARER_LOG_LEVEL": "loud"}, "NEARER_LOG_LEVEL must be"),
    (
        ("restore", "{tmp}/nearer.backup", "--yes"),
        {"NEARER_LOG_LEVEL": "loud"},
        "NEARER_LOG_LEVEL must be",
    ),
    (("keys", "rotate"), {"NEARER_LOG_LEVEL": "loud"}, "NEARER_LOG_LEVEL must be"),
    (("serve", "--port", "{port}"), {"NEARER_LOG_LEVEL": "10"}, "NEARER_LOG_LEVEL must be"),
    (("manage", "check"), {"NEARER_LOG_LEVEL": "verbose"}, "NEARER_LOG_LEVEL must be"),
    (("manage", "check"), {"NEARER_SECRET_KEY": "short"}, "NEARER_SECRET_KEY is set to 5 "),
    # Values that started fine and then made every sign-in or every request fail.
    (("serve", "--port", "{port}"), {"NEARER_SESSION_DAYS": "999999"}, "NEARER_SESSION_DAYS must"),
    (
        ("serve", "--port", "{port}"),
        {"NEARER_SESSION_IDLE_MINUTES": "9999999999"},
        "NEARER_SESSION_IDLE_MINUTES must be a whole number from 1 to",
    ),
    (
        ("backup", "{tmp}/nearer.backup"),
        {"NEARER_ACTIVITY_DAYS": "1000000"},
        "NEARER_ACTIVITY_DAYS must be a whole number from 1 to",
    ),
    (
        ("manage", "check"),
        {"NEARER_HSTS_SECONDS": "-1"},  # with NEARER_HTTPS off, as it is by default
        "NEARER_HSTS_SECONDS must be a whole number from 0 to 63072000, got -1",
    ),
    (("serve", "--port", "{port}"), {"NEARER_ALLOWED_HOSTS": ","}, "NEARER_ALLOWED_HOSTS has an"),
    (
        ("serve", "--port", "{port}"),
        {"NEARER_ALLOWED_HOSTS": "http://127.0.0.1:8667"},
        "NEARER_ALLOWED_HOSTS: 'http://127.0.0.1:8667' is not a host",
    ),
    (
        ("serve", "--port", "{port}"),
        {"NEARER_ALLOWED_HOSTS": "*"},
        "NEARER_ALLOWED_HOSTS is * and NEARER_PUBLIC_URL is not set",
    ),
    (
        ("serve", "--port", "{port}"),
        {"NEARER_PUBLIC_URL": "nearer.example.org"},
        "NEARER_PUBLIC_URL: 'nearer.example.org' is not an origin",
    ),
    (
        ("serve", "--port", "{port}"),
        {"NEARER_EMAIL_BACKEND": "smtp"},
        "NEARER_EMAIL_BACKEND: 'smtp' cannot be imported",
    ),
    (
        ("serve", "--port", "{port}"),
        {
            "NEARER_EMAIL_HOST": "smtp.example.org",
            "NEARER_EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        },
        "NEARER_EMAIL_BACKEND: 'django.core.mail.backends.console.EmailBackend' does not send "
        "through a mail server, but NEARER_EMAIL_HOST is set",
    ),
    (
        ("restore", "{tmp}/nearer.backup", "--yes"),
        {"NEARER_EMAIL_BACKEND": "no.such.Backend"},
        "NEARER_EMAIL_BACKEND: 'no.such.Backend' cannot be imported",
    ),
    (
        ("serve", "--port", "{port}"),
        {"NEARER_EMAIL_PASSWORD_FILE": "{tmp}/no-such-file", "NEARER_EMAIL_USER": "nearer"},
        "NEARER_EMAIL_PASSWORD_FILE: {tmp}/no-such-file cannot be read",
    ),
]


@pytest.mark.parametrize(
    ("args", "env", "says"), CASES, ids=[f"{c[0][0]} {next(iter(c[1]))}" for c in CASES]
)
def test_a_bad_setting_is_one_line_naming_it_and_exit_2(
    tmp_path: Path, args: tuple[str, ...], env: dict[str, str], says: str
) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    given = {name: value.format(tmp=tmp_path) for name, value in env.items()}
    filled = [arg.format(tmp=tmp_path, port=free_port()) for arg in args]
    done = nearer(*filled, data=tmp_path / "data", **given)
    assert done.returncode == 2, done.stderr
    assert done.stdout == "" and done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith(f"nearer: {says.format(tmp=tmp_path)}"), done.stderr
    assert not (tmp_path / "nearer.backup").exists()


BAD_URLS = {
    "port too big": ("postgres://nearer:s3cret@127.0.0.1:99999/x", "the port must be a number"),
    "port not a number": ("postgres://nearer:s3cret@127.0.0.1:abc/x", "the port must be a number"),
    "IPv6 unclosed": ("postgres://nearer:s3cret@[::1:5432/x", "the host in brackets must be"),
    "sslmode misspelt": ("postgres://nearer:s3cret@db/x?sslmode=required", "sslmode must be"),
    "unknown parameter": ("postgres://nearer:s3cret@db/x?ssl=true", "unknown parameter 'ssl'"),
    "no database name": ("postgres://nearer:s3cret@127.0.0.1:8734", "names no database"),
}
COMMANDS = {
    "serve": ("serve", "--port", "{port}"),
    "backup": ("backup", "{tmp}/nearer.backup"),
    "restore": ("restore", "{tmp}/nearer.backup", "--yes"),
    "keys rotate": ("keys", "rotate"),
    "manage": ("manage", "check"),
}


@pytest.mark.parametrize("args", COMMANDS.values(), ids=COMMANDS.keys())
@pytest.mark.parametrize(("url", "says"), BAD_URLS.values(), ids=BAD_URLS.keys())
def test_a_database_url_that_cannot_be_read_is_one_line_without_the_password(
    tmp_path: Path, args: tuple[str, ...], url: str, says: str
) -> None:
    filled = [arg.format(tmp=tmp_path, port=free_port()) for arg in args]
    done = nearer(*filled, data=tmp_path / "data", DATABASE_URL=url)
    assert done.returncode == 2, done.stderr
    assert done.stdout == "" and done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith(f"nearer: DATABASE_URL: {says}"), done.stderr
    assert "s3cret" not in done.stderr


LOWER_CASE = [
    (("manage", "check"), 0, "System check identified no issues"),
    (("backup", "{tmp}/nearer.backup"), 1, "nearer: there is nothing to back up"),
    (("restore", "{tmp}/notes.txt", "--yes"), 2, "nearer: {tmp}/notes.txt: is not a nearer backup"),
    (("keys", "rotate"), 1, "nearer: there is nothing to rotate"),
]


@pytest.mark.parametrize(
    ("args", "code", "says"), LOWER_CASE, ids=[" ".join(c[0][:2]) for c in LOWER_CASE]
)
def test_a_log_level_in_lower_case_is_the_level_not_a_traceback(
    tmp_path: Path, args: tuple[str, ...], code: int, says: str
) -> None:
    (tmp_path / "notes.txt").write_text("my shopping list\n")
    filled = [arg.format(tmp=tmp_path) for arg in args]
    done = nearer(*filled, data=tmp_path / "data", NEARER_LOG_LEVEL="debug")
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr
    assert says.format(tmp=tmp_path) in done.stdout + done.stderr


def test_an_empty_secret_key_file_left_by_a_full_disk_is_one_line_naming_it(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    (data / "nearer_secret_key.txt").touch(mode=0o600)
    for args in (("manage", "check"), ("serve", "--port", str(free_port()))):
        done = nearer(*args, data=data)
        assert done.returncode == 2, done.stderr
        assert done.stderr.count("\n") == 1, done.stderr
        assert done.stderr.startswith(f"nearer: NEARER_SECRET_KEY: {data}/nearer_secret_key"), (
            done.stderr
        )


def test_a_key_file_others_may_read_is_one_line_with_the_chmod_to_run(tmp_path: Path) -> None:
    data, key_file = tmp_path / "data", tmp_path / "data-keys" / "server-keys.json"
    key_file.parent.mkdir(mode=0o700)
    key_file.write_text("{}")
    key_file.chmod(0o644)
    for args in (("manage", "check"), ("serve", "--port", str(free_port()))):
        done = nearer(*args, data=data)
        assert done.returncode == 2, done.stderr
        assert done.stderr == (
            f"nearer: NEARER_KEY_FILE: {key_file} may be read by others (mode 0644); "
            f"run chmod 600 {key_file}\n"
        )


def test_an_empty_key_file_setting_is_the_default_as_an_empty_data_folder_is(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    assert nearer("manage", "migrate", "-v", "0", data=data, NEARER_KEY_FILE="").returncode == 0
    done = nearer("keys", "rotate", data=data, NEARER_KEY_FILE="")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "data-keys" / "server-keys.json").exists()


def test_a_data_folder_others_may_write_in_is_one_line_naming_it_and_exit_2(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o777)
    for args in (("manage", "check"), ("serve", "--port", str(free_port()))):
        done = nearer(*args, data=data)
        assert done.returncode == 2, done.stderr
        assert done.stderr == (
            f"nearer: NEARER_DATA_DIR: anyone may change the folder {data} (mode 0777) and "
            f"replace nearer's files in it; run chmod 700 {data}\n"
        )
    assert list(data.iterdir()) == []


def test_a_data_folder_others_may_look_in_is_warned_about_by_the_system_check(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o755)
    done = nearer("manage", "check", data=data)
    assert done.returncode == 0, done.stderr
    assert f"(nearer.W001) NEARER_DATA_DIR: others may look in the folder {data}" in (
        done.stderr + done.stdout
    )


@pytest.mark.parametrize("mode", [0o755, 0o700], ids=["0755", "0700"])
def test_a_key_file_setting_naming_a_folder_says_it_is_a_folder(tmp_path: Path, mode: int) -> None:
    data, folder = tmp_path / "data", tmp_path / "keys"
    folder.mkdir(mode=0o700)
    assert nearer("manage", "migrate", "-v", "0", data=data).returncode == 0
    folder.chmod(mode)
    for args in (("manage", "check"), ("keys", "rotate"), ("serve", "--port", str(free_port()))):
        done = nearer(*args, data=data, NEARER_KEY_FILE=str(folder))
        assert done.returncode == 2, done.stderr
        assert done.stderr == (
            f"nearer: NEARER_KEY_FILE: {folder} is a folder, not a key file; "
            "set NEARER_KEY_FILE to the file's own path\n"
        ), args
