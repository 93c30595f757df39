"""The data folder and the secret files only nearer's user may read (web/private_files.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from nearer.web import private_files


def test_the_secret_key_file_is_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEARER_SECRET_KEY", raising=False)
    key = private_files.env_secret("NEARER_SECRET_KEY", tmp_path)
    path = tmp_path / "nearer_secret_key.txt"
    assert len(key) > 40 and path.stat().st_mode & 0o777 == 0o600
    assert private_files.env_secret("NEARER_SECRET_KEY", tmp_path) == key


def test_a_secret_key_file_a_full_disk_cut_short_is_never_left_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEARER_SECRET_KEY", raising=False)

    def full(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError, match="No space left"):
        private_files.env_secret("NEARER_SECRET_KEY", tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("written", ["", "\n", "short-key"])
def test_an_empty_or_short_secret_key_file_is_refused_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written: str
) -> None:
    monkeypatch.delenv("NEARER_SECRET_KEY", raising=False)
    path = tmp_path / "nearer_secret_key.txt"
    path.write_text(written)
    path.chmod(0o600)
    with pytest.raises(ImproperlyConfigured, match=rf"^NEARER_SECRET_KEY: {path} holds"):
        private_files.env_secret("NEARER_SECRET_KEY", tmp_path)


def test_a_secret_key_file_others_may_read_is_refused_with_the_chmod_to_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEARER_SECRET_KEY", raising=False)
    key = private_files.env_secret("NEARER_SECRET_KEY", tmp_path)
    path = tmp_path / "nearer_secret_key.txt"
    path.chmod(0o644)
    with pytest.raises(ImproperlyConfigured, match=rf"mode 0644\); run chmod 600 {path}$"):
        private_files.env_secret("NEARER_SECRET_KEY", tmp_path)
    path.chmod(0o600)
    assert private_files.env_secret("NEARER_SECRET_KEY", tmp_path) == key
