"""alice and bob's data in the configured database, and a backup of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import DEFAULT_DB_ALIAS
from django.utils import timezone

from nearer.web.accounts.models import User
from tests.cli.backups.support import LATER, run
from tests.web.seeds import make_checkin, make_pair


@pytest.fixture
def alice(transactional_db: None) -> User:
    alice, _ = make_pair(DEFAULT_DB_ALIAS)
    return alice


@pytest.fixture
def backed_up(alice: User, tmp_path: Path) -> Path:
    """A backup of alice and bob's data, then a check-in of alice's written after it."""
    file = tmp_path / "nearer.backup"
    assert run("backup", str(file)).exit_code == 0
    make_checkin(DEFAULT_DB_ALIAS, alice, timezone.localdate(), note=LATER)
    return file
