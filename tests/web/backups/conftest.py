"""The databases the backup tests work on: a migrated scratch database beside the test one,
or the test database itself with alice and bob in it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import DEFAULT_DB_ALIAS

from nearer.web.accounts.models import User
from tests.web.scratch import Scratch, scratch_database
from tests.web.seeds import make_pair


@pytest.fixture
def scratch(transactional_db: None, tmp_path: Path) -> Iterator[Scratch]:
    with scratch_database(tmp_path) as made:
        yield made


@pytest.fixture
def source(scratch: Scratch) -> str:
    """A migrated scratch database's alias."""
    return scratch.alias


@pytest.fixture
def live(transactional_db: None) -> User:
    """The test database with alice and bob in it; returns alice."""
    alice, _ = make_pair(DEFAULT_DB_ALIAS)
    return alice
