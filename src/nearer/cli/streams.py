"""The standard streams: one the shell closed, or stdout failing mid-write (a full disk, a
reader gone), is one line on stderr naming it, never a traceback."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, NoReturn

import typer

from nearer.cli.inputs import InputError

if TYPE_CHECKING:
    from rich.progress import Progress, ProgressColumn


class ClosedStream:
    """A standard stream the shell closed (`>&-`, `<&-`), where Python leaves None: reading or
    writing it is the OSError of a closed descriptor, so the usual one-line errors name it.
    Flushing does nothing (nothing was ever written), so Python's own flush at exit is quiet."""

    encoding, errors = "utf-8", "strict"

    def _closed(self, *_: object) -> NoReturn:
        raise OSError(errno.EBADF, "it is closed")

    write = read = readline = fileno = _closed

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    @property
    def buffer(self) -> ClosedStream:
        return self


def stand_in_for_closed_streams() -> None:
    """Give stdin and stdout a `ClosedStream` where the shell closed them."""
    if sys.stdin is None:
        sys.stdin = ClosedStream()
    if sys.stdout is None:
        sys.stdout = ClosedStream()


def write_stdout(text: str) -> None:
    """Write `text` to stdout and flush it. A write that fails (a full disk, a closed pipe) is an
    InputError naming stdout, one line rather than a traceback."""
    with printing():
        sys.stdout.write(text)
        sys.stdout.flush()


def report_done(text: str) -> None:
    """Write `text`, the report of something already done (a backup written, a key rotated), to
    stdout. When stdout cannot be written, the work stays done and is not undone: an InputError
    (exit 2) says so in one line, the report's first line followed by why stdout failed. The
    caller writes a path or name the person gave through `shown`: a line break in a file name
    must not start a line of its own."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as error:
        _drop_stdout()
        done = text.strip().splitlines()[0].rstrip(".")
        raise InputError(
            f"{done}; but stdout cannot be written ({error.strerror or error})"
        ) from None


@contextmanager
def printing() -> Iterator[None]:
    """Around output to stdout (Rich rendering included, which flushes each print): a write that
    fails is an InputError naming stdout. Keep only output inside: any OSError is blamed on it."""
    try:
        yield
    except OSError as error:
        _drop_stdout()
        raise InputError(f"stdout: cannot be written ({error.strerror or error})") from None


def stdout_refused(error: OSError) -> InputError | None:
    """The one-line error for `error` if it was raised by the command-line library's own
    `echo` (help and version text), else None. Those writes happen before any command runs, so
    they are outside every `printing()`; the innermost frame tells them from other failures."""
    frame = error.__traceback__
    while frame is not None and frame.tb_next is not None:
        frame = frame.tb_next
    if frame is None or frame.tb_frame.f_code is not typer.echo.__code__:
        return None
    _drop_stdout()
    return InputError(f"stdout: cannot be written ({error.strerror or error})")


def _drop_stdout() -> None:
    """Point stdout at the null device, so Python's last flush at exit, of what is still
    buffered, cannot fail a second time with a traceback of its own."""
    with suppress(OSError, ValueError):
        descriptor = sys.stdout.fileno()  # none under a test runner: nothing to do there
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, descriptor)
        os.close(null)


def stderr_bar(*columns: ProgressColumn) -> Progress:
    """A progress bar on stderr that a terminal shows and leaves no trace in; on anything else
    (a log, a pipe) nothing at all, not even the empty line Rich ends it with there."""
    from rich.console import Console
    from rich.progress import Progress

    console = Console(stderr=True)
    return Progress(*columns, console=console, transient=True, disable=not console.is_terminal)
