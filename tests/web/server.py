"""`nearer serve` for real (gunicorn on loopback, the demo seeded), spoken to through a raw socket:
what only the server decides (a chunked body, whether a connection stays open) is seen as a
client sees it."""

from __future__ import annotations

import contextlib
import io
import os
import re
import select
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

NEARER = Path(sys.executable).parent / "nearer"
ISSUE = (
    "from nearer.web.accounts.models import User; from nearer.web.api.tokens import issue; "
    "print(issue(User.objects.get(email='alex@demo.nearer.local'), 'raw')[1])"
)


@dataclass(frozen=True)
class Served:
    port: int
    token: str  # a demo partner's, with the key open


@dataclass(frozen=True)
class Answer:
    head: str
    body: bytes
    closed: bool  # the server closed the connection after it

    @property
    def status(self) -> int:
        return int(self.head.split(" ", 2)[1])

    def header(self, name: str) -> str | None:
        found = re.search(rf"^{name}: (.*)$", self.head, re.IGNORECASE | re.MULTILINE)
        return found.group(1).strip() if found else None


def serve(data: Path) -> Iterator[Served]:
    """One server on its own data folder, for as long as the generator is not closed."""
    from tests.cli.test_serve import free_port, wait_for  # which imports this package's cast

    port, env = free_port(), {**os.environ, "NEARER_DATA_DIR": str(data)}
    for inherited in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "NEARER_KEY_FILE"):
        env.pop(inherited, None)
    command = [str(NEARER), "serve", "--demo", "--port", str(port), "--workers", "1"]
    server = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz")
        made = subprocess.run(
            [str(NEARER), "manage", "shell", "-c", ISSUE],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        yield Served(port, made.stdout.split()[-1])
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


def exchange(port: int, *requests: bytes) -> list[Answer]:
    """Send `requests` one after the other on one connection, each once the answer before has
    come; stops early when the server closes the connection."""
    answers: list[Answer] = []
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        reader = connection.makefile("rb")
        for request in requests:
            with contextlib.suppress(OSError):  # closed while the body was still being sent
                connection.sendall(request)
            answers.append(_answer(connection, reader))
            if answers[-1].closed:
                break
    return answers


def _answer(connection: socket.socket, reader: io.BufferedReader) -> Answer:
    lines = []
    while (line := reader.readline()) not in (b"\r\n", b""):
        lines.append(line.decode("latin-1"))
    head = "".join(lines)
    length = re.search(r"^Content-Length: (\d+)", head, re.IGNORECASE | re.MULTILINE)
    body = reader.read(int(length.group(1))) if length else b""
    return Answer(head, body, _closed(connection, reader))


def _closed(connection: socket.socket, reader: io.BufferedReader) -> bool:
    """Whether the server has closed (or reset) the connection, waiting a second for it to."""
    readable, _, _ = select.select([connection], [], [], 1)
    if not readable:
        return False
    try:
        return reader.peek(1) == b""
    except ConnectionResetError:  # closed with unread data on it
        return True


def request(
    method: str, path: str, body: bytes = b"", *headers: str, chunked: bool = False
) -> bytes:
    """An HTTP/1.1 request, its body with a Content-Length or in 1000-byte chunks."""
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", *headers]
    if chunked:
        lines.append("Transfer-Encoding: chunked")
        framed = (
            b"".join(
                b"%x\r\n%s\r\n" % (len(body[i : i + 1000]), body[i : i + 1000])
                for i in range(0, len(body), 1000)
            )
            + b"0\r\n\r\n"
        )
    else:
        lines.append(f"Content-Length: {len(body)}")
        framed = body
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + framed
