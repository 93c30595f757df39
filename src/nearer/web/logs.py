"""Log records kept to one line where a traceback says nothing an operator can use."""

from __future__ import annotations

import logging


class WithoutTraceback(logging.Filter):
    """Drop the traceback from a record, keeping its message. Django logs every request for a
    host outside ALLOWED_HOSTS with a full traceback; a public server gets such requests from
    scanners all day, and they would bury the lines that matter."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        return True
