"""One reserved password attempt answered exactly once (see throttle.py): given back when right,
kept as wrong when wrong or when the check itself failed.

An answer that fails (the database briefly refused the write) is tried once more, the same
answer, before the request ends: left unanswered, the attempt would make everyone else at that
account wait for it (BUSY) until CHECKED_WITHIN, and be counted as wrong after IN_FLIGHT even
when the password was right."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from django.utils import timezone

from nearer.web.security import throttle

logger = logging.getLogger(__name__)

Answer = Callable[[bool], "timedelta | None"]


@contextmanager
def answered(buckets: list[throttle.Bucket], reserved_at: datetime) -> Iterator[Answer]:
    """Answer the attempt reserved at `reserved_at` by calling the yielded function with whether
    the password was right (it returns the pause a wrong one started). If that call raises, the
    same answer is tried once more on the way out; if it was never called (the check raised),
    the attempt is kept as the wrong one it may have been. A second failure is logged, not
    raised: the request's own error is the one to report."""
    sent, meant = False, False

    def answer(right: bool) -> timedelta | None:
        nonlocal sent, meant
        meant = right
        pause = _send(buckets, reserved_at, right)
        sent = True  # only once the throttle has it
        return pause

    try:
        yield answer
    finally:
        if not sent:
            _send_again(buckets, reserved_at, meant)


def _send(buckets: list[throttle.Bucket], reserved_at: datetime, right: bool) -> timedelta | None:
    if right:
        throttle.give_back(buckets, reserved_at)
        return None
    pause: timedelta | None = throttle.keep(buckets, reserved_at, timezone.now())
    return pause


def _send_again(buckets: list[throttle.Bucket], reserved_at: datetime, right: bool) -> None:
    try:
        _send(buckets, reserved_at, right)
    except Exception:
        logger.exception(
            "A password attempt could not be answered (%s); it stops holding others back after "
            "%s and counts as wrong after %s",
            "right" if right else "wrong",
            throttle.CHECKED_WITHIN,
            throttle.IN_FLIGHT,
        )
