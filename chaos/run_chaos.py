#!/usr/bin/env python3
"""The chaos test: kill -9 the real server in the middle of a crowd of check-ins, restart it,
and prove that every write it acknowledged is there, as sent, in a sound database.

    .venv/bin/python chaos/run_chaos.py --short                    # make test: one round
    .venv/bin/python chaos/run_chaos.py --rounds 20                # SQLite
    .venv/bin/python chaos/run_chaos.py --rounds 20 --database postgres

Each round starts `nearer serve --workers 2` on 127.0.0.1 (SQLite in a fresh data folder, or the
PostgreSQL of DATABASE_URL; `--database postgres` without one runs itself under
scripts/with_postgres.py), on the first round signs the people up by the sign-up form (each from a
loopback address of their own: sign-ups are counted per client address) and in by the sign-in form,
gives each a personal token, pairs them, then sends the round's check-ins
(`PUT /api/v1/checkins/DAY`, a different person and day each) from several processes with a few
threads each. Once a random 30-70 % are acknowledged it kill -9s the server's whole process group,
checks the file (SQLite), restarts the server, lets the writers finish (an unanswered write is sent
again, as a phone would), and then checks every write acknowledged in any round so far, through the
database and, for a sample, through the API. Exit 1 on any loss, wrong row, error answer or damaged
file.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import secrets
import shutil
import socket
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from client import pair, phone_address, sign_up
from server import HOST, Server, become_subreaper
from verify import Verdict, check, integrity, read_back, stored_rows
from writes import Outcome, Shared, Write, plan, send_process

ROOT = Path(__file__).resolve().parent.parent
API_SAMPLE = 50


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--writes", type=int, default=1000, help="check-ins per round")
    parser.add_argument("--people", type=int, default=40, help="people, in couples")
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4, help="threads per process")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default=None)
    parser.add_argument("--short", action="store_true", help="one round of 1,000, for make test")
    parser.add_argument("--round-timeout", type=float, default=300, help="seconds per round")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--keep", action="store_true", help="keep the data folder and log")
    args = parser.parse_args(argv)
    if args.short:
        args.rounds, args.writes, args.people, args.round_timeout = 1, 1000, 8, 120
    url = os.environ.get("DATABASE_URL", "")
    args.database = args.database or ("postgres" if url.startswith("postgres") else "sqlite")
    args.seed = args.seed if args.seed is not None else secrets.randbelow(10**6)
    if args.rounds < 1 or args.writes < 1 or args.people < 2 or args.people % 2:
        parser.error("--rounds and --writes must be at least 1, --people an even number >= 2")
    return args


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@dataclass
class Round:
    writes: int
    sent: int = 0
    acknowledged: int = 0
    acknowledged_before_kill: int = 0
    unanswered: int = 0
    refused: list[int] = field(default_factory=list)  # statuses other than 2xx
    integrity: list[str] = field(default_factory=list)
    restart_seconds: float = 0.0
    api_matching: int = 0
    api_sample: int = 0
    verdict: Verdict = field(default_factory=Verdict)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        sound = all(verdict == "ok" for verdict in self.integrity)
        complete = self.acknowledged == self.writes and self.api_matching == self.api_sample
        return self.verdict.ok and sound and complete and not self.refused


class Chaos:
    def __init__(self, args: argparse.Namespace, folder: Path) -> None:
        self.args, self.folder = args, folder
        self.sqlite = folder / "nearer.sqlite3" if args.database == "sqlite" else None
        self.server = Server(free_port(), dict(os.environ), folder / "server.log")
        self.emails = [f"chaos-{args.seed}-{n}@example.org" for n in range(args.people)]
        self.keys: list[str] = []
        self.password = ""
        self.acknowledged: set[Write] = set()
        self.sent: set[Write] = set()

    def make_people(self) -> None:
        """Sign everyone up and in through the forms, four at a time, each from a loopback
        address of their own (sign-ups are counted per client address), then pair them two by
        two."""
        password = self.password = secrets.token_urlsafe(18)
        port = self.server.port

        def join(n: int) -> str:
            return sign_up(port, self.emails[n], password, source=phone_address(n))

        with ThreadPoolExecutor(4) as pool:
            self.keys = list(pool.map(join, range(len(self.emails))))
            list(
                pool.map(
                    lambda n: pair(port, self.keys[n], self.keys[n + 1]),
                    range(0, len(self.keys), 2),
                )
            )

    def run_round(self, number: int) -> Round:
        started = time.monotonic()
        self.server.start()
        self.server.wait_healthy()
        if not self.keys:
            self.make_people()
        writes = plan(
            len(self.keys), self.args.writes, number, datetime.now(UTC).date(), self.args.seed
        )
        result = Round(writes=len(writes))
        outcomes = self.crash_while_writing(writes, result)
        self.tally(outcomes, result)
        self.verify(writes, result)
        self.server.kill()  # the next round starts after a crash too
        result.seconds = time.monotonic() - started
        return result

    def crash_while_writing(self, writes: list[Write], result: Round) -> list[Outcome]:
        context = multiprocessing.get_context("fork")
        acknowledged, server_up, results = context.Value("i", 0), context.Event(), context.Queue()
        server_up.set()
        deadline = time.time() + self.args.round_timeout
        shared = Shared(
            self.server.port, self.keys, self.args.seed, acknowledged, server_up, deadline
        )
        n = self.args.processes
        workers = [
            context.Process(
                target=send_process, args=(shared, writes[i::n], self.args.threads, results)
            )
            for i in range(n)
        ]
        for worker in workers:
            worker.start()
        threshold = int(
            len(writes) * random.Random(self.args.seed + len(self.sent)).uniform(0.3, 0.7)
        )
        while acknowledged.value < threshold and time.time() < deadline:
            time.sleep(0.002)
        server_up.clear()  # the writers hold their next write until the server is back
        self.server.kill()
        result.acknowledged_before_kill = acknowledged.value
        if self.sqlite is not None:
            result.integrity.append(integrity(self.sqlite))  # the file exactly as the crash left it
        self.server.start()
        result.restart_seconds = self.server.wait_healthy()
        server_up.set()
        outcomes = [
            o for _ in workers for o in results.get(timeout=max(1.0, deadline - time.time()) + 30)
        ]
        for worker in workers:
            worker.join()
        return outcomes

    def tally(self, outcomes: list[Outcome], result: Round) -> None:
        for outcome in outcomes:
            self.sent.add(outcome.write)
            result.sent += outcome.attempts
            result.unanswered += outcome.attempts - (outcome.status is not None)
            if outcome.acknowledged:
                self.acknowledged.add(outcome.write)
                result.acknowledged += 1
            elif outcome.status is not None:
                result.refused.append(outcome.status)

    def verify(self, writes: list[Write], result: Round) -> None:
        result.verdict = check(
            stored_rows(self.emails, self.password), self.acknowledged, self.sent, self.args.seed
        )
        ours = [write for write in writes if write in self.acknowledged]
        result.api_sample = min(API_SAMPLE, len(ours))
        result.api_matching = read_back(
            self.server.port, self.keys, ours, self.args.seed, API_SAMPLE
        )
        if self.sqlite is not None:
            result.integrity.append(integrity(self.sqlite))
        elif not self.server.healthy():
            result.integrity.append("the server is not healthy after the round")


def describe(number: int, rounds: int, database: str, r: Round) -> str:
    v = r.verdict
    share = 100 * r.acknowledged_before_kill // max(1, r.writes)
    sound = ", ".join(r.integrity) if r.integrity else "n/a, server healthy"
    return (
        f"chaos: {database} round {number}/{rounds}: {r.writes} writes, {r.sent} sent, "
        f"{r.acknowledged} acknowledged ({r.acknowledged_before_kill} = {share} % before kill -9), "
        f"{r.unanswered} unanswered, {len(r.refused)} refused, {v.verified} verified "
        "(all rounds so far), "
        f"lost {len(v.lost)}, wrong {len(v.wrong)}, API read-back {r.api_matching}/{r.api_sample}, "
        f"integrity {sound}, restart {r.restart_seconds:.1f} s, {r.seconds:.1f} s"
    )


def summary(database: str, results: list[Round], seconds: float) -> str:
    last = results[-1].verdict
    return (
        f"chaos: {database} total: {len(results)} rounds, "
        f"{sum(r.writes for r in results)} writes, {sum(r.sent for r in results)} sent, "
        f"{sum(r.acknowledged for r in results)} acknowledged, {last.verified} verified, "
        f"lost {len(last.lost)}, wrong {len(last.wrong)}, "
        f"{'ok' if all(r.ok for r in results) else 'FAILED'} in {seconds:.0f} s"
    )


def under_postgres(argv: list[str]) -> None:
    """Run this very command again inside a throwaway PostgreSQL server."""
    script = ROOT / "scripts" / "with_postgres.py"
    command = [sys.executable, str(script), "--", sys.executable, str(Path(__file__).resolve())]
    os.execv(sys.executable, [*command, *argv])


def keys_folder(folder: Path) -> Path:
    return folder.with_name(folder.name + "-keys")


def environment(args: argparse.Namespace, folder: Path) -> None:
    """The server's and our own: the same data folder, database and secret key."""
    os.environ["NEARER_DATA_DIR"] = str(folder)
    os.environ["NEARER_SECRET_KEY"] = secrets.token_urlsafe(50)  # no race on the key file
    os.environ["NEARER_KEY_FILE"] = str(keys_folder(folder) / "server-keys.json")  # beside it
    os.environ["DJANGO_SETTINGS_MODULE"] = "nearer.web.settings"
    if args.database == "sqlite":
        os.environ.pop("DATABASE_URL", None)


def main(argv: list[str]) -> int:
    args = parse(argv)
    if args.database == "postgres" and not os.environ.get("DATABASE_URL", "").startswith(
        "postgres"
    ):
        under_postgres(argv)
    folder = Path(tempfile.mkdtemp(prefix="nearer-chaos-"))
    environment(args, folder)
    become_subreaper()
    chaos, results, started = Chaos(args, folder), [], time.monotonic()
    print(f"chaos: {args.database}, seed {args.seed}, data in {folder}", flush=True)
    try:
        for number in range(1, args.rounds + 1):
            results.append(chaos.run_round(number - 1))
            print(describe(number, args.rounds, args.database, results[-1]), flush=True)
            if not results[-1].ok:
                break
    finally:
        chaos.server.kill()
    ok = len(results) == args.rounds and all(r.ok for r in results)
    print(summary(args.database, results, time.monotonic() - started), flush=True)
    if ok and not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(keys_folder(folder), ignore_errors=True)
    elif not ok:
        print(f"chaos: kept {folder} (server.log) for a look", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
