from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from nearer.web import env

ROOT = Path(__file__).parents[2]


def read_variables() -> set[str]:
    code = "".join(p.read_text() for p in (ROOT / "src/nearer/web").glob("*.py"))
    found = set(re.findall(r'env_\w+\(\s*"([A-Z_]+)"', code))
    found |= set(re.findall(r'os\.environ(?:\.get)?\(\s*"([A-Z_]+)"', code))
    found |= set(re.findall(r'os\.environ\[\s*"([A-Z_]+)"', code))
    return found - {"DJANGO_SETTINGS_MODULE"}


def test_every_environment_variable_is_documented() -> None:
    documented = (ROOT / "docs/configuration.md").read_text()
    variables = read_variables()
    assert "DATABASE_URL" in variables and "NEARER_DATA_DIR" in variables
    for name in variables:
        assert f"`{name}`" in documented, name


def test_database_url_chooses_postgresql_or_sqlite(tmp_path: Path) -> None:
    pg = env.database("postgres://u:p%40ss@db.local:5433/nearer", tmp_path)
    assert (pg["ENGINE"], pg["NAME"], pg["USER"], pg["PASSWORD"], pg["PORT"]) == (
        "django.db.backends.postgresql",
        "nearer",
        "u",
        "p@ss",
        "5433",
    )
    assert env.database(None, tmp_path)["NAME"] == str(tmp_path / "nearer.sqlite3")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        env.database("mysql://x/y", tmp_path)


def test_bad_values_fail_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEARER_DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="NEARER_DEBUG"):
        env.env_bool("NEARER_DEBUG", False)
    monkeypatch.setenv("NEARER_SESSION_DAYS", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env.env_int("NEARER_SESSION_DAYS", 14, minimum=1)


def test_a_log_level_is_read_in_any_case_and_anything_else_names_the_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for given, level in (("debug", "DEBUG"), (" Info ", "INFO"), ("WARNING", "WARNING")):
        monkeypatch.setenv("NEARER_LOG_LEVEL", given)
        assert env.env_log_level("NEARER_LOG_LEVEL", "WARNING") == level
    monkeypatch.delenv("NEARER_LOG_LEVEL")
    assert env.env_log_level("NEARER_LOG_LEVEL", "WARNING") == "WARNING"
    for wrong in ("loud", "10", ""):
        monkeypatch.setenv("NEARER_LOG_LEVEL", wrong)
        with pytest.raises(ImproperlyConfigured, match=r"^NEARER_LOG_LEVEL must be one of DEBUG"):
            env.env_log_level("NEARER_LOG_LEVEL", "WARNING")


def test_the_secret_key_file_is_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEARER_SECRET_KEY", raising=False)
    key = env.env_secret("NEARER_SECRET_KEY", tmp_path)
    path = tmp_path / "nearer_secret_key.txt"
    assert len(key) > 40 and path.stat().st_mode & 0o777 == 0o600
    assert env.env_secret("NEARER_SECRET_KEY", tmp_path) == key


def test_sqlite_runs_in_wal_with_immediate_transactions(tmp_path: Path) -> None:
    options = env.sqlite(tmp_path / "x.sqlite3")["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"  # type: ignore[index]
    assert "journal_mode=WAL" in options["init_command"]  # type: ignore[index]
