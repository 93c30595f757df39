"""Time `nearer corpus` over many generated chats, beside what a researcher would otherwise run:
`nearer analyze --pseudonyms --format csv` once per chat, one after the other.

    python benchmarks/bench_corpus.py [--chats 60] [--days 400] [--jobs 2]

Each run is its own process, timed from outside; its peak memory is that of its largest
process (`resource.getrusage(RUSAGE_CHILDREN)`: a pool's processes are each counted alone, not
added up). Exits 1 when the table differs from the chats' own tables put together, or a run
fails. `make bench` runs it.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from nearer.chat import demo

NEARER = str(Path(sys.executable).with_name("nearer"))
#: Runs a command and prints its largest process's peak resident size (KiB on Linux).
PEAK = (
    "import resource, subprocess, sys; done = subprocess.run(sys.argv[1:]); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(done.returncode)"
)


def generated(folder: Path, chats: int, days: int) -> list[Path]:
    """`chats` deterministic two-person WhatsApp exports of `days` days each."""
    made = []
    for seed in range(chats):
        path = folder / f"chat{seed:04}.txt"
        path.write_bytes(demo.generate(date(2025, 1, 6), days=days, seed=seed))
        made.append(path)
    return made


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and the largest process's peak MB of `command`; exits 1 if it fails."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PEAK, *command], capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"bench_corpus: {' '.join(command[:2])} failed: {done.stderr.strip()[-500:]}")
    return wall, int(done.stdout.split()[-1]) / 1024


def one_by_one(chats: list[Path], out: Path) -> tuple[float, float]:
    """The peer: `nearer analyze` once per chat; wall seconds in all and the largest peak."""
    wall, peak = 0.0, 0.0
    for chat in chats:
        command = [NEARER, "analyze", str(chat), "--pseudonyms", "--format", "csv", "--tz", "UTC"]
        took, most = timed([*command, "--out", str(out / f"{chat.stem}.csv")])
        wall, peak = wall + took, max(peak, most)
    return wall, peak


def same_rows(table: Path, chats: list[Path], alone: Path) -> bool:
    """Whether the corpus table is each chat's own table behind its number (its place among
    `chats`, from 1), in order."""
    rows = list(csv.reader(io.StringIO(table.read_text())))
    expected = []
    for number, chat in enumerate(chats, start=1):
        own = list(csv.reader(io.StringIO((alone / f"{chat.stem}.csv").read_text())))
        expected += [[str(number), *row] for row in own[1:]]
    return rows[1:] == expected


def main() -> None:
    given = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    given.add_argument("--chats", type=int, default=60)
    given.add_argument("--days", type=int, default=400)
    given.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = given.parse_args()
    with tempfile.TemporaryDirectory(prefix="nearer-bench-corpus-") as scratch:
        folder, alone = Path(scratch) / "chats", Path(scratch) / "alone"
        folder.mkdir(), alone.mkdir()
        chats = generated(folder, args.chats, args.days)
        size = sum(chat.stat().st_size for chat in chats) / 1e6
        runs = {"`nearer analyze`, once per chat (the peer)": one_by_one(chats, alone)}
        for jobs in sorted({1, args.jobs}):
            table = Path(scratch) / f"table{jobs}.csv"
            command = [NEARER, "corpus", *map(str, chats), "--out", str(table), "--tz", "UTC"]
            runs[f"`nearer corpus --jobs {jobs}`"] = timed([*command, "--jobs", str(jobs)])
            if not same_rows(table, chats, alone):
                sys.exit(f"bench_corpus: --jobs {jobs}: the table is not the chats' own tables")
    print(f"{args.chats} chats of {args.days} days ({size:.1f} MB), {os.cpu_count()} cores\n")
    print("| run | wall (s) | largest process's peak (MB) | wall vs the peer |")
    print("| --- | ---: | ---: | ---: |")
    peer = next(iter(runs.values()))[0]
    for name, (wall, peak) in runs.items():
        print(f"| {name} | {wall:.2f} | {peak:.0f} | {wall / peer:.2f}× |")


if __name__ == "__main__":
    main()
