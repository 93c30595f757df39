"""Many writers at once through the app on a real SQLite file; prints what they saw as JSON.

Run by tests/chaos/test_sqlite_durability.py in a subprocess, because the suite's own SQLite test
database lives in memory, where neither WAL nor the busy timeout applies. It uses the real
settings (`nearer.web.settings`) on a fresh NEARER_DATA_DIR, so every connection is configured
exactly as `nearer serve` configures it:

    NEARER_DATA_DIR=$(mktemp -d) python -m tests.chaos.app_writers [WRITES_PER_PERSON]

Several processes, each with a few threads, one person per thread, all released at once: each
person answers today's question (at the same moment as their partner) and saves check-ins, by
the browser's form and by the API in turn. Every response status and every exception is reported.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sqlite3
import sys
import threading
from datetime import date, timedelta
from typing import Any

COUPLES = 6
PROCESSES = 3
FORM = {
    "pleasantness": "4",
    "energy": "3",
    "closeness": "5",
    "shared_feelings": "3",
    "understood": "4",
    "validated": "4",
    "cared_for": "5",
    "stress": "2",
    "emotion_words": ["calm"],
    "appreciation": "You made tea.",
}
PRAGMAS = ("journal_mode", "synchronous", "busy_timeout")
PASSWORD = "a long enough writer passphrase"


def setup() -> list[tuple[int, str]]:
    """Migrate a fresh database and make the couples; (user id, API key) for each person."""
    import django

    os.environ.pop("DATABASE_URL", None)  # SQLite is what is under test
    os.environ["DJANGO_SETTINGS_MODULE"] = "nearer.web.settings"
    os.environ["NEARER_ALLOWED_HOSTS"] = "testserver"  # Django's test client
    django.setup()
    from django.core.management import call_command

    from nearer.web.accounts.models import User
    from nearer.web.api import tokens
    from nearer.web.couples import services
    from nearer.web.vault import keyring

    call_command("migrate", interactive=False, verbosity=0)
    people = []
    with keyring.scope():  # each writer's data key open while their token gets its wrap of it
        for n in range(COUPLES * 2):
            user = User.objects.create_user(
                f"writer{n}@example.org", PASSWORD, display_name=f"W{n}"
            )
            if n % 2 == 0:
                services.create_couple(user)
            else:
                services.join(
                    user, services.invite(User.objects.get(email=f"writer{n - 1}@example.org"))
                )
            people.append((user.pk, tokens.issue(user, "writer")[1]))
    return people


def pragmas() -> dict[str, Any]:
    from django.db import connection

    with connection.cursor() as cursor:
        return {name: cursor.execute(f"PRAGMA {name}").fetchone()[0] for name in PRAGMAS}


def immediate_takes_the_write_lock_at_begin() -> bool:
    """True when a transaction that has only read already holds the write lock."""
    from django.db import connection, transaction

    from nearer.web.daily.models import CheckIn

    with transaction.atomic():
        CheckIn.objects.exists()
        other = sqlite3.connect(connection.settings_dict["NAME"], timeout=0)
        try:
            other.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            return "locked" in str(error)
        finally:
            other.close()
    return False


def write(client: Any, key: str, day: date, n: int) -> int:
    """One check-in: by the form on even turns, by the API on odd ones. Returns the status."""
    note = f"note {n} on {day}"
    if n % 2 == 0:
        return int(client.post(f"/daily/checkin/?day={day}", {**FORM, "note": note}).status_code)
    body = {k: v for k, v in FORM.items() if k != "emotion_words"}
    body = {k: int(v) if v.isdigit() else v for k, v in body.items()}
    response = client.put(
        f"/api/v1/checkins/{day}",
        {**body, "emotion_words": ["calm"], "note": note},
        content_type="application/json",
        headers={"Authorization": f"Bearer {key}"},
    )
    return int(response.status_code)


def person(user_id: int, key: str, writes: int, start: Any, out: list[dict[str, Any]]) -> None:
    """One thread: sign in, wait for everyone, answer today's question, then check in."""
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from nearer.web.accounts.models import User

    seen: dict[str, Any] = {"statuses": [], "errors": []}
    try:
        client = Client()
        email = User.objects.get(pk=user_id).email  # signed in with the password: the key opens
        client.post("/accounts/login/", {"username": email, "password": PASSWORD})
        seen["pragmas"] = pragmas()
        start.wait(timeout=120)
        today = timezone.localdate()
        answer = client.post(f"/daily/day/{today}/answer/", {"text": f"answer {user_id}"})
        seen["statuses"].append(answer.status_code)
        for n in range(writes):
            seen["statuses"].append(write(client, key, today - timedelta(days=n), n))
    except Exception as error:  # reported, never swallowed: the test fails on it
        seen["errors"].append(f"{type(error).__name__}: {error}")
        start.abort()  # nobody waits for a person who will never come
    finally:
        connection.close()
    out.append(seen)


def process(people: list[tuple[int, str]], writes: int, start: Any, results: Any) -> None:
    out: list[dict[str, Any]] = []
    threads = [
        threading.Thread(target=person, args=(user_id, key, writes, start, out))
        for user_id, key in people
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.put(out)


def run(people: list[tuple[int, str]], writes: int) -> list[dict[str, Any]]:
    from django.db import connections

    connections.close_all()  # each process and thread opens its own
    context = multiprocessing.get_context("fork")
    start, results = context.Barrier(len(people)), context.Queue()
    workers = [
        context.Process(target=process, args=(people[i::PROCESSES], writes, start, results))
        for i in range(PROCESSES)
    ]
    for worker in workers:
        worker.start()
    seen = [entry for _ in workers for entry in results.get(timeout=300)]
    for worker in workers:
        worker.join()
    return seen


def main() -> None:
    writes = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    people = setup()
    report: dict[str, Any] = {
        "main": pragmas(),
        "immediate": immediate_takes_the_write_lock_at_begin(),
    }
    report["people"] = run(people, writes)
    from nearer.web.daily.models import Answer, CheckIn

    report["checkins"] = CheckIn.objects.count()
    report["answers"] = Answer.objects.count()
    print(json.dumps(report))


if __name__ == "__main__":
    main()
