"""The weekly table as CSV for researchers: one row per week × person, plus a couple row per week.

Columns are weekly.py's (documented in docs/chat/signals.md and docs/chat/json.md); dates are ISO
8601, empty cells are null (nothing to measure, out of scope, or unavailable for the language).
Text cells a spreadsheet would run as a formula (a person named `=cmd|…` or `+44 7700 900123`)
get a leading `'` (see domain.spreadsheet).
"""

from __future__ import annotations

import polars as pl

from nearer.chat.report import Report
from nearer.domain.spreadsheet import FORMULA_START


def render_csv(report: Report) -> str:
    """The weekly table as CSV text (comma-separated, header row, floats to 4 decimals)."""
    text = pl.col(pl.String)
    inert = pl.when(text.str.contains(FORMULA_START)).then(pl.lit("'") + text).otherwise(text)
    table = report.weekly.with_columns(inert.name.keep())
    return table.write_csv(float_precision=4, date_format="%Y-%m-%d")
