from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from nearer.cli.app import app


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(app, list(args), input=input)


def write(path: Path, document: object) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.fixture
def alice_file(tmp_path: Path, alice: dict[str, int]) -> Path:
    return write(tmp_path / "alice.json", {"answers": alice, "note": "other keys are fine"})


@pytest.fixture
def bob_file(tmp_path: Path, bob: dict[str, int]) -> Path:
    return write(tmp_path / "bob.json", {"answers": bob})
