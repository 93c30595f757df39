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


@pytest.mark.parametrize("mode", [0o777, 0o1777, 0o773], ids=lambda mode: f"{mode:04o}")
def test_a_data_folder_anyone_may_write_in_is_refused_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: int
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    folder.chmod(mode)
    monkeypatch.setenv("NEARER_DATA_DIR", str(folder))
    with pytest.raises(ImproperlyConfigured) as refused:
        private_files.data_dir()
    assert str(refused.value) == (
        f"NEARER_DATA_DIR: anyone may change the folder {folder} (mode {mode & 0o777:04o}) and "
        f"replace nearer's files in it; run chmod 700 {folder}"
    )


@pytest.mark.parametrize("mode", [0o770, 0o2775], ids=lambda mode: f"{mode:04o}")
def test_a_data_folder_a_group_may_write_in_is_warned_about_not_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: int
) -> None:
    """A shared volume's folder (a Kubernetes fsGroup, OpenShift's g=u), whose bits come back at
    each start: refusing it would stop nearer where no chmod can help."""
    folder = tmp_path / "data"
    folder.mkdir()
    folder.chmod(mode)
    monkeypatch.setenv("NEARER_DATA_DIR", str(folder))
    assert private_files.data_dir() == folder
    said = private_files.open_folder(folder, "NEARER_DATA_DIR")
    assert said is not None and "others may look in the folder" in said


def test_the_advice_for_a_folder_of_another_user_is_a_folder_inside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o755)
    monkeypatch.setattr(private_files.os, "getuid", lambda: folder.stat().st_uid + 1)
    said = private_files.open_folder(folder, "NEARER_DATA_DIR")
    assert said is not None and said.endswith(f"({folder}/nearer)") and "chmod" not in said


def test_the_data_folder_nearer_makes_is_its_users_alone_whatever_the_umask(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "new" / "data"
    monkeypatch.setenv("NEARER_DATA_DIR", str(folder))
    before = os.umask(0)
    try:
        assert private_files.data_dir() == folder
    finally:
        os.umask(before)
    assert folder.stat().st_mode & 0o777 == 0o700
    assert private_files.open_folder(folder, "NEARER_DATA_DIR") is None


@pytest.mark.parametrize("mode", [0o755, 0o750, 0o711], ids=lambda mode: f"{mode:04o}")
def test_a_folder_others_may_look_in_is_warned_about_with_the_chmod_to_run(
    tmp_path: Path, mode: int
) -> None:
    tmp_path.chmod(mode)
    assert private_files.open_folder(tmp_path, "NEARER_DATA_DIR") == (
        f"NEARER_DATA_DIR: others may look in the folder {tmp_path} (mode {mode:04o}); "
        f"run chmod 700 {tmp_path}"
    )
    private_files.check_folder(tmp_path, "NEARER_DATA_DIR")  # warned about, not refused


def test_a_short_secret_key_set_in_the_environment_is_refused_without_saying_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEARER_SECRET_KEY", "guessable")
    with pytest.raises(ImproperlyConfigured) as refused:
        private_files.env_secret("NEARER_SECRET_KEY", tmp_path)
    assert str(refused.value).startswith("NEARER_SECRET_KEY is set to 9 characters, fewer than")
    assert "guessable" not in str(refused.value) and list(tmp_path.iterdir()) == []
    monkeypatch.setenv("NEARER_SECRET_KEY", "k" * private_files.SECRET_MIN_LENGTH)
    assert private_files.env_secret("NEARER_SECRET_KEY", tmp_path) == "k" * 50
