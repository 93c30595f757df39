"""Account emails sent off the request path, so that the time a form takes says nothing.

The password-reset and sign-up forms email someone only when the address has an account; sent
inside the request, an SMTP round trip made the answer several times slower exactly then
(84 ms against 17 ms), telling anyone who asks whether an email has an account. So a message
is handed to one sending thread per process, through a bounded queue, and the request answers
at once either way.

A full queue (a stalled mail server, many requests) drops the message and logs it: an email
that would be late by minutes is no better than none, and the request must not wait. A failing
send is logged without the addresses (SMTPRecipientsRefused carries them), naming the mail
server tried (host and port, never the password). When the process ends, the messages still
queued are sent for up to DRAIN_AT_EXIT seconds; how many that leaves unsent is logged (a
count, no address). settings.EMAIL_TIMEOUT keeps a stalled mail server from holding the sending
thread for ever.

With settings.ACCOUNT_EMAILS_IN_BACKGROUND off (the tests' settings), a message is sent on the
calling thread, so that tests see it in mail.outbox at once; `flush` waits for the queue.
"""

from __future__ import annotations

import atexit
import logging
import os
import queue
import threading
import time

from django.conf import settings
from django.core.mail import EmailMessage

logger = logging.getLogger(__name__)

#: How many messages may wait; beyond it, new ones are dropped (and logged).
QUEUE_SIZE = 200
#: Seconds the process's exit gives the messages still queued.
DRAIN_AT_EXIT = 5.0

_queue: queue.Queue[EmailMessage] = queue.Queue(maxsize=QUEUE_SIZE)
_lock = threading.Lock()
_worker_pid: int | None = None  # the process whose sending thread runs (gunicorn forks)


def send_later(message: EmailMessage) -> None:
    """Send `message` from the sending thread; return at once, whatever becomes of it."""
    if not settings.ACCOUNT_EMAILS_IN_BACKGROUND:
        send_now(message)
        return
    _start_worker()
    try:
        _queue.put_nowait(message)
    except queue.Full:
        logger.error("An account email was dropped: %d are waiting to be sent", QUEUE_SIZE)


def send_now(message: EmailMessage) -> None:
    """Send `message`; a failure is logged by its kind and the mail server tried, never with
    an address or the password."""
    try:
        message.send()
    except Exception as error:  # any backend's failure, as Django's password reset form does
        logger.error("An account email could not be sent%s (%s)", _via(), type(error).__name__)


def _via() -> str:
    """' through HOST:PORT' for the SMTP backend, which settings point at a mail server."""
    if not settings.EMAIL_BACKEND.endswith(".smtp.EmailBackend"):
        return ""
    return f" through {settings.EMAIL_HOST}:{settings.EMAIL_PORT}"


def flush() -> None:
    """Wait until every queued message has been sent or has failed."""
    _queue.join()


def _start_worker() -> None:
    global _worker_pid
    with _lock:
        if _worker_pid == os.getpid():
            return
        threading.Thread(target=_work, name="nearer-outbox", daemon=True).start()
        atexit.register(drain, DRAIN_AT_EXIT)
        _worker_pid = os.getpid()


def drain(seconds: float) -> int:
    """Send what is still queued, for up to `seconds` (at the process's exit); log and return
    how many are left unsent."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            message = _queue.get_nowait()
        except queue.Empty:
            break
        try:
            send_now(message)
        finally:
            _queue.task_done()
    left = _queue.qsize()
    if left:
        logger.error("%d account emails were not sent before the process ended", left)
    return left


def _work() -> None:
    while True:
        message = _queue.get()
        try:
            send_now(message)
        finally:
            _queue.task_done()
