"""A restore's waits for other programs' locks, timed together and told of once.

A restore may wait more than once: on PostgreSQL its look at the accounts (patiently()) and then
its load's LOCK TABLE. The engine gives each wait what the earlier ones left of its LOCK_WAIT,
so together they last LOCK_WAIT at most, as docs/backups.md promises ("60 seconds in all"), but
the load gets FLOOR seconds at least: a look that waited nearly all of them has just been let
through, and the load should get its turn rather than give up a millisecond after a minute.
The clock runs only while the restore waits (or may be waiting): the work between two waits,
such as writing the load's script, is not waiting and is not counted.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

#: Seconds the load may wait for its locks at least, whatever the waits before it used.
FLOOR = 5.0


class Waits:
    """The seconds a restore has waited so far; `busy`, called once when a wait has lasted a
    while (the engine says how long: its QUIET_WAIT in all); `writing`, called once the load
    holds every lock it waits for and begins to write (until then nothing has changed).
    `clock` gives seconds (monotonic)."""

    def __init__(
        self,
        busy: Callable[[], None] | None = None,
        writing: Callable[[], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.busy, self.writing, self.clock = busy, writing, clock
        self.ended = 0.0  # seconds in the waits that have ended
        self.since: float | None = None  # when the wait under way began (by `clock`)

    @contextmanager
    def timing(self) -> Iterator[None]:
        """The clock runs while the block does: the restore waits, or may be waiting."""
        self.since = self.clock()
        try:
            yield
        finally:
            self.ended += self.clock() - self.since
            self.since = None

    def seconds(self) -> float:
        """Seconds waited so far, the wait under way included (0.0 or more)."""
        running = 0.0 if self.since is None else self.clock() - self.since
        return self.ended + running

    def left(self, limit: float) -> float:
        """Seconds left of `limit` seconds in all (0.0 once it has passed)."""
        return max(0.0, limit - self.seconds())

    def for_load(self, limit: float) -> float:
        """Seconds the load may wait for its locks: what is left of `limit`, but FLOOR at least
        (`limit` at most)."""
        return max(min(FLOOR, limit), self.left(limit))

    def until_told(self, quiet: float) -> float | None:
        """Seconds until `busy` is due, once `quiet` seconds have been waited in all; None when
        it has been called already (or there is none)."""
        return None if self.busy is None else self.left(quiet)

    def tell(self) -> None:
        """Call `busy`, the first time only."""
        busy, self.busy = self.busy, None
        if busy is not None:
            busy()

    def over(self) -> None:
        """The load holds its locks and writes from now on: call `writing`, the first time only."""
        writing, self.writing = self.writing, None
        if writing is not None:
            writing()
