"""The short chaos run in the suite: one round of 1,000 concurrent check-ins, the real server
killed with kill -9 part-way and restarted, every acknowledged write found as sent.

It runs on the database the suite runs on: SQLite by default, the PostgreSQL of DATABASE_URL
under scripts/with_postgres.py. The full run is `make chaos` (docs/durability.md).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "chaos" / "run_chaos.py"


@pytest.mark.long
def test_no_acknowledged_check_in_is_lost_when_the_server_is_killed_mid_write() -> None:
    database = "postgres" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--short", "--database", database],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    report = done.stdout + done.stderr[-3000:]
    assert done.returncode == 0, report
    assert f"chaos: {database} total: 1 rounds, 1000 writes" in done.stdout, report
    assert "lost 0, wrong 0, ok" in done.stdout, report
