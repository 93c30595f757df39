"""How `nearer` starts and stops: polars only for the commands that need it, and a Ctrl-C while
the commands or polars are being imported heard as one line with exit code 130."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

#: Runs `nearer` with ARGS (from the entry point, as the installed script does), a Ctrl-C
#: arriving while the module named first is imported: a stand-in for a real one, which would
#: have to be timed to land in the right fraction of a second.
CTRL_C_DURING_IMPORT = """
import builtins, sys
real, interrupted = builtins.__import__, sys.argv[1]
def interrupting(name, *args, **kwargs):
    if name == interrupted and name not in sys.modules:
        raise KeyboardInterrupt
    return real(name, *args, **kwargs)
builtins.__import__ = interrupting
sys.argv[:2] = ["nearer"]
from nearer.cli import main
main()
"""


def run_python(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, timeout=120, check=False
    )


def test_nearer_starts_without_importing_polars() -> None:
    done = run_python("-c", "import sys, nearer.cli.app; print('polars' in sys.modules)")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "False\n"


def test_the_installed_script_runs_the_entry_point_that_hears_ctrl_c() -> None:
    script = Path(sys.executable).parent / "nearer"
    assert "from nearer.cli import main" in script.read_text()


@pytest.mark.parametrize("module", ["typer", "rich.progress", "nearer.cli.app"])
def test_ctrl_c_while_nearer_starts_is_one_line_and_exit_130(module: str) -> None:
    done = run_python("-c", CTRL_C_DURING_IMPORT, module, "--version")
    assert (done.returncode, done.stderr, done.stdout) == (130, "nearer: interrupted\n", "")


def test_ctrl_c_while_a_command_imports_polars_is_one_line_and_exit_130(tmp_path: Path) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text("[01/02/2024, 10:00:00] Ana: hello\n", encoding="utf-8")
    done = run_python("-c", CTRL_C_DURING_IMPORT, "polars", "analyze", str(chat), "--out", "-")
    assert (done.returncode, done.stderr, done.stdout) == (130, "nearer: interrupted\n", "")


def test_ctrl_c_in_a_command_with_nothing_to_undo_is_one_line_and_exit_130(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Typer would end it with exit code 130 and not a word."""
    from nearer.cli import render
    from tests.cli.conftest import run

    def ctrl_c(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(render, "resources", ctrl_c)
    result = run("resources")
    assert (result.exit_code, result.stderr, result.stdout) == (130, "nearer: interrupted\n", "")
