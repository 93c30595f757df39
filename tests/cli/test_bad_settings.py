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
    (("backup", "{tmp}/nearer.backup"), {"NEARER_LOG_LEVEL": "loud"}, "NEARER_LOG_LEVEL must be"),
    (
        ("restore", "{tmp}/nearer.backup", "--yes"),
        {"NEARER_LOG_LEVEL": "loud"},
        "NEARER_LOG_LEVEL must be",
    ),
    (("keys", "rotate"), {"NEARER_LOG_LEVEL": "loud"}, "NEARER_LOG_LEVEL must be"),
    (("serve", "--port", "{port}"), {"NEARER_LOG_LEVEL": "10"}, "NEARER_LOG_LEVEL must be"),
    (("manage", "check"), {"NEARER_LOG_LEVEL": "verbose"}, "NEARER_LOG_LEVEL must be"),
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
    assert done.stderr.startswith(f"nearer: {says}"), done.stderr
    assert not (tmp_path / "nearer.backup").exists()


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
