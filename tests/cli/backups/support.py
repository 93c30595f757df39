"""What the tests of `nearer backup` and `nearer restore` share: the two commands as app.py
registers them, and ways to read what they said and left."""

from __future__ import annotations

import os
import select
import subprocess
import time

import typer
from django.db import DEFAULT_DB_ALIAS, connections
from typer.testing import CliRunner, Result

from nearer.cli import backup as commands
from nearer.cli.inputs import fails_cleanly
from nearer.web.daily.models import CheckIn

LATER = "written after the backup"
ENGINE = connections[DEFAULT_DB_ALIAS].vendor  # from the settings: no connection needed

app = typer.Typer()  # as app.py registers them
app.command()(fails_cleanly(commands.backup))
app.command()(fails_cleanly(commands.restore))


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(app, list(args), input=input)


def has_note(note: str) -> bool:
    """Whether a check-in has this note (notes are sealed: opened to compare)."""
    return note in [checkin.note for checkin in CheckIn.objects.all()]


def one_line(result: Result) -> str:
    assert result.stderr.count("\n") == 1, result.stderr
    return result.stderr.strip()


def asked(running: subprocess.Popen[bytes], question: bytes, seconds: float = 60) -> None:
    """Wait until `running` has written `question` to its stdout."""
    assert running.stdout is not None
    said, deadline = b"", time.monotonic() + seconds
    while question not in said:
        assert time.monotonic() < deadline, said
        ready, _, _ = select.select([running.stdout], [], [], 1)
        if ready:
            chunk = os.read(running.stdout.fileno(), 4096)
            assert chunk, f"ended before asking: {said!r}"
            said += chunk
