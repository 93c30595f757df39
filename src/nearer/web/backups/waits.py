"""A restore's waits for other programs' locks, timed together and told of once.

A restore may wait more than once: on PostgreSQL its look at the accounts (patiently()) and then
its load's LOCK TABLE. The engine gives each wait what the earlier ones left of its LOCK_WAIT,
so together they last LOCK_WAIT at most, as docs/backups.md promises ("60 seconds in all").
The clock runs only while the restore waits (or may be waiting): the work between two waits,
such as writing the load's script, is not waiting and is not counted.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager


class Waits:
    """The seconds a restore has waited so far, and `busy`, called once when a wait has lasted a
    while (the engine says how long: its QUIET_WAIT in all)."""

    def __init__(self, busy: Callable[[], None] | None = None) -> None:
        self.busy = busy
        self.ended = 0.0  # seconds in the waits that have ended
        self.since: float | None = None  # when the wait under way began (monotonic)

    @contextmanager
    def timing(self) -> Iterator[None]:
        """The clock runs while the block does: the restore waits, or may be waiting."""
        self.since = time.monotonic()
        try:
            yield
        finally:
            self.ended += time.monotonic() - self.since
            self.since = None

    def seconds(self) -> float:
        """Seconds waited so far, the wait under way included (0.0 or more)."""
        running = 0.0 if self.since is None else time.monotonic() - self.since
        return self.ended + running

    def left(self, limit: float) -> float:
        """Seconds left of `limit` seconds in all (0.0 once it has passed)."""
        return max(0.0, limit - self.seconds())

    def until_told(self, quiet: float) -> float | None:
        """Seconds until `busy` is due, once `quiet` seconds have been waited in all; None when
        it has been called already (or there is none)."""
        return None if self.busy is None else self.left(quiet)

    def tell(self) -> None:
        """Call `busy`, the first time only."""
        busy, self.busy = self.busy, None
        if busy is not None:
            busy()
