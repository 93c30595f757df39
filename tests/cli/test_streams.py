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


@pytest.mark.parametrize("unbuffered", ["", "1"], ids=["buffered", "PYTHONUNBUFFERED"])
def test_output_whose_reader_leaves_midway_is_one_line_and_exit_2(unbuffered: str) -> None:
    """Under PYTHONUNBUFFERED the pipe took 64 KB of a larger write, the rest was dropped without
    an error, and the command said nothing and ended with 0: a research table cut short."""
    env = {**os.environ, "PYTHONUNBUFFERED": unbuffered}
    lines = "".join(f'{{"text": "thank you so much {n}"}}\n' for n in range(3000))
    command = [sys.executable, "-c", "from nearer.cli.app import main; main()", "detect", "-"]
    ran = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    assert ran.stdin is not None and ran.stdout is not None and ran.stderr is not None
    ran.stdin.write(lines.encode())
    ran.stdin.close()
    assert ran.stdout.read(10) == b'{"emotiona'
    ran.stdout.close()  # the reader leaves, as `| head -c 10` does
    said = ran.stderr.read().decode()
    assert ran.wait(timeout=60) == 2
    assert said == "nearer: stdout: cannot be written (Broken pipe)\n"


def manage_to_a_full_disk(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`nearer manage` with `args` on a fresh database in `data`, its stdout a full disk."""
    environment = {**os.environ, "NEARER_DATA_DIR": str(data)}
    environment.pop("DATABASE_URL", None)
    command = [sys.executable, "-c", "from nearer.cli.app import main; main()", "manage"]
    subprocess.run([*command, "migrate", "-v", "0"], env=environment, check=True)
    with Path("/dev/full").open("w") as full:
        return subprocess.run(
            [*command, *args],
            env=environment,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_output_still_held_at_exit_that_cannot_be_written_is_one_line_and_exit_2(
    tmp_path: Path,
) -> None:
    """A management command's output stays in stdout's buffer until Python's last flush, which
    failed there with two lines of "Exception ignored" and exit code 120."""
    done = manage_to_a_full_disk(tmp_path, "dumpdata", "contenttypes")
    assert (done.returncode, done.stderr) == (
        2,
        "nearer: stdout: cannot be written (No space left on device)\n",
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_management_command_failing_on_stdout_says_so_once(tmp_path: Path) -> None:
    """dumpdata's own error named the full disk, then Python's last flush and a query's cursor
    closed after the database each added a traceback of "Exception ignored"."""
    done = manage_to_a_full_disk(tmp_path, "dumpdata", "auth", "contenttypes", "--indent", "4")
    assert done.returncode == 1
    assert done.stderr == (
        "nearer: manage dumpdata: Unable to serialize database: "
        "[Errno 28] No space left on device\n"
    )


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["report", "--help"]])
def test_help_and_version_to_a_closed_stdout_are_one_line_and_exit_2(args: list[str]) -> None:
    command = [sys.executable, "-c", "from nearer.cli.app import main; main()", *args]
    closed = ["sh", "-c", 'exec "$@" >&-', "sh", *command]
    done = subprocess.run(closed, capture_output=True, text=True, check=False)
    assert (done.returncode, done.stderr) == (
        2,
        "nearer: stdout: cannot be written (it is closed)\n",
    )


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
