"""Whether `nearer serve` may still fork its workers: polars' thread pool (threads named
polars-0, polars-1, ...) and its async runtime (tokio-rt-worker) do not survive a fork. A worker
forked after either has started waits for ever on its first chat, so nothing before the fork may
run a polars query (the demo's chat is analysed in a spawned process: web/demo_chat.py).
Importing polars starts neither; its allocator's and clean-up threads are safe to leave behind."""

from __future__ import annotations

import re
from pathlib import Path

THREADS = Path("/proc/self/task")  # Linux; elsewhere nothing is listed and nothing is refused
_UNSAFE = re.compile(r"polars-\d+|tokio-rt-worker")


def unforkable_threads(threads: Path = THREADS) -> list[str]:
    """The names of this process's threads that a forked child would wait on for ever."""
    try:
        tasks = list(threads.iterdir())
    except OSError:
        return []
    return sorted(name for task in tasks if _UNSAFE.fullmatch(name := _name(task)))


def check_before_fork() -> None:
    """Stop, naming the threads, rather than fork workers that would hang on their first chat."""
    if started := unforkable_threads():
        raise RuntimeError(
            f"polars' threads ({', '.join(started)}) started before gunicorn forks its workers: "
            "each worker would wait for ever on its first chat; run polars work that must "
            "happen before serving in a spawned process (see nearer.web.demo_chat)"
        )


def _name(task: Path) -> str:
    try:
        return (task / "comm").read_text().strip()
    except OSError:  # the thread ended while being listed
        return ""
