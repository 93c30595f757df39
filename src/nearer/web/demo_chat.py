"""The demo couple's chat as an upload of it is kept (chats.stored): nearer's own generated
WhatsApp export (chat.demo), analysed in a process of its own.

`nearer serve --demo` seeds before gunicorn forks its workers, and polars' thread pool, once
started in a process, does not survive a fork: a worker's first analysis would wait for threads
that are not there. So the seeding process never analyses; a spawned one does, importing nothing
of Django (this module must stay free of it)."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from typing import Any


def kept_elsewhere(start: date, days: int, pair: tuple[str, str]) -> dict[str, Any]:
    """`kept`, worked out in a newly spawned process."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        document: dict[str, Any] = pool.submit(kept, start, days, pair).result()
    return document


def kept(start: date, days: int, pair: tuple[str, str]) -> dict[str, Any]:
    """What an upload of the demo chat of `days` days from `start` keeps, uploaded by `pair[0]`
    (the names the chat gives the two: chat.demo.NAMES)."""
    from nearer.chat import demo
    from nearer.chat.pipeline import analyze
    from nearer.chat.records import ChatFile
    from nearer.web.chats import stored

    export = demo.generate(start, days=days)
    report = analyze([ChatFile(demo.file_name(), export)], me=pair[0], pair=pair, zone="UTC")
    return stored.keep(report)
