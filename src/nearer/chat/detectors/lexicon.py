"""The hand-written word lists in lexicon.txt, as (feature, category) rows the scorer can join.

A list entry counts once each time it occurs in a message: "sorry" in "so sorry, so sorry" counts
twice. Entries are single tokens or adjacent pairs, because those are what `features.keys` hashes.
"""

from __future__ import annotations

import re

import polars as pl

from nearer.chat.detectors.features import words

_SECTION = re.compile(r"^\[([a-z_]+)\]$")


class LexiconError(ValueError):
    """The word lists are malformed: names the line at fault."""


def parse_lexicon(text: str) -> pl.DataFrame:
    """Rows of `feature` (tokenised entry, words joined by one space) and `category`.

    Raises LexiconError for an entry outside a section or longer than two tokens."""
    rows: list[tuple[str, str, int]] = []
    category = ""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        header = _SECTION.match(stripped)
        if header:
            category = header.group(1)
            continue
        if not category:
            raise LexiconError(f"lexicon line {number}: entry before any [section]")
        rows += [
            (category, entry.strip(), number) for entry in stripped.split(",") if entry.strip()
        ]
    entries = pl.DataFrame(
        rows, schema={"category": pl.String, "entry": pl.String, "line": pl.Int64}, orient="row"
    )
    return _tokenised(entries)


def _tokenised(entries: pl.DataFrame) -> pl.DataFrame:
    tokens = words(entries["entry"]).group_by("row", maintain_order=True).agg("word")
    joined = entries.with_row_index("row").join(tokens, on="row", how="left")
    too_long = joined.filter(pl.col("word").list.len().fill_null(0).is_in([1, 2]).not_())
    if too_long.height:
        first = too_long.row(0, named=True)
        raise LexiconError(
            f"lexicon line {first['line']}: {first['entry']!r} is not one or two tokens"
        )
    return joined.select(pl.col("word").list.join(" ").alias("feature"), "category").unique(
        maintain_order=True
    )
