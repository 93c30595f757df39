"""How a command stops: SIGTERM and SIGHUP as Ctrl-C does, and Ctrl-C heard at a prompt.

Importing polars installs a SIGINT handler of its own, under which a read from the terminal goes
on after Ctrl-C: a prompt would not hear it until Enter was pressed, and the person who pressed
it, seeing nothing happen, might close the window. `import_polars` puts back the handler there
was before. Commands that need polars (the chat analyser's, and Django's, whose apps use it)
call it before anything else imports polars; the others never import it, and start sooner.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from types import FrameType

#: Signals that stop a command as Ctrl-C does: systemd, `timeout` and `kill` send SIGTERM, and a
#: terminal that closes sends SIGHUP.
STOPPING = (signal.SIGTERM, signal.SIGHUP)


def import_polars() -> None:
    """Import polars, keeping the SIGINT handler there was (Python's: KeyboardInterrupt). A
    Ctrl-C during the import, which takes a good part of a second: `interrupted()`."""
    try:
        if threading.current_thread() is not threading.main_thread():  # handlers: main only
            import polars

            return
        before = signal.getsignal(signal.SIGINT)
        try:
            import polars  # noqa: F401 - its import replaces the handler
        finally:
            signal.signal(signal.SIGINT, before if before is not None else signal.SIG_DFL)
    except KeyboardInterrupt:
        raise interrupted() from None


def interrupted() -> SystemExit:
    """For a Ctrl-C before a command has begun its work: says so in one line on stderr, and
    returns the way out, with the shell's exit code for it (130)."""
    print("nearer: interrupted", file=sys.stderr)
    return SystemExit(128 + signal.SIGINT)


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


#: The exit codes `stopped_as_by_ctrl_c` ends a command with, one for each signal it turns
#: (130, from `interrupted()`, has had its line said already).
STOPPED_CODES = {128 + number for number in STOPPING}


@contextlib.contextmanager
def said_when_stopped(said: Callable[[], str]) -> Iterator[None]:
    """Around a command that may change what is saved: a Ctrl-C, SIGTERM or SIGHUP (as
    `stopped_as_by_ctrl_c` turns them) ends it with one line on stderr, "nearer: " and what
    `said()` returns, which says whether anything changed, and the shell's exit code for the
    signal (130 for Ctrl-C). `said` runs once the command's own clean-up is done."""
    try:
        yield
    except KeyboardInterrupt:
        _say(said)
        raise SystemExit(128 + signal.SIGINT) from None
    except SystemExit as stop:
        if stop.code in STOPPED_CODES:
            _say(said)
        raise


def _say(said: Callable[[], str]) -> None:
    """Print `said()`, which may ask the database, with a second Ctrl-C ignored meanwhile."""
    if threading.current_thread() is not threading.main_thread():  # handlers live in main only
        print(f"nearer: {said()}", file=sys.stderr)
        return
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        print(f"nearer: {said()}", file=sys.stderr)
    finally:
        signal.signal(signal.SIGINT, signal.SIG_DFL if before is None else before)
