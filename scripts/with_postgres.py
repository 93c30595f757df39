#!/usr/bin/env python3
"""Run a command against a throwaway PostgreSQL server: `with_postgres.py -- COMMAND ARGS...`.

Creates a cluster in a fresh temporary folder, starts it on a free port on 127.0.0.1, creates the
database `nearer_test`, runs COMMAND with DATABASE_URL pointing at it, then always stops the
server and deletes the folder, and exits with COMMAND's exit code. Standard library only, so it
runs before any virtual environment exists.

Without PostgreSQL's binaries it prints a loud SKIPPED line and exits 0, or exits 1 when CI=true.
Progress goes to stderr with the prefix "with_postgres:"; the folder is named on a line that
starts "with_postgres: folder ".
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

USER, PASSWORD, DATABASE = "nearer", "nearer", "nearer_test"
# The data is thrown away, so durability buys nothing: these make the suite's many small
# transactions and the shutdown fast.
SETTINGS = """
listen_addresses = '127.0.0.1'
port = {port}
unix_socket_directories = '{folder}'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 50
"""


def say(message: str) -> None:
    print(f"with_postgres: {message}", file=sys.stderr, flush=True)


received: list[int] = []


def hold(signum: int, frame: object) -> None:
    received.append(signum)  # acted on once the step under way (setup, cleanup) is done


def interrupt(signum: int, frame: object) -> None:
    received.append(signum)
    raise KeyboardInterrupt  # unwind through `finally`: stop the server, delete the folder


def set_signals(handler: Callable[[int, Any], None]) -> None:
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, handler)


def find_bindir() -> Path | None:
    """Debian keeps the server binaries off PATH, one folder per major version: take the newest."""
    folders = [
        p.parent for p in Path("/usr/lib/postgresql").glob("*/bin/initdb") if p.parent.is_dir()
    ]
    folders.sort(key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0)
    if folders:
        return folders[-1]
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def free_port() -> int:
    # The OS picks a port nobody holds; another process could take it before the server binds,
    # which is rare enough that a failed start simply reports it.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def as_server_user(command: list[str]) -> list[str]:
    # initdb and pg_ctl refuse to run as root; the server then runs as the `postgres` user.
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def run(command: list[str], folder: Path) -> None:
    """Run a setup step quietly; on failure show what it said and stop."""
    # cwd: as the postgres user, the caller's folder (e.g. /root) may not be readable. A session
    # of its own: a Ctrl-C must not kill pg_ctl halfway, leaving a server nobody stops.
    done = subprocess.run(
        command, cwd=folder, capture_output=True, text=True, check=False, start_new_session=True
    )
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        log = folder / "server.log"
        if log.exists():
            sys.stderr.write(log.read_text(errors="replace"))
        raise RuntimeError(f"{Path(command[0]).name} failed ({done.returncode}): {command}")


def start(bindir: Path, folder: Path) -> tuple[Path, int]:
    """initdb, configure and start the server; returns its data folder and port."""
    data, port = folder / "data", free_port()
    pwfile = folder / "password"
    pwfile.write_text(PASSWORD + "\n")
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
        shutil.chown(pwfile, "postgres", "postgres")
    initdb = [str(bindir / "initdb"), "-D", str(data), "-U", USER, f"--pwfile={pwfile}"]
    # Passwords over TCP, as the app connects in production; trust on the private socket.
    initdb += ["--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--locale=C"]
    run(as_server_user([*initdb, "--no-sync", "--no-instructions"]), folder)
    with (data / "postgresql.conf").open("a") as conf:
        conf.write(SETTINGS.format(port=port, folder=folder))
    pg_ctl = [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log")]
    run(as_server_user([*pg_ctl, "-w", "-t", "60", "start"]), folder)
    createdb = [str(bindir / "createdb"), "-h", str(folder), "-p", str(port), "-U", USER]
    run([*createdb, DATABASE], folder)
    return data, port


def stop(bindir: Path, data: Path, folder: Path) -> None:
    # Immediate mode skips the shutdown checkpoint: the data is about to be deleted anyway.
    command = [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]
    try:
        run(as_server_user(command), folder)
    except RuntimeError:
        pid_file = data / "postmaster.pid"  # last resort, so no server outlives its folder
        if pid_file.exists():
            os.kill(int(pid_file.read_text().split()[0]), signal.SIGKILL)


def run_command(command: list[str], env: dict[str, str]) -> int:
    try:
        child = subprocess.Popen(command, env=env)
    except OSError as error:  # not found, not executable: say so the way a shell would
        say(f"cannot run {command[0]}: {error.strerror}")
        return 127 if isinstance(error, FileNotFoundError) else 126
    try:
        returncode = child.wait()
    except KeyboardInterrupt:
        set_signals(hold)
        if received[-1] != signal.SIGINT:
            child.send_signal(received[-1])  # a Ctrl-C reached it already: same process group
        try:
            child.wait(timeout=10)  # let a test runner print its summary
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        raise
    return 128 - returncode if returncode < 0 else returncode  # killed by a signal: 128 + N


def skip_or_fail(reason: str) -> int:
    if os.environ.get("CI", "").lower() == "true":
        print(
            f"with_postgres: ERROR: {reason}; CI=true, so PostgreSQL tests must run",
            file=sys.stderr,
        )
        return 1
    print(f"!!! SKIPPED: PostgreSQL tests ({reason})", file=sys.stderr)
    return 0


def main(argv: list[str]) -> int:
    if "--" not in argv or not argv[argv.index("--") + 1 :]:
        print("usage: with_postgres.py -- COMMAND [ARGS...]", file=sys.stderr)
        return 2
    command = argv[argv.index("--") + 1 :]
    bindir = find_bindir()
    if bindir is None:
        return skip_or_fail("PostgreSQL is not installed: run scripts/ensure_system_packages.sh")
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return skip_or_fail("running as root, and runuser is missing to drop to `postgres`")
    # Setup takes about a second: a Ctrl-C during it is acted on once the server is up, so a
    # half-started server is never left behind.
    set_signals(hold)
    # As root the folder goes in /tmp: the postgres user must be able to reach it, and $TMPDIR
    # may sit under /root.
    folder = Path(tempfile.mkdtemp(prefix="nearer-pg-", dir="/tmp" if os.geteuid() == 0 else None))
    say(f"folder {folder}")
    data = folder / "data"
    try:
        began = time.monotonic()
        data, port = start(bindir, folder)
        url = f"postgres://{USER}:{PASSWORD}@127.0.0.1:{port}/{DATABASE}"
        say(f"PostgreSQL {bindir.parent.name} up at {url} in {time.monotonic() - began:.1f} s")
        set_signals(interrupt)
        if received:
            raise KeyboardInterrupt
        return run_command(command, {**os.environ, "DATABASE_URL": url})
    except KeyboardInterrupt:
        say("interrupted")
        return 128 + (received[-1] if received else signal.SIGINT)
    except RuntimeError as error:
        say(f"ERROR: {error}")
        return 1
    finally:
        set_signals(hold)  # nothing may cut the cleanup short
        began = time.monotonic()
        if (data / "postmaster.pid").exists():
            stop(bindir, data, folder)
        shutil.rmtree(folder, ignore_errors=True)
        say(f"stopped and removed the cluster in {time.monotonic() - began:.1f} s")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
