"""Time nearer's WhatsApp parser against whatstk on the same generated export.

    python benchmarks/bench_parse.py [--messages 1000000] [--file export.txt] [--runs 1]

Each parser runs in its own subprocess, so that neither one's memory or warm caches colour the
other's figures; the child reports wall time, CPU time (all threads) and peak resident memory
(`resource.getrusage`, which includes the interpreter, the libraries and the file's bytes).
Prints a Markdown table. whatstk comes with the `bench` extra (`pip install -e .[bench]`).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent


def nearer_parser() -> Callable[[Path], int]:
    from nearer.chat.parsers import whatsapp
    from nearer.chat.records import ChatFile

    def parse(path: Path) -> int:
        chat = whatsapp.parse([ChatFile(path.name, path.read_bytes())])
        return chat.messages.height

    return parse


def whatstk_parser() -> Callable[[Path], int]:
    from whatstk import WhatsAppChat

    def parse(path: Path) -> int:
        return len(WhatsAppChat.from_source(str(path), max_size=None).df)

    return parse


def nearer_analysis() -> Callable[[Path], int]:
    """The whole analysis: parse, every signal, weekly aggregates, trends, and the JSON report."""
    from nearer.chat.pipeline import analyze
    from nearer.chat.records import ChatFile
    from nearer.chat.render_json import render_json
    from nearer.content.loader import default_content

    practices = default_content().practices

    def run(path: Path) -> int:
        report = analyze([ChatFile(path.name, path.read_bytes())])
        render_json(report, practices)
        return int(report.summary.messages)

    return run


#: Each entry imports its library (not timed) and returns the timed run.
PARSERS: dict[str, Callable[[], Callable[[Path], int]]] = {
    "nearer (parse)": nearer_parser,
    "nearer (whole analysis to JSON)": nearer_analysis,
    "whatstk (parse)": whatstk_parser,
}


def child(parser: str, path: Path) -> None:
    """Parse once and print the measurements as JSON (runs in the subprocess).

    Reading the file is timed with the parse (whatstk reads it itself); imports are not.
    """
    parse = PARSERS[parser]()
    wall, cpu = time.perf_counter(), time.process_time()
    messages = parse(path)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(json.dumps({"messages": messages, "wall": wall, "cpu": cpu, "peak_mb": peak_mb}))


def measure(parser: str, path: Path) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", parser, str(path)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{parser} failed (exit {done.returncode}):\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def table(results: dict[str, dict[str, float]], path: Path) -> str:
    base = results.get("whatstk (parse)")
    size_mb = path.stat().st_size / 1e6
    lines = [
        f"File: `{path.name}`, {size_mb:.1f} MB",
        "",
        "| parser | messages | wall (s) | CPU (s) | peak RSS (MB) | wall vs whatstk |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, r in results.items():
        ratio = f"{r['wall'] / base['wall']:.2f}×" if base else "n/a"
        lines.append(
            f"| {name} | {r['messages']:,.0f} | {r['wall']:.2f} | {r['cpu']:.2f} "
            f"| {r['peak_mb']:.0f} | {ratio} |"
        )
    return "\n".join(lines)


def best_of(parser: str, path: Path, runs: int) -> dict[str, float]:
    results = [measure(parser, path) for _ in range(runs)]
    return min(results, key=lambda r: r["wall"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--file", type=Path, help="an existing export (default: generate one)")
    parser.add_argument("--runs", type=int, default=1, help="runs per parser; the fastest counts")
    parser.add_argument("--child", nargs=2, metavar=("RUN", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return
    with tempfile.TemporaryDirectory() as folder:
        path = args.file or Path(folder) / f"whatsapp-{args.messages}.txt"
        if not args.file:
            generator = HERE / "generate_whatsapp.py"
            subprocess.run([sys.executable, generator, str(args.messages), str(path)], check=True)
        results = {name: best_of(name, path, args.runs) for name in PARSERS}
        print(table(results, path))


if __name__ == "__main__":
    main()
