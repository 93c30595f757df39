"""PostgreSQL's client tools: which pg_dump, pg_restore and psql to run, and what they said.

pg_dump's major version must be at least the server's, so the newest client on the machine is
used: Debian keeps each version's tools in /usr/lib/postgresql/N/bin, off PATH. What a tool said
when it failed becomes one line; psql's errors are known by their SQLSTATE in any language.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nearer.web.backups.contents import BackupError

TOOLS = ("pg_dump", "pg_restore", "psql")
DEBIAN = Path("/usr/lib/postgresql")


@dataclass(frozen=True)
class Client:
    """One installed version of PostgreSQL's client tools."""

    major: int
    pg_dump: Path
    pg_restore: Path
    psql: Path


def clients() -> list[Client]:
    """Every complete set of client tools: Debian's per-version folders, then PATH."""
    found = []
    for folder in DEBIAN.glob("*/bin"):
        if folder.parent.name.isdigit() and all((folder / tool).exists() for tool in TOOLS):
            found.append(Client(int(folder.parent.name), *(folder / tool for tool in TOOLS)))
    on_path = [shutil.which(tool) for tool in TOOLS]
    if all(on_path):
        major = version_of(Path(str(on_path[0])))
        if major is not None:
            found.append(Client(major, *(Path(str(tool)) for tool in on_path)))
    return found


def version_of(tool: Path) -> int | None:
    try:
        done = subprocess.run(
            [tool, "--version"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.search(r"PostgreSQL\)\s+(\d+)", done.stdout)
    return int(match[1]) if match else None


def choose(found: Iterable[Client], server_major: int) -> Client:
    """The newest client, which must be at least the server's major version (0: any will do)."""
    candidates = list(found)
    if not candidates:
        package = f"postgresql-client-{server_major}" if server_major else "postgresql-client"
        raise BackupError(
            "pg_dump, pg_restore and psql were not found; install PostgreSQL's client tools "
            f"(Debian: {package})"
        )
    best = max(candidates, key=lambda client: client.major)
    if best.major < server_major:
        raise BackupError(
            f"pg_dump {best.major} is older than the PostgreSQL {server_major} server; install "
            f"the version {server_major} client tools (Debian: postgresql-client-{server_major})"
        )
    return best


def server_major(connection: Any) -> int:
    connection.ensure_connection()
    return int(connection.pg_version) // 10000


def last_line(stderr: bytes) -> str:
    lines = [line.strip() for line in stderr.decode(errors="replace").splitlines() if line.strip()]
    return lines[-1] if lines else "no message"


#: An error line of psql's with VERBOSITY=verbose: the severity, then the SQLSTATE, in any
#: language the server speaks ("ERROR:  55P03: canceling…", "FEHLER:  55P03: …").
VERBOSE_ERROR = re.compile(r"^(?:psql:\S*: )?\w+:\s+([0-9A-Z]{5}): .*$", re.MULTILINE)
LOCK_NOT_AVAILABLE = "55P03"  # a lock_timeout expired
QUERY_CANCELED = "57014"  # a statement_timeout expired (or the statement was cancelled)
DEADLOCK_DETECTED = "40P01"  # PostgreSQL ended one of two transactions waiting for each other


def psql_error(stderr: bytes) -> tuple[str | None, str]:
    """The SQLSTATE of psql's last error (run with VERBOSITY=verbose) and its line; without
    one, None and the last line (the LOCATION line verbose adds is not the message)."""
    found = list(VERBOSE_ERROR.finditer(stderr.decode(errors="replace")))
    if not found:
        return None, last_line(stderr)
    return found[-1].group(1), found[-1].group(0).strip()


def failure(tool: Path, returncode: int, stderr: bytes) -> str:
    """What a failed client tool said, as one line that names the tool."""
    if returncode < 0:  # pg_restore can crash on a damaged archive rather than report it
        return f"{tool.name} stopped on signal {-returncode} reading it"
    said = last_line(stderr)
    return said if said.startswith(f"{tool.name}:") else f"{tool.name}: {said}"
