"""Rows that overlapping files both hold, read once (parsers/overlap.py)."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl

from nearer.chat.parsers import overlap

DOCS = Path(__file__).resolve().parents[3] / "docs" / "chat"


def test_a_part_keeps_only_the_rows_beyond_what_earlier_parts_hold() -> None:
    rows = pl.DataFrame(
        {
            "part": [0, 0, 0, 1, 1, 1, 1, 2],
            "message_id": [None, None, "7", None, None, None, "7", None],
            "timestamp": [1, 1, 2, 1, 1, 1, 2, None],
            "author": ["a", "a", "b", "a", "a", "a", "b", None],
            "text": ["ok", "ok", "x", "ok", "ok", "ok", "x, edited", "system line"],
            "kind": ["text"] * 8,
        }
    )
    once, dropped = overlap.once_across_parts(rows, "part")
    assert once["text"].to_list() == ["ok", "ok", "x", "ok", "system line"]
    assert dropped == 3


def test_the_docs_quote_the_duplicate_warning_as_it_is_written() -> None:
    text = " ".join((DOCS / "formats.md").read_text(encoding="utf-8").split())
    quoted = re.findall(r"`([^`|]*duplicate[^`|]*)`", text)
    assert quoted
    for warning in quoted:
        count = int(re.findall(r"\d+", warning)[0])
        assert [warning] == overlap.dropped(count)
