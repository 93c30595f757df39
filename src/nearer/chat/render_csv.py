"""The weekly table as CSV for researchers: one row per week × person, plus a couple row per week.

Columns are weekly.py's (documented in docs/chat/signals.md and docs/chat/json.md); dates are ISO
8601, empty cells are null (nothing to measure, out of scope, or unavailable for the language).
Text cells a spreadsheet would run as a formula (a person named `=cmd|…` or `+44 7700 900123`)
get a leading `'` (see domain.spreadsheet). Several chats' tables make one (`corpus_header`,
`corpus_rows`), a `chat` column first naming each row's chat.
"""

from __future__ import annotations

import polars as pl

from nearer.chat import weekly
from nearer.chat.report import Report
from nearer.domain.spreadsheet import FORMULA_START

CHAT = "chat"


def render_csv(report: Report) -> str:
    """The weekly table as CSV text (comma-separated, header row, floats to 4 decimals)."""
    return _csv(report.weekly)


def corpus_header() -> str:
    """The header line of several chats' table: `chat`, then the weekly table's columns."""
    return pl.DataFrame(schema=dict.fromkeys((CHAT, *weekly.COLUMNS), pl.String)).write_csv()


def corpus_rows(name: str, weeks: pl.DataFrame) -> str:
    """One chat's rows of that table, without the header: its weekly table behind its `name`.
    Each chat's are rendered alone (in the process that analysed it, by `nearer corpus`), so a
    table of many chats is held as text, never as many tables, and each chat's cells are the
    ones `render_csv` writes for it alone."""
    named = weeks.select(pl.lit(name, pl.String).alias(CHAT), *weekly.COLUMNS)
    return _csv(named, header=False)


def _csv(table: pl.DataFrame, header: bool = True) -> str:
    text = pl.col(pl.String)
    inert = pl.when(text.str.contains(FORMULA_START)).then(pl.lit("'") + text).otherwise(text)
    return table.with_columns(inert.name.keep()).write_csv(
        include_header=header, float_precision=4, date_format="%Y-%m-%d"
    )
