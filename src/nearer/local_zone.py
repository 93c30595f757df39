"""This computer's time zone, read from the environment and the system, for `nearer analyze`: an
edge, so the analyser (nearer.chat.clock) is handed a zone name and reads nothing itself."""

from __future__ import annotations

import os
from pathlib import Path

from nearer.chat.clock import known

LOCALTIME = Path("/etc/localtime")
TIMEZONE_FILE = Path("/etc/timezone")


def local_zone() -> str:
    """The IANA time zone of this computer: $TZ when it names one, else the zone /etc/localtime
    links to, else /etc/timezone's, else UTC. A path to a zone's file is read as its name, and
    the system's `posix/` and `right/` copies of a zone (the latter counting leap seconds, which
    chat times never do) as the zone. A POSIX rule ($TZ=EST5EDT,M3.2.0,M11.1.0) names no zone."""
    candidates = [os.environ.get("TZ", "").lstrip(":"), _linked_zone(), _zone_file()]
    return next((name for name in map(_plain, candidates) if name and known(name)), "UTC")


def _plain(name: str) -> str:
    """A zone's name from a path to its file (`/usr/share/zoneinfo/America/New_York`, as $TZ
    may hold it) and without the system's `posix/` or `right/` folder."""
    if name.startswith("/"):
        name = name.partition("zoneinfo/")[2]
    return name.removeprefix("posix/").removeprefix("right/")


def _linked_zone() -> str:
    try:
        return str(LOCALTIME.resolve())
    except OSError:
        return ""


def _zone_file() -> str:
    try:
        return TIMEZONE_FILE.read_text(encoding="utf-8").strip()
    except OSError:
        return ""
