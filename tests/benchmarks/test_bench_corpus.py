"""`make bench`'s corpus run on a few small chats: every run it times still works, and the
table it checks is each chat's own (the bench exits 1 otherwise)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_corpus.py"


def test_every_timed_run_works_and_the_corpus_table_is_the_chats_own() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH), "--chats", "3", "--days", "20", "--jobs", "2"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    runs = [line.split("|")[1].strip() for line in done.stdout.splitlines() if "| `" in line]
    assert runs == [
        "`nearer analyze`, once per chat (the peer)",
        "`nearer corpus --jobs 1`",
        "`nearer corpus --jobs 2`",
    ]
