"""tests/workers.py: each pytest-xdist worker sets up a data folder of its own, once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

from tests import workers

ROOT = Path(__file__).parent.parent


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


def test_a_workers_database_is_named_from_the_url_with_its_escapes_read() -> None:
    assert workers.database_name("postgres://u:p@h:5432/my%2Ddb%C3%A9", "gw1") == "my-dbé_gw1"


def test_a_workers_database_name_fits_postgresqls_63_bytes_and_stays_its_own() -> None:
    url = "postgres://u:p@h/" + quote("é" * 40)  # 80 bytes
    names = [workers.database_name(url, worker) for worker in ("gw0", "gw1")]
    assert names[0] != names[1] and all(n.endswith(("_gw0", "_gw1")) for n in names)
    assert all(len(n.encode()) <= 63 and n.startswith("é" * 29) for n in names), names


def test_a_hung_test_in_a_worker_fails_naming_itself_and_the_rest_still_run(
    tmp_path: Path,
) -> None:
    (tmp_path / "conftest.py").write_text(
        "import tests.conftest as watched\n"
        "watched.STALLED_AFTER_S = 1\n"
        "pytest_runtest_protocol = watched.pytest_runtest_protocol\n"
    )
    (tmp_path / "test_hang.py").write_text(
        "import pathlib, time\n"
        "def test_hangs():\n"
        "    time.sleep(120)\n"
        f"    pathlib.Path({str(tmp_path / 'woke')!r}).touch()\n"
        "def test_a(): pass\n"
        "def test_b(): pass\n"
    )
    command = [sys.executable, "-m", "pytest", "-q", "-n", "2", "-p", "no:django", "-p"]
    command += ["no:cacheprovider", "--rootdir", str(tmp_path), str(tmp_path)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=110)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "crashed while running 'test_hang.py::test_hangs'" in done.stdout, done.stdout
    assert "1 failed, 2 passed" in done.stdout
    assert "test_hang.py::test_hangs still running after 1 s" in done.stderr + done.stdout
    assert not (tmp_path / "woke").exists()


def test_the_long_tests_are_handed_out_first_and_the_rest_keep_their_order(
    tmp_path: Path,
) -> None:
    (tmp_path / "conftest.py").write_text(
        "from tests.conftest import pytest_collection_modifyitems, pytest_configure\n"
    )
    (tmp_path / "test_order.py").write_text(
        "import pytest\n"
        "def test_a(): pass\n"
        "def test_b(): pass\n"
        "@pytest.mark.long\n"
        "def test_c(): pass\n"
        "def test_d(): pass\n"
    )
    command = [sys.executable, "-m", "pytest", "-q", "--collect-only", "--strict-markers", "-p"]
    command += ["no:django", "-p", "no:cacheprovider", "--rootdir", str(tmp_path), str(tmp_path)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    listed = [line.split("::")[-1] for line in done.stdout.splitlines() if "::" in line]
    assert listed == ["test_c", "test_a", "test_b", "test_d"]
