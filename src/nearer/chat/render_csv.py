"""The weekly table as CSV for researchers: one row per week × person, plus a couple row per week.

Columns are weekly.py's (documented in docs/chat/signals.md and docs/chat/json.md); dates are ISO
8601, empty cells are null (nothing to measure, out of scope, or unavailable for the language).
"""

from __future__ import annotations

from nearer.chat.report import Report


def render_csv(report: Report) -> str:
    """The weekly table as CSV text (comma-separated, header row, floats to 4 decimals)."""
    return report.weekly.write_csv(float_precision=4, date_format="%Y-%m-%d")
