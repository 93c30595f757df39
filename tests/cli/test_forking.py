"""`nearer serve` refuses to fork workers once polars' thread pool has started in its process: a
worker forked then waits for ever on its first chat (cli/forking.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from gunicorn.app.base import BaseApplication

from nearer.cli import serve
from nearer.cli.forking import unforkable_threads

IMPORT_THEN_QUERY = """
import polars as pl
from nearer.cli.forking import unforkable_threads
print(unforkable_threads())
pl.DataFrame({"a": range(100_000)}).select(pl.col("a").sum())
print(unforkable_threads())
"""


class Forked(Exception):
    """gunicorn got as far as starting its arbiter (and forking)."""


def threads(folder: Path, *names: str) -> Path:
    for number, name in enumerate(names, start=100):
        (folder / str(number)).mkdir()
        (folder / str(number) / "comm").write_text(f"{name}\n")
    return folder


def test_importing_polars_starts_no_unforkable_thread_but_a_query_does() -> None:
    shown = subprocess.run(
        [sys.executable, "-c", IMPORT_THEN_QUERY], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert shown[0] == "[]"
    assert "'polars-0'" in shown[1]


def test_the_pools_and_runtimes_threads_are_named_and_the_allocators_are_not(
    tmp_path: Path,
) -> None:
    listed = threads(
        tmp_path, "nearer", "jemalloc_bg_thd", "polars-ooc-clea", "polars-1", "tokio-rt-worker"
    )
    assert unforkable_threads(listed) == ["polars-1", "tokio-rt-worker"]


def test_a_system_that_lists_no_threads_refuses_nothing(tmp_path: Path) -> None:
    assert unforkable_threads(tmp_path / "absent") == []


def test_serve_stops_before_gunicorn_forks_once_a_query_has_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def forked(self: BaseApplication) -> None:
        raise Forked

    monkeypatch.setattr(BaseApplication, "run", forked)
    pl.DataFrame({"a": range(100_000)}).select(pl.col("a").sum())  # this process's pool starts
    with pytest.raises(RuntimeError, match=r"polars' threads \(polars-0.*first chat"):
        serve._gunicorn("127.0.0.1:1", 1)


def test_the_check_passes_in_a_process_that_ran_no_query() -> None:
    subprocess.run(
        [sys.executable, "-c", "from nearer.cli.forking import check_before_fork as c; c()"],
        check=True,
    )
