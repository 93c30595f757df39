"""`nearer.cli.prompt`: a line typed at a terminal, with a signal heard at once whenever it comes,
even when it interrupts no system call."""

from __future__ import annotations

import io
import os
import pty
import signal
import sys
import threading
from collections.abc import Iterator

import pytest
import typer
from rich.console import Console

from nearer.cli import prompt


class Heard(Exception):
    """What the test's signal handler raises."""


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """A pseudo-terminal as standard input; yields the side that types into it."""
    controller, typed_into = pty.openpty()
    with os.fdopen(typed_into, encoding="utf-8") as stream:
        monkeypatch.setattr(sys, "stdin", stream)
        yield controller
    os.close(controller)


@pytest.fixture
def heard() -> Iterator[None]:
    """SIGUSR1 raises Heard, as SIGTERM raises SystemExit in a command."""

    def handler(number: int, frame: object) -> None:
        raise Heard

    before = signal.signal(signal.SIGUSR1, handler)
    yield
    signal.signal(signal.SIGUSR1, before)


def later(seconds: float, do: object) -> threading.Timer:
    timer = threading.Timer(seconds, do)  # type: ignore[arg-type]
    timer.start()
    return timer


def test_a_line_typed_at_the_terminal_is_read_after_the_question(terminal: int) -> None:
    shown = io.StringIO()
    os.write(terminal, b"4\n")
    assert prompt.line(Console(file=shown), "[bold]1/56[/] Often? ") == "4"
    assert shown.getvalue() == "1/56 Often? "


def test_a_signal_that_interrupts_no_read_is_still_heard_at_once(
    terminal: int, heard: None
) -> None:
    # Sent to another thread, the signal is handled there and the main thread's wait goes on,
    # as when it comes just before a read begins. Were it not heard, the wait would go on until
    # the line typed 20 s later.
    typed: list[int] = []
    typing = later(20, lambda: typed.append(os.write(terminal, b"4\n")))
    later(0.3, lambda: signal.pthread_kill(threading.get_ident(), signal.SIGUSR1))
    try:
        with pytest.raises(Heard):
            prompt.line(Console(file=io.StringIO()), "1/56 ")
    finally:
        typing.cancel()
    assert not typed


def test_a_signal_whose_handler_lets_the_wait_go_on_leaves_the_line_to_be_read(
    terminal: int,
) -> None:
    heard: list[int] = []
    before = signal.signal(signal.SIGUSR1, lambda number, frame: heard.append(number))
    try:
        later(0.3, lambda: signal.pthread_kill(threading.get_ident(), signal.SIGUSR1))
        later(0.6, lambda: os.write(terminal, b"yes\n"))
        assert prompt.line(Console(file=io.StringIO()), "") == "yes"
    finally:
        signal.signal(signal.SIGUSR1, before)
    assert heard == [signal.SIGUSR1]


def test_the_wait_leaves_no_wakeup_pipe_behind(terminal: int) -> None:
    before = signal.set_wakeup_fd(-1)
    signal.set_wakeup_fd(before)
    os.write(terminal, b"\n")
    prompt.line(Console(file=io.StringIO()), "")
    assert signal.set_wakeup_fd(before) == before


@pytest.mark.parametrize(
    ("typed", "answer"),
    [("y\n", True), ("YES\n", True), ("n\n", False), ("\n", False), ("maybe\nyes\n", True)],
)
def test_a_confirmation_is_no_unless_yes_and_asks_again_after_anything_else(
    typed: str, answer: bool, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(typed))
    assert prompt.confirmed("Replace everything?") is answer
    asked = capsys.readouterr().out
    assert asked.startswith("Replace everything? [y/N]: ")
    assert asked.count("[y/N]") == typed.count("\n")


@pytest.mark.parametrize("typed", ["", "maybe\n"], ids=["nothing", "no answer then nothing"])
def test_a_confirmation_at_the_end_of_input_is_abort(
    typed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(typed))
    with pytest.raises(typer.Abort):
        prompt.confirmed("Replace everything?")


def test_a_confirmation_at_the_terminal_reads_each_answer_typed(
    terminal: int, capsys: pytest.CaptureFixture[str]
) -> None:
    os.write(terminal, b"maybe\ny\n")  # typed ahead: the terminal gives a line a read
    assert prompt.confirmed("Replace everything?") is True
    assert capsys.readouterr().out.count("[y/N]") == 2
