"""`nearer serve` for real: gunicorn on loopback, migrations applied, the demo seeded."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.cli.conftest import run

NEARER = Path(sys.executable).parent / "nearer"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, seconds: float = 30) -> dict[str, str]:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return json.loads(response.read())  # type: ignore[no-any-return]
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_serve_demo_answers_healthz_and_prints_the_partners(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "NEARER_DATA_DIR": str(tmp_path)}
    for inherited in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE"):
        env.pop(inherited, None)
    server = subprocess.Popen(
        [str(NEARER), "serve", "--demo", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        assert wait_for(f"http://127.0.0.1:{port}/healthz") == {"status": "ok"}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output, _ = server.communicate(timeout=20)
    assert output.count("demo partner:") == 2 and "password:" in output
    assert "gunicorn" in output.lower()
    database = tmp_path / "nearer.sqlite3"
    assert database.exists() and database.stat().st_mode & 0o077 == 0  # its owner's alone


def test_a_bad_port_is_one_line() -> None:
    result = run("serve", "--port", "70000")
    assert result.exit_code == 2 and result.stderr.startswith("nearer: --port")
