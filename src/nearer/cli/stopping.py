"""How a command stops: SIGTERM and SIGHUP as Ctrl-C does, and Ctrl-C heard at a prompt.

Importing polars installs a SIGINT handler of its own, under which a read from the terminal goes
on after Ctrl-C: a prompt would not hear it until Enter was pressed, and the person who pressed
it, seeing nothing happen, might close the window. `import_polars` puts back the handler there
was before.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

#: Signals that stop a command as Ctrl-C does: systemd, `timeout` and `kill` send SIGTERM, and a
#: terminal that closes sends SIGHUP.
STOPPING = (signal.SIGTERM, signal.SIGHUP)


def import_polars() -> None:
    """Import polars, keeping the SIGINT handler there was (Python's: KeyboardInterrupt)."""
    if threading.current_thread() is not threading.main_thread():  # handlers live in main only
        import polars

        return
    before = signal.getsignal(signal.SIGINT)
    import polars  # noqa: F401 - its import replaces the handler

    signal.signal(signal.SIGINT, before if before is not None else signal.SIG_DFL)


@contextlib.contextmanager
def stopped_as_by_ctrl_c() -> Iterator[None]:
    """For as long as it lasts, SIGTERM and SIGHUP end the command as Ctrl-C does, by an exception
    (SystemExit, with the shell's code for the signal: 143, 129), so the way out does what it
    must: a restore deletes its private copy of the backup, its SQL script and a half-written
    backup and rolls back; `assess` saves the answers given so far. Their default action ends
    the process on the spot and leaves all that undone. Once one has come, more are ignored
    until the clean-up is done (SIGKILL still ends it)."""
    if threading.current_thread() is not threading.main_thread():  # handlers live in main only
        yield
        return

    def stop(number: int, frame: FrameType | None) -> None:
        for each in STOPPING:
            signal.signal(each, signal.SIG_IGN)
        raise SystemExit(128 + number)

    before = {number: signal.signal(number, stop) for number in STOPPING}
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)
