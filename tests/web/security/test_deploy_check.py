"""`manage.py check --deploy --fail-level WARNING` under production settings: the real settings
module with the environment a server has (a real secret key, its host name, HTTPS)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path


def deploy_check(tmp_path: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("NEARER_", "DATABASE_URL", "DJANGO_"))
    }
    environment |= {
        "DJANGO_SETTINGS_MODULE": "nearer.web.settings",
        "NEARER_DATA_DIR": str(tmp_path / "data"),
        "NEARER_SECRET_KEY": secrets.token_urlsafe(50),
        "NEARER_ALLOWED_HOSTS": "nearer.example.org",
        "NEARER_CSRF_TRUSTED_ORIGINS": "https://nearer.example.org",
        **extra,
    }
    command = [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"]
    return subprocess.run(
        command, env=environment, capture_output=True, text=True, timeout=120, check=False
    )


def test_the_deploy_check_is_clean_under_production_settings(tmp_path: Path) -> None:
    result = deploy_check(tmp_path, NEARER_HTTPS="true", NEARER_BEHIND_PROXY="true")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_check_fails_a_server_without_https(tmp_path: Path) -> None:
    result = deploy_check(tmp_path)
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT" in result.stderr + result.stdout
