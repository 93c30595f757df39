"""A day as nearer reads one, in a page's address, a form or a command's option: YYYY-MM-DD and
nothing else.

`date.fromisoformat` also reads "20260105" and "2026-W02-1", which would give one day several
addresses and let `--week-start` take what its help does not promise.
"""

from __future__ import annotations

import re
from datetime import date

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def parse(raw: str | None) -> date | None:
    """The day `raw` names, or None when it is absent or not a real YYYY-MM-DD date."""
    if raw is None or not _DAY.fullmatch(raw):
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:  # 2026-02-30
        return None
