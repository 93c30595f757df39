"""`nearer assess` at a real terminal (a pseudo-terminal): Ctrl-C is heard at the prompt at once,
and a closed terminal or SIGTERM keeps every answer given so far."""

from __future__ import annotations

import contextlib
import json
import os
import pty
import select
import signal
import sys
import time
from pathlib import Path

import pytest

NEARER = str(Path(sys.executable).parent / "nearer")


class Terminal:
    """`nearer assess -o OUT` with a pseudo-terminal as its controlling terminal."""

    def __init__(self, out: Path) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: becomes the command, nothing else
            os.execv(NEARER, [NEARER, "assess", "-o", str(out)])
        self.shown = b""

    def wait_for(self, text: bytes, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while text not in self.shown:
            assert time.monotonic() < deadline, self.shown[-300:]
            if select.select([self.fd], [], [], 0.2)[0]:
                self.shown += os.read(self.fd, 4096)

    def type(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def ended(self, seconds: float) -> int | None:
        """The exit status if the command ended within `seconds`, else None (and it is killed)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
            if select.select([self.fd], [], [], 0.1)[0]:
                with contextlib.suppress(OSError):  # the terminal is gone with the command
                    self.shown += os.read(self.fd, 4096)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        return None

    def close(self) -> None:
        os.close(self.fd)


@pytest.fixture
def terminal(tmp_path: Path) -> object:
    opened = Terminal(tmp_path / "answers.json")
    yield opened
    opened.close()


def test_ctrl_c_at_a_prompt_stops_at_once_without_waiting_for_enter(
    terminal: Terminal, tmp_path: Path
) -> None:
    terminal.wait_for(b"1/11")
    terminal.type(b"1\r2\r")
    terminal.wait_for(b"3/11")
    terminal.type(b"\x03")  # Ctrl-C, read by the terminal as SIGINT for the command
    assert terminal.ended(seconds=20) == 1, terminal.shown[-300:]
    assert b"interrupted; saved the 2 answers" in terminal.shown
    assert len(json.loads((tmp_path / "answers.json").read_text())["answers"]) == 2


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_terminal_closed_part_way_keeps_every_answer_given(
    terminal: Terminal, tmp_path: Path, stop: signal.Signals
) -> None:
    terminal.wait_for(b"1/11")
    terminal.type(b"1\r" * 11)  # the safety check, saved when it ends
    terminal.wait_for(b"1/56")
    terminal.type(b"4\r4\r4\r")  # three answers into the profile
    terminal.wait_for(b"4/56")
    os.kill(terminal.pid, stop)
    assert terminal.ended(seconds=20) == 128 + stop
    assert len(json.loads((tmp_path / "answers.json").read_text())["answers"]) == 14
