"""The check-in writes of one round, and the processes and threads that send them at once.

Every write is a whole day's check-in for one person, `PUT /api/v1/checkins/{day}`, with values
that follow from (seed, person, day) alone, so any row found later can be checked against what
was sent. A write without an answer (the server died under it) is sent again once the server is
back, as a phone would; a PUT of the same body is harmless if the first one did land.
"""

from __future__ import annotations

import http.client
import random
import threading
import time
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from client import Http

EMOTION_WORDS = ("calm", "content", "grateful", "hopeful", "tired", "anxious", "loving", "sad")
SCALES = {
    "pleasantness": 5,
    "energy": 5,
    "closeness": 7,
    "shared_feelings": 5,
    "understood": 5,
    "validated": 5,
    "cared_for": 5,
    "stress": 5,
}
MAX_ATTEMPTS = 20


@dataclass(frozen=True)
class Write:
    person: int
    day: date


@dataclass(frozen=True)
class Outcome:
    """What became of one write: its last HTTP status (None: never answered) and how many
    attempts it took; every attempt but the answered one met a dead server."""

    write: Write
    status: int | None
    attempts: int

    @property
    def acknowledged(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


def body(seed: int, write: Write) -> dict[str, Any]:
    """The check-in sent for `write`: the same for the same seed, person and day."""
    rng = random.Random(f"{seed}/{write.person}/{write.day.isoformat()}")
    values: dict[str, Any] = {name: rng.randint(1, top) for name, top in SCALES.items()}
    tag = f"#{seed}/{write.person}/{write.day.isoformat()}"
    return {
        **values,
        "emotion_words": rng.sample(EMOTION_WORDS, rng.randint(0, 3)),
        "appreciation": f"Tee am Fluss 🌊 «merci» {tag}",
        "appreciation_shared": rng.random() < 0.5,
        "need": rng.choice(["", f"a quiet evening {tag}", "a walk,\nlater"]),
        "need_shared": rng.random() < 0.5,
        "note": f"private: {tag} " + "x" * rng.randint(1, 400),
    }


def plan(people: int, writes: int, round_number: int, today: date, seed: int) -> list[Write]:
    """`writes` writes spread over `people`, on days no earlier round used, in random order."""
    per_person = -(-writes // people)
    first = today - timedelta(days=1 + round_number * per_person)
    chosen = [
        Write(person, first - timedelta(days=offset))
        for offset in range(per_person)
        for person in range(people)
    ][:writes]
    random.Random(seed + round_number).shuffle(chosen)
    return chosen


@dataclass(frozen=True)
class Shared:
    """What the worker processes share with the conductor."""

    port: int
    keys: list[str]
    seed: int
    acknowledged: Any  # multiprocessing.Value("i"): acknowledged so far, across processes
    server_up: Any  # multiprocessing.Event: cleared while the server is down
    deadline: float  # time.time() after which nothing more is sent


def send_one(connection: Http, shared: Shared, write: Write) -> Outcome:
    path = f"/checkins/{write.day.isoformat()}"
    attempts = 0
    while attempts < MAX_ATTEMPTS and time.time() < shared.deadline:
        if not shared.server_up.wait(timeout=max(0.0, shared.deadline - time.time())):
            break
        attempts += 1
        try:
            key = shared.keys[write.person]
            status, _ = connection.json("PUT", path, key, body(shared.seed, write))
        except (OSError, http.client.HTTPException):
            time.sleep(0.05)  # no answer: the server is gone, or going; wait for it
            continue
        if 200 <= status < 300:
            with shared.acknowledged.get_lock():
                shared.acknowledged.value += 1
        return Outcome(write, status, attempts)
    return Outcome(write, None, attempts)


def send_thread(shared: Shared, writes: list[Write], out: list[Outcome]) -> None:
    connection = Http(shared.port)
    try:
        out.extend(send_one(connection, shared, write) for write in writes)
    finally:
        connection.close()


def send_process(shared: Shared, writes: list[Write], threads: int, results: Any) -> None:
    """One worker process: `threads` threads share its writes; the outcomes go to `results`."""
    out: list[Outcome] = []
    workers = [
        threading.Thread(target=send_thread, args=(shared, writes[i::threads], out))
        for i in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    results.put(out)
