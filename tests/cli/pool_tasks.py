"""Tasks for `nearer.cli.pool`'s tests: a pool's processes import them by this module's name.

Run as a script (`python -m tests.cli.pool_tasks SECONDS FOLDER`), it starts a pool on three
tasks, the first done at once and the others sleeping SECONDS, as `nearer corpus` would, and
says "first done" once the first is: the moment to stop it.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

from nearer.cli.pool import each_done
from nearer.cli.stopping import stopped_as_by_ctrl_c

KILLER = -1


def doubled(number: int) -> int:
    """Twice `number`, after sleeping `number` hundredths of a second; KILLER kills the process
    (as the kernel does a process out of memory)."""
    if number == KILLER:
        os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(number / 100)
    return 2 * number


def lost(number: int) -> str:
    return f"lost {number}"


def asleep(job: tuple[float, str]) -> int:
    """Write this process's id into the folder, then sleep."""
    seconds, folder = job
    Path(folder, str(os.getpid())).touch()
    time.sleep(seconds)
    return os.getpid()


def said_first(result: object) -> None:
    print("first done", flush=True)


if __name__ == "__main__":
    seconds, folder = float(sys.argv[1]), sys.argv[2]
    with stopped_as_by_ctrl_c():
        each_done(asleep, [(0, folder), (seconds, folder), (seconds, folder)], 2, lost, said_first)
