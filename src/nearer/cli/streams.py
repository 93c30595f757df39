"""The standard streams: one the shell closed, or stdout failing mid-write (a full disk, a
reader gone), is one line on stderr naming it, never a traceback, and output is written whole
or not said to be written."""

from __future__ import annotations

import errno
import io
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


#: The streams replaced by `_written_whole`, kept: they must not be closed under their stand-ins.
_REPLACED: list[io.TextIOWrapper] = []


def stand_in_for_closed_streams() -> None:
    """Give stdin and stdout a `ClosedStream` where the shell closed them, and stdout a buffer
    where Python left it none (`_written_whole`)."""
    if sys.stdin is None:
        sys.stdin = ClosedStream()
    if sys.stdout is None:
        sys.stdout = ClosedStream()
    _written_whole()


def _written_whole() -> None:
    """Under PYTHONUNBUFFERED (`python -u`), stdout writes straight to its file, and a write the
    system takes only part of (a pipe whose reader left, a disk filling) is dropped without an
    error: a research table cut short, and exit code 0. A buffered writer writes all of it, or
    raises; `write_through` keeps each write going out as it is made."""
    stream = sys.stdout
    raw = getattr(stream, "buffer", None)
    if not isinstance(stream, io.TextIOWrapper) or not isinstance(raw, io.RawIOBase):
        return
    _REPLACED.append(stream)
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(raw),
        encoding=stream.encoding,
        errors=stream.errors,
        line_buffering=stream.line_buffering,
        write_through=True,
    )


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


def exit_code_once_flushed(code: int | str | None) -> int | str | None:
    """The exit code to leave with once what stdout still holds is written out. That last write
    is otherwise Python's own at exit, and a reader gone or a full disk there is two lines of
    "Exception ignored" and exit code 120 (`nearer manage dumpdata | head`). Failing here, it is
    one line and exit code 2 where the command had succeeded; a command that failed keeps its
    own line and code, and stdout is quietly let go."""
    try:
        sys.stdout.flush()
    except OSError as error:
        _drop_stdout()
        if code not in (0, None):
            return code
        print(f"nearer: stdout: cannot be written ({error.strerror or error})", file=sys.stderr)
        return 2
    return code


def stdout_refused(error: OSError) -> InputError | None:
    """The one-line error for `error` if it was raised in the command-line library's own
    `echo` (help and version text), else None. Those writes happen before any command runs, so
    they are outside every `printing()`; whether `echo` is on the way to the error tells them
    from other failures (the innermost frame is the stream's own, a `ClosedStream`'s too)."""
    frame, inside_echo = error.__traceback__, False
    while frame is not None:
        inside_echo = inside_echo or frame.tb_frame.f_code is typer.echo.__code__
        frame = frame.tb_next
    if not inside_echo:
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
