"""What survived: every acknowledged write present with the values sent, nothing present that was
never sent, the same values read back through the API, and for SQLite a sound file."""

from __future__ import annotations

import os
import random
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from client import Http
from writes import SCALES, Write, body

TEXTS = ("appreciation", "appreciation_shared", "need", "need_shared", "note")


def integrity(path: Path) -> str:
    """SQLite's own verdict on the file, "ok" when sound. Opening it replays the WAL, exactly as
    the next server start would."""
    connection = sqlite3.connect(path, timeout=20)
    try:
        rows = connection.execute("PRAGMA integrity_check").fetchall()
        return "; ".join(str(row[0]) for row in rows)
    finally:
        connection.close()


def as_stored(sent: dict[str, Any]) -> dict[str, Any]:
    """A sent check-in as its row holds it: the emotion words joined by commas."""
    row = {name: sent[name] for name in (*SCALES, *TEXTS)}
    row["emotions"] = ",".join(sent["emotion_words"])
    return row


def stored_rows(emails: list[str], password: str) -> dict[Write, dict[str, Any]]:
    """Every check-in row of the chaos people, read with the app's own models (SQLite or
    PostgreSQL, whichever DATABASE_URL names). Their text is sealed at rest: each person's key is
    opened with their password, as signing in does, and the server's from its key file."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nearer.web.settings")
    import django

    django.setup()
    from django.db import connections

    from nearer.web.accounts.models import User
    from nearer.web.daily.models import CheckIn
    from nearer.web.vault import keyring
    from nearer.web.vault.services import open_key

    person = {email: n for n, email in enumerate(emails)}
    fields = ("emotions", *SCALES, *TEXTS)
    try:
        with keyring.scope():
            for user in User.objects.filter(email__in=emails):
                open_key(user, password)
            rows = CheckIn.objects.filter(user__email__in=emails).select_related("user")
            return {
                Write(person[row.user.email], row.day): {
                    name: getattr(row, name) for name in fields
                }
                for row in rows.iterator()
            }
    finally:
        connections.close_all()  # nothing open when the next round forks its writers


@dataclass
class Verdict:
    verified: int = 0
    lost: list[Write] = field(default_factory=list)  # acknowledged, and not there
    wrong: list[Write] = field(default_factory=list)  # there, and not what was sent

    @property
    def ok(self) -> bool:
        return not self.lost and not self.wrong


def check(
    rows: dict[Write, dict[str, Any]], acknowledged: set[Write], sent: set[Write], seed: int
) -> Verdict:
    verdict = Verdict()
    for write in sorted(acknowledged, key=lambda w: (w.person, w.day)):
        row = rows.get(write)
        if row is None:
            verdict.lost.append(write)
        elif row == as_stored(body(seed, write)):
            verdict.verified += 1
    for write, row in rows.items():
        if write not in sent or row != as_stored(body(seed, write)):
            verdict.wrong.append(write)
    return verdict


def read_back(port: int, keys: list[str], writes: list[Write], seed: int, sample: int) -> int:
    """How many of a random `sample` of `writes` the API returns as sent; all, when sound."""
    chosen = random.Random(seed).sample(writes, min(sample, len(writes)))
    connection = Http(port)
    matching = 0
    try:
        for write in chosen:
            status, got = connection.json("GET", f"/checkins/{write.day}", keys[write.person])
            sent = body(seed, write)
            if status == 200 and {name: got[name] for name in sent} == sent:
                matching += 1
    finally:
        connection.close()
    return matching


def days(writes: list[Write]) -> tuple[date, date]:
    return min(w.day for w in writes), max(w.day for w in writes)
