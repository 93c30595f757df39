from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from nearer.cli.app import app


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(app, list(args), input=input)


def nearer(*args: str, data: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """The installed `nearer` in a fresh process on the data folder `data`, with `env` on top of
    this environment (settings are read once per process: bad ones can only be tried this way)."""
    environment = {**os.environ, "NEARER_DATA_DIR": str(data)}
    for inherited in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "NEARER_KEY_FILE"):
        environment.pop(inherited, None)
    command = [str(Path(sys.executable).parent / "nearer"), *args]
    return subprocess.run(
        command, env={**environment, **env}, capture_output=True, text=True, timeout=120
    )


def write(path: Path, document: object) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.fixture
def alice_file(tmp_path: Path, alice: dict[str, int]) -> Path:
    return write(tmp_path / "alice.json", {"answers": alice, "note": "other keys are fine"})


@pytest.fixture
def bob_file(tmp_path: Path, bob: dict[str, int]) -> Path:
    """Bob's answers as he gives them to Alice for a side-by-side command: without his private
    safety check's (`nearer assess --share`)."""
    shared = {key: value for key, value in bob.items() if not key.startswith("safety.")}
    return write(tmp_path / "bob.json", {"answers": shared})
