"""`nearer.cli.pool`: tasks in processes, in order; a task that kills its process lost alone;
Ctrl-C and SIGTERM end the processes at once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from nearer.cli.pool import each_done
from tests.cli.pool_tasks import KILLER, doubled, lost

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("jobs", [1, 3])
def test_results_come_in_the_tasks_order_whatever_order_they_are_done_in(jobs: int) -> None:
    heard: list[object] = []
    tasks = [30, 20, 10, 0]
    assert each_done(doubled, tasks, jobs, lost, heard.append) == [60, 40, 20, 0]
    assert sorted(heard, key=str) == sorted([60, 40, 20, 0], key=str)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_task_that_kills_its_process_is_lost_and_the_others_are_done(jobs: int) -> None:
    heard: list[object] = []
    tasks = [1, 2, KILLER, 3, 4, KILLER, 5]
    results = each_done(doubled, tasks, jobs, lost, heard.append)
    assert results == [2, 4, f"lost {KILLER}", 6, 8, f"lost {KILLER}", 10]
    assert len(heard) == len(tasks)


def test_a_process_that_cannot_start_is_no_process_not_every_task_lost() -> None:
    script = (
        "from nearer.cli.pool import NoProcess, each_done\n"
        "from tests.cli.pool_tasks import doubled, lost\n"
        "try:\n    each_done(doubled, [1, 2, 3], 2, lost)\n"
        "except NoProcess as error:\n    print('no process:', error)\n"
    )
    # One process at most for its user: the pool's first is refused (EAGAIN).
    limited = ["prlimit", "--nproc=1", "setpriv", "--reuid=nobody", "--regid=nogroup"]
    ran = subprocess.run(
        [*limited, "--clear-groups", sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ran.returncode == 0 and ran.stdout.startswith("no process:"), ran.stderr


@pytest.mark.parametrize(("stop", "code"), [(signal.SIGINT, -signal.SIGINT), (signal.SIGTERM, 143)])
def test_a_stop_ends_the_pools_processes_mid_task(
    tmp_path: Path, stop: signal.Signals, code: int
) -> None:
    command = [sys.executable, "-m", "tests.cli.pool_tasks", "600", str(tmp_path)]
    piped = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True}
    with subprocess.Popen(command, cwd=ROOT, **piped) as pool:  # type: ignore[call-overload]
        try:
            assert pool.stdout.readline() == "first done\n"
            os.kill(pool.pid, stop)
            assert pool.wait(timeout=60) == code
            assert "leaked" not in pool.stderr.read()
        finally:
            pool.kill()  # a pool that did not end ends here, and the test fails
    workers = [int(entry.name) for entry in tmp_path.iterdir()]
    assert workers and not [pid for pid in workers if alive(pid)]


def alive(pid: int) -> bool:
    """Whether the process runs (a zombie, ended and not yet reaped, does not)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "State:\tZ" not in status
