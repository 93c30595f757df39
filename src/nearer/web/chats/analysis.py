"""The analysis in the background: one thread per import, started once its row is committed.

Django 5.2 has no task queue and nearer adds no broker. The upload request parses the export and
deletes the file before it answers; a thread in the same process then runs the signals, weeks and
trends on the parsed table, which lives only in that thread's memory, never on disk. The row's
status is the only shared state: queued -> analysing -> ready or failed, each step a conditional
UPDATE, so a withdrawal while the thread works is never overwritten.

A thread dies with its process (a restart, a deploy): its row would wait for ever. The row names
its process ("host:pid", `worker`) from the moment it is queued, and its thread touches it at
least every HEARTBEAT while it waits for the slot and at each stage of the analysis; `fail_stale`
marks as failed, with a sentence asking for the export again, every row whose process on this
host is gone, and any row that has not been touched for STALE_AFTER (another host's, or one whose
thread never started). The pages call it, so it runs on the next visit after a restart. A long
queue is no reason: a process holds at most QUEUE_LIMIT imports, each waiting with its parsed
chat in memory, and refuses more (`busy`).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from django.db import OperationalError, close_old_connections, connections, transaction
from django.utils import timezone

from nearer.chat import alarms
from nearer.chat.pair import only_pair
from nearer.chat.pipeline import analyze_parsed
from nearer.chat.records import ParsedChat
from nearer.web.chats import stored
from nearer.web.chats.models import ChatImport
from nearer.web.safety import reminders

logger = logging.getLogger(__name__)

#: Long enough for the largest export the size limit lets in, with room to spare, between two
#: stages of its analysis; a queued import's thread touches its row every HEARTBEAT seconds.
STALE_AFTER = timedelta(minutes=15)
HEARTBEAT = 10.0
STOPPED = (
    "The analysis stopped before it finished (the server restarted). Nothing of the chat was "
    "kept: please import it again."
)
BROKE = (
    "Something went wrong while analysing this chat. Nothing of it was kept: please import it "
    "again, and tell us if it keeps happening."
)
THREAD_PREFIX = "chat-import-"
#: One analysis at a time per process: it is CPU-bound, and the requests need the cores too.
#: Others wait, still "queued", holding their parsed table in memory.
SLOTS = threading.BoundedSemaphore(1)
#: Imports a process holds at once, analysing or waiting; more are refused until one is done.
QUEUE_LIMIT = 8
RETRY_PAUSES = (0.05, 0.2, 0.5, 1.0, 2.0, 4.0)  # seconds


def start(pk: int, parsed: ParsedChat, pair: tuple[str, str], zone: str) -> None:
    """Analyse `parsed` for import `pk` in a background thread, once the row is committed.
    `pair` is (the uploader's name in the chat, the partner's); `zone` the uploader's time zone,
    the clock an export of instants is read on (chat.clock)."""

    ChatImport.objects.filter(pk=pk).update(worker=this_worker())

    def launch() -> None:
        thread = threading.Thread(
            target=run, args=(pk, parsed, pair, zone), name=f"{THREAD_PREFIX}{pk}", daemon=True
        )
        thread.start()

    transaction.on_commit(launch)


def run(pk: int, parsed: ParsedChat, pair: tuple[str, str], zone: str) -> None:
    """Analyse and store the aggregates, or record a plain failure. Never raises."""
    close_old_connections()
    try:
        with _slot(pk) as taken:
            if not taken or not _move(pk, ChatImport.QUEUED, ChatImport.ANALYSING):
                return  # withdrawn (or failed as stale) before its turn came
            if alarms.alarming(parsed.messages, pair):
                _offer_check_again(pk)
            try:
                # Only the couple's messages: a group's other members are nobody's business here.
                report = analyze_parsed(
                    only_pair(parsed, pair),
                    me=pair[0],
                    pair=pair,
                    zone=zone,
                    progress=lambda _stage, _done: _still_analysing(pk),
                )
                document = stored.keep(report)
            except Withdrawn:
                return
            except Exception as error:  # any failure: a sentence of ours, never the chat's words
                logger.warning("chat import %s failed: %s", pk, type(error).__name__)
                _move(pk, ChatImport.ANALYSING, ChatImport.FAILED, problem=BROKE, asked=None)
                return
            _finish(pk, document)
    finally:
        connections.close_all()


@contextmanager
def _slot(pk: int) -> Iterator[bool]:
    """The process's analysis slot, True once taken; False when import `pk` stopped being queued
    (withdrawn) while it waited. Meanwhile its row is touched every HEARTBEAT, so that a long
    queue is not taken for a dead thread."""
    while not SLOTS.acquire(timeout=HEARTBEAT):
        if not touch(pk, ChatImport.QUEUED):
            yield False
            return
    try:
        yield True
    finally:
        SLOTS.release()


class Withdrawn(Exception):
    """The import stopped being analysed (withdrawn) between two stages of its analysis."""


def touch(pk: int, status: str) -> bool:
    """Say that import `pk`'s thread is alive, if the row is still `status`; False when it is
    not (withdrawn, or failed as stale). A busy database is no matter: the next touch comes."""
    try:
        return bool(
            ChatImport.objects.filter(pk=pk, status=status).update(updated_at=timezone.now())
        )
    except OperationalError:
        close_old_connections()
        return True


def _still_analysing(pk: int) -> None:
    """Raise Withdrawn when import `pk` is no longer being analysed: stop, and free the memory."""
    if not touch(pk, ChatImport.ANALYSING):
        raise Withdrawn


def busy() -> bool:
    """Whether this process holds QUEUE_LIMIT imports already, analysing or waiting."""
    return len(held()) >= QUEUE_LIMIT


def held() -> set[int]:
    """The imports this process's threads hold, analysing or waiting (a withdrawn one until its
    thread notices, within HEARTBEAT or at the next stage of its analysis)."""
    return {
        int(t.name.removeprefix(THREAD_PREFIX))
        for t in threading.enumerate()
        if t.name.startswith(THREAD_PREFIX)
    }


def _move(pk: int, before: str, after: str, **changes: object) -> bool:
    """Move the row from `before` to `after`; False when it was no longer `before`. A database
    busy for a moment (a writer holding SQLite's lock) is waited out rather than failing the
    analysis: the couple would only have to start again."""
    for pause in RETRY_PAUSES:
        try:
            moved: int = ChatImport.objects.filter(pk=pk, status=before).update(
                status=after, updated_at=timezone.now(), **changes
            )
        except OperationalError:
            close_old_connections()
            time.sleep(pause)
            continue
        return moved == 1
    return False  # still unreachable: the row is failed as stale later


def _offer_check_again(pk: int) -> None:
    """Both people of the import are offered their private safety check again (chat.alarms);
    whatever happens to the analysis, and without a word of why."""
    people = ChatImport.objects.filter(pk=pk).values_list("uploader_id", "partner_id").first()
    try:
        reminders.offer_again(people or (), timezone.now())
    except OperationalError:  # the periodic offer still comes; the analysis goes on
        logger.warning("chat import %s: could not offer the safety check again", pk)


def this_worker() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _finish(pk: int, document: dict[str, Any]) -> None:
    """Store the aggregates and mark the import ready, unless it was withdrawn meanwhile. Saved
    through the model (not a bulk UPDATE) so the sealed field seals them."""
    for pause in RETRY_PAUSES:
        try:
            with transaction.atomic():
                chat = ChatImport.objects.select_for_update().filter(pk=pk).first()
                if chat is None or chat.status != ChatImport.ANALYSING:
                    return
                chat.status, chat.report, chat.updated_at = (
                    ChatImport.READY,
                    document,
                    timezone.now(),
                )
                chat.save(update_fields=["status", "report", "updated_at"])
                return
        except OperationalError:
            close_old_connections()
            time.sleep(pause)


def fail_stale() -> int:
    """Mark as failed the queued or analysing imports whose process on this host has gone, and
    those their thread has not touched for STALE_AFTER. Returns how many."""
    cutoff = timezone.now() - STALE_AFTER
    waiting = ChatImport.objects.filter(status__in=(ChatImport.QUEUED, ChatImport.ANALYSING))
    gone = [
        chat.pk for chat in waiting.filter(worker__startswith=_host()) if not _alive(chat.worker)
    ]
    stale = waiting.filter(updated_at__lt=cutoff).values_list("pk", flat=True)
    failed: int = waiting.filter(pk__in=[*gone, *stale]).update(
        status=ChatImport.FAILED, problem=STOPPED, updated_at=timezone.now(), asked=None
    )
    return failed


def _host() -> str:
    return f"{socket.gethostname()}:"


def _alive(worker: str) -> bool:
    """Whether the process named "host:pid" (on this host) still runs."""
    try:
        pid = int(worker.rsplit(":", 1)[1])
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except (ValueError, IndexError, PermissionError):
        return True  # unreadable, or someone else's process: leave it to the time limit
    return True


def running(pk: int) -> list[threading.Thread]:
    """The threads analysing import `pk` in this process (for tests and for shutting down)."""
    return [t for t in threading.enumerate() if t.name == f"{THREAD_PREFIX}{pk}"]
