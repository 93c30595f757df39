"""`make bench` on a small chat: every run it measures still works, so the figures in
docs/performance.md can always be taken again (an API change once broke the whole-analysis run
unnoticed until the next `make bench`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_parse.py"


def test_every_measured_run_reads_the_same_small_chat() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH), "--messages", "2000"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    rows = [
        line for line in done.stdout.splitlines() if line.startswith("| ") and "---" not in line
    ]
    counts = {row.split("|")[1].strip(): row.split("|")[2].strip() for row in rows[1:]}
    assert set(counts) == {"nearer (parse)", "nearer (whole analysis to JSON)", "whatstk (parse)"}
    # The parse counts the export's every row, system lines too; the others count what was sent.
    assert all(int(count.replace(",", "")) > 1900 for count in counts.values()), counts
