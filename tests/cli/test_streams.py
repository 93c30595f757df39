"""Standard streams: stdout that cannot be written is one line and exit code 2, whichever
command wrote to it, and what was saved before stays saved."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from nearer.cli.streams import stdout_refused
from tests.cli.conftest import write


def nearer(*args: str) -> subprocess.CompletedProcess[str]:
    """`nearer` in a process of its own, its stdout a full disk."""
    command = [sys.executable, "-c", "from nearer.cli.app import main; main()", *args]
    with Path("/dev/full").open("w") as full:
        return subprocess.run(command, stdout=full, stderr=subprocess.PIPE, text=True, check=False)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ["report", "{answers}"],
        ["plan", "{answers}"],
        ["plan", "{answers}", "--json"],
        ["resources"],
        ["content", "export"],
        ["content", "export", "--json"],
        ["content", "check"],
        ["content", "check", "--json"],
        ["assess", "--answers", "{answers}"],
        ["assess", "--answers", "{answers}", "--json"],
        ["--version"],
        ["--help"],
        ["analyze", "--help"],
        ["keys", "--help"],
    ],
)
def test_a_full_stdout_is_one_line_and_exit_2(
    args: list[str], tmp_path: Path, alice: dict[str, int]
) -> None:
    answers = write(tmp_path / "alice.json", {"answers": alice})
    done = nearer(*(arg.format(answers=answers) for arg in args))
    assert done.returncode == 2
    assert done.stderr == "nearer: stdout: cannot be written (No space left on device)\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_stdout_while_assessing_keeps_the_saved_file(tmp_path: Path) -> None:
    out = write(tmp_path / "mine.json", {"name": "Alice", "answers": {"signs.open_talk": 2}})
    before = out.read_text()
    done = nearer("assess", "-i", "signs", "-o", str(out))
    assert done.returncode == 2
    assert done.stderr == "nearer: stdout: cannot be written (No space left on device)\n"
    assert out.read_text() == before


def test_an_os_error_from_elsewhere_is_not_blamed_on_stdout() -> None:
    try:
        raise OSError(28, "No space left on device")
    except OSError as error:
        assert stdout_refused(error) is None


BAR = (
    "from rich.progress import BarColumn\n"
    "from nearer.cli.streams import stderr_bar\n"
    "with stderr_bar(BarColumn()) as bar:\n"
    "    bar.advance(bar.add_task('chats', total=2))\n"
)


def test_a_progress_bar_leaves_nothing_on_a_stderr_that_is_no_terminal() -> None:
    ran = subprocess.run([sys.executable, "-c", BAR], capture_output=True, timeout=60)
    assert (ran.returncode, ran.stderr) == (0, b"")


def test_a_progress_bar_is_drawn_on_a_terminal() -> None:
    main, terminal = pty.openpty()
    try:
        ran = subprocess.run([sys.executable, "-c", BAR], stderr=terminal, timeout=60)
        assert ran.returncode == 0
        assert "━" in os.read(main, 65536).decode()
    finally:
        os.close(main)
        os.close(terminal)
