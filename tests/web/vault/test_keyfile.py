"""The server key file: written whole or not at all, never a stray copy of its keys, and never
read from a folder where others could put a key of theirs."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from nearer.web.vault import keyfile


def full_disk(descriptor: int) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("making", [True, False], ids=["first key", "rotation"])
def test_a_key_file_write_that_fails_leaves_no_partial_file_with_key_material(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, making: bool
) -> None:
    where = tmp_path / "keys" / "server-keys.json"
    with override_settings(VAULT_KEY_FILE=str(where)):
        if not making:
            keyfile.load()
        before = sorted(where.parent.iterdir()) if where.parent.exists() else []
        monkeypatch.setattr(os, "fsync", full_disk)
        with pytest.raises(OSError, match="No space left"):
            keyfile.load() if making else keyfile.add_key()
        assert sorted(where.parent.iterdir()) == before  # the key file as it was, and nothing else


@pytest.mark.parametrize("existing", [False, True], ids=["first key", "key file there"])
def test_a_key_folder_anyone_may_write_in_is_refused_naming_it(
    tmp_path: Path, existing: bool
) -> None:
    folder = tmp_path / "keys"
    where = folder / "server-keys.json"
    with override_settings(VAULT_KEY_FILE=str(where)):
        if existing:
            keyfile.load()
        else:
            folder.mkdir()
        folder.chmod(0o777)
        with pytest.raises(ImproperlyConfigured) as refused:
            keyfile.load()
    assert str(refused.value).startswith(
        f"NEARER_KEY_FILE: anyone may change the folder {folder} (mode 0777)"
    )
    assert [path.name for path in folder.iterdir()] == (["server-keys.json"] if existing else [])
