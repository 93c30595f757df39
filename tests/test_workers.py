"""tests/workers.py: each pytest-xdist worker sets up a data folder of its own, once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests import workers


@pytest.fixture
def environ(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The environment a worker inherits from the process that started it."""
    inherited = tmp_path / "controller"
    monkeypatch.setenv("NEARER_DATA_DIR", str(inherited))
    monkeypatch.setenv(workers.CLAIMED, "")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return inherited


def test_a_worker_makes_a_data_folder_of_its_own(
    environ: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw1")
    workers.claim()
    made = Path(os.environ["NEARER_DATA_DIR"])
    assert made != environ and made.is_dir()
    assert os.environ[workers.CLAIMED] == "gw1"


def test_a_server_a_worker_started_keeps_the_folder_it_was_given(
    environ: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw1")
    monkeypatch.setenv(workers.CLAIMED, "gw1")
    workers.claim()
    assert os.environ["NEARER_DATA_DIR"] == str(environ)


def test_a_data_folder_given_by_hand_is_kept(
    environ: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(workers.CLAIMED)
    monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)
    workers.claim()
    assert os.environ["NEARER_DATA_DIR"] == str(environ)
