"""The weekly table as CSV for researchers: one row per week × person, plus a couple row per week.

Columns are weekly.py's (documented in docs/chat/signals.md and docs/chat/json.md); dates are ISO
8601, empty cells are null (nothing to measure, out of scope, or unavailable for the language).
Text cells a spreadsheet would run as a formula (a person named `=cmd|…` or `+44 7700 900123`)
get a leading `'` (see domain.spreadsheet). Several chats' tables make one (`corpus_csv`), a
`chat` column first naming each row's chat.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from nearer.chat.report import Report
from nearer.domain.spreadsheet import FORMULA_START

CHAT = "chat"


def render_csv(report: Report) -> str:
    """The weekly table as CSV text (comma-separated, header row, floats to 4 decimals)."""
    return _csv(report.weekly)


def corpus_csv(weeks: Sequence[tuple[str, pl.DataFrame]]) -> str:
    """Several chats' weekly tables, each given with its chat's name, as one CSV text: a `chat`
    column first, then the weekly columns, the chats' rows in the order given."""
    named = [table.select(pl.lit(name, pl.String).alias(CHAT), pl.all()) for name, table in weeks]
    return _csv(pl.concat(named, how="diagonal_relaxed"))


def _csv(table: pl.DataFrame) -> str:
    text = pl.col(pl.String)
    inert = pl.when(text.str.contains(FORMULA_START)).then(pl.lit("'") + text).otherwise(text)
    return table.with_columns(inert.name.keep()).write_csv(
        float_precision=4, date_format="%Y-%m-%d"
    )
