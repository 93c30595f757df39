"""scripts/with_postgres.py really gives a command a PostgreSQL server, and leaves nothing behind.

Skipped where the script itself skips (no PostgreSQL installed, CI not true); under CI=true the
script fails instead, and so does this test.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).parent.parent / "scripts" / "with_postgres.py"
FOLDER_PREFIX = "with_postgres: folder "


def with_postgres(code: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(SCRIPT), "--", sys.executable, "-c", code]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode == 0 and "SKIPPED: PostgreSQL tests" in done.stderr:
        pytest.skip(done.stderr.strip())
    return done


def folder(stderr: str) -> Path:
    lines = [line for line in stderr.splitlines() if line.startswith(FOLDER_PREFIX)]
    assert len(lines) == 1, stderr
    return Path(lines[0].removeprefix(FOLDER_PREFIX))


def test_the_command_reaches_a_real_database_and_the_cluster_is_removed_afterwards() -> None:
    done = with_postgres(
        "import os, psycopg; c = psycopg.connect(os.environ['DATABASE_URL']);"
        " print(c.execute('select 1').fetchone())"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "(1,)", done.stdout + done.stderr
    assert not folder(done.stderr).exists()


def test_the_commands_exit_code_is_passed_on_and_the_cluster_is_removed_all_the_same() -> None:
    done = with_postgres("raise SystemExit(7)")
    assert done.returncode == 7, done.stderr
    assert not folder(done.stderr).exists()
