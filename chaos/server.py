"""The real server for the chaos test: `nearer serve` in a process group of its own, so one
`kill -9` takes down the gunicorn master and every worker at once, as a power cut would."""

from __future__ import annotations

import contextlib
import ctypes
import http.client
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

PR_SET_CHILD_SUBREAPER = 36
HOST = "127.0.0.1"  # loopback only: the chaos traffic never leaves the machine


def become_subreaper() -> None:
    """Orphaned gunicorn workers are handed to us, not to PID 1, so we can reap them: otherwise
    they stay zombies, and a zombie still counts as a member of the killed group."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def group_members(pgid: int) -> list[tuple[int, int, str]]:
    """(pid, parent pid, state) of every process in the group, zombies included."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue  # gone while we looked
        fields = text[text.rindex(")") + 2 :].split()  # the name may hold spaces and brackets
        state, ppid, pgrp = fields[0], int(fields[1]), int(fields[2])
        if pgrp == pgid:
            members.append((int(stat.parent.name), ppid, state))
    return members


class Server:
    """One `nearer serve --workers 2` on HOST:port, with its output in `log`."""

    def __init__(self, port: int, environ: dict[str, str], log: Path) -> None:
        self.port, self.environ, self.log = port, environ, log
        self.process: subprocess.Popen[bytes] | None = None
        self.nearer = str(Path(sys.executable).with_name("nearer"))

    def start(self) -> None:
        command = [self.nearer, "serve", "--port", str(self.port), "--workers", "2"]
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                command,
                env=self.environ,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,  # its own process group, whose id is its pid
            )

    def healthy(self) -> bool:
        connection = http.client.HTTPConnection(HOST, self.port, timeout=5)
        try:
            connection.request("GET", "/healthz")
            return connection.getresponse().status == 200
        except OSError:
            return False
        finally:
            connection.close()

    def wait_healthy(self, timeout: float = 60) -> float:
        """Seconds until /healthz answered 200; fails with the log's tail if it never does."""
        assert self.process is not None
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if self.process.poll() is not None:
                break
            if self.healthy():
                return time.monotonic() - started
            time.sleep(0.05)
        tail = self.log.read_text(errors="replace")[-2000:]
        raise RuntimeError(f"the server did not come up on port {self.port}:\n{tail}")

    def kill(self) -> None:
        """`kill -9` the whole process group, then wait until none of it is left."""
        self._signal_and_wait(signal.SIGKILL, timeout=30)

    def stop(self) -> None:
        """A gentle stop; `kill -9` when it does not go within 20 s."""
        if not self._signal_and_wait(signal.SIGTERM, timeout=20):
            self.kill()

    def _signal_and_wait(self, signum: int, timeout: float) -> bool:
        if self.process is None:
            return True
        pgid = self.process.pid
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, signum)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.process.poll()
            alive = [pid for pid, _, state in self._reap(pgid) if state not in "ZX"]
            if not alive and self.process.returncode is not None:
                self.process = None
                return True
            time.sleep(0.02)
        return False

    @staticmethod
    def _reap(pgid: int) -> list[tuple[int, int, str]]:
        """The group's members, after reaping those of its zombies that are our children."""
        members = group_members(pgid)
        for pid, ppid, state in members:
            # The leader is Popen's to reap; its workers were handed to us when it died.
            if state == "Z" and ppid == os.getpid() and pid != pgid:
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(pid, os.WNOHANG)
        return members
