"""A line typed at a terminal, with a signal that comes meanwhile heard at once.

A signal's Python handler runs between bytecodes. One that comes as `input()` begins, after the
last of those checks and before the read blocks, interrupts no system call: the read goes on,
and the handler waits for Enter. So a SIGTERM sent to `nearer assess` at a question, or to
`nearer restore` at its own, could leave the command waiting for ever, its answers unsaved (it
ignores further SIGTERMs once one has come). `wait_for_line` waits in poll() on the terminal
and on a wakeup pipe, which the signal's C handler writes to whenever the signal comes: it is
heard at once, however it falls.
"""

from __future__ import annotations

import os
import select
import signal
import sys
import threading
from typing import TextIO

import typer
from rich.console import Console
from rich.text import Text

from nearer.cli.inputs import unreadable_as_input


def line(console: Console, ask: str | Text) -> str:
    """What is typed after `ask` (Rich markup), as `console.input(ask)` reads it."""
    console.print(ask, end="")
    return _typed()


def confirmed(question: str) -> bool:
    """Whether the person answers yes to `question` (no by default), asked as `typer.confirm`
    asks; end of input or Ctrl-C is typer.Abort, as there."""
    while True:
        typer.echo(f"{question} [y/N]: ", nl=False)
        try:
            answer = _typed().strip().lower()
        except (EOFError, KeyboardInterrupt):
            raise typer.Abort() from None
        if answer in ("", "n", "no"):
            return False
        if answer in ("y", "yes"):
            return True
        typer.echo("Please answer y or n.")


def _typed() -> str:
    """The next line of stdin, once there is one (`wait_for_line`). Stdin that cannot be read
    (closed by the shell, a terminal gone) is an InputError naming stdin: stdout is flushed
    first, so that a failure of its own is never put down to stdin."""
    sys.stdout.flush()
    with unreadable_as_input("stdin"):
        wait_for_line(sys.stdin)
        return input()


def wait_for_line(stream: TextIO) -> None:
    """Return once `stream`, a terminal, has a line to read, or raise what the handler of a
    signal that came meanwhile raises. At a terminal a read gives one line, so nothing is left
    in `stream`'s buffer that poll() could not see. Anything else (a pipe, a file, a test's
    text) and a thread other than the main one, where handlers do not run, return at once."""
    if not stream.isatty() or threading.current_thread() is not threading.main_thread():
        return
    woken, wake = os.pipe()
    try:
        os.set_blocking(wake, False)
        before = signal.set_wakeup_fd(wake, warn_on_full_buffer=False)
        try:
            _readable(stream.fileno(), woken)
        finally:
            signal.set_wakeup_fd(before)
    finally:
        os.close(woken)
        os.close(wake)


def _readable(descriptor: int, woken: int) -> None:
    """Wait until `descriptor` can be read (or is gone: a read then says so), reading away what
    signals whose handlers let the wait go on wrote to `woken`."""
    waiting = select.poll()  # not select(), which cannot wait on a descriptor past 1023
    waiting.register(descriptor, select.POLLIN)
    waiting.register(woken, select.POLLIN)
    while descriptor not in {ready for ready, _ in waiting.poll()}:
        os.read(woken, 512)
