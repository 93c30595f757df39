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
    links to, else /etc/timezone's, else UTC. The system's `posix/` and `right/` copies of a zone
    (the latter counting leap seconds, which chat times never do) are read as the zone."""
    candidates = [os.environ.get("TZ", "").lstrip(":"), _linked_zone(), _zone_file()]
    plain = (name.removeprefix("posix/").removeprefix("right/") for name in candidates)
    return next((name for name in plain if name and known(name)), "UTC")


def _linked_zone() -> str:
    try:
        return str(LOCALTIME.resolve()).partition("zoneinfo/")[2]
    except OSError:
        return ""


def _zone_file() -> str:
    try:
        return TIMEZONE_FILE.read_text(encoding="utf-8").strip()
    except OSError:
        return ""
