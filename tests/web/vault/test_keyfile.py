"""The server key file: written whole or not at all, and never a stray copy of its keys."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
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
