"""Work spread over processes, which a process that dies cannot hang and Ctrl-C ends at once.

`multiprocessing.Pool` replaces a process that dies (killed for its memory, say) and waits for
its task's result for ever. The pool of `concurrent.futures` says instead that it broke, and
`each_done` then runs again, one at a time in a pool of one process, the tasks it left undone:
the task that kills that process is the one it was running, which `lost` answers, and the others
are done as usual. A process that cannot even start (no memory, no processes left for this user)
is `NoProcess`, not every task lost.

The processes are spawned, not forked (polars' threads do not survive a fork), and ignore
Ctrl-C, which the caller hears alone: any exception out of the wait, KeyboardInterrupt or the
SystemExit of SIGTERM, ends them before it goes on.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


class NoProcess(RuntimeError):
    """A pool's process could not start, or died before it was given any task."""


def each_done(
    work: Callable[[T], R],
    tasks: Sequence[T],
    jobs: int,
    lost: Callable[[T], R],
    done: Callable[[R], object] = lambda result: None,
) -> list[R]:
    """`work(task)` for each task, in `jobs` processes, in the tasks' order; `lost(task)` for a
    task whose process died under it. `done` hears each result as it comes (a progress bar).
    `work` and the tasks are pickled to the processes: `work` must be a module's function."""
    results: dict[int, R] = {}
    undone = list(range(len(tasks)))
    width = jobs
    while undone:
        undone = _round(work, tasks, undone, width, results, done)
        if undone and width == 1:  # one process, tasks in order: it died under the first undone
            culprit, *undone = undone
            results[culprit] = lost(tasks[culprit])
            done(results[culprit])
        width = 1
    return [results[index] for index in range(len(tasks))]


def _round(
    work: Callable[[T], R],
    tasks: Sequence[T],
    indexes: list[int],
    width: int,
    results: dict[int, R],
    done: Callable[[R], object],
) -> list[int]:
    """Run the tasks at `indexes` in a pool of `width` processes, into `results`; return, in
    order, those left undone when a process died and broke the pool."""
    with _pool(width) as pool:
        if width == 1:
            _started(pool)
        with _starting():
            submitted: dict[Future[R], int] = {pool.submit(work, tasks[i]): i for i in indexes}
        for future in as_completed(submitted):
            try:
                result = future.result()
            except BrokenProcessPool:
                continue
            results[submitted[future]] = result
            done(result)
    return [index for index in indexes if index not in results]


def _started(pool: ProcessPoolExecutor) -> None:
    """Wait for the pool's first process to be ready for work, or raise NoProcess."""
    with _starting():
        pool.submit(_ready).result()


@contextmanager
def _starting() -> Iterator[None]:
    """Where processes start (the pool's, its resource tracker's): failing is NoProcess."""
    try:
        yield
    except (BrokenProcessPool, OSError) as error:
        raise NoProcess(str(error) or type(error).__name__) from None


def _ready() -> None:
    """A task that does nothing: done, it shows that a process started."""


@contextmanager
def _pool(width: int) -> Iterator[ProcessPoolExecutor]:
    spawned = multiprocessing.get_context("spawn")
    with _starting():
        pool = ProcessPoolExecutor(width, mp_context=spawned, initializer=_hear_no_interrupt)
    try:
        yield pool
    except BaseException:
        _end(pool)
        raise
    pool.shutdown()


def _end(pool: ProcessPoolExecutor) -> None:
    """End the pool's processes now, mid-task: `shutdown` alone would wait for the tasks they
    are running. (Python 3.14 has `terminate_workers()` for this.)"""
    processes = list((pool._processes or {}).values())
    for process in processes:
        process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


def _hear_no_interrupt() -> None:
    """A pool's process leaves Ctrl-C to the command, which ends the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
