"""Rows that overlapping files of one chat both hold, read once.

A chat split over several files (CSV parts, a whole export beside one of its parts, two exports
whose dates meet) holds some messages twice; counted twice, they would swell every count and
make a reply of each repeat. A row is a repeat when an earlier file holds the same row: the
same `message_id` where the row has one, else the same time, sender, text and kind. Within one
file identical rows are kept (people do send "ok" twice in a minute), so a file keeps those of
its rows that go beyond the earlier files' count of the same row: read once, two files of which
one holds "ok" twice give "ok" twice.
"""

from __future__ import annotations

import polars as pl

from nearer.chat.wording import counted

#: What makes two rows one message, when the row has no message_id.
_SAME = ("timestamp", "author", "text", "kind")


def once_across_parts(rows: pl.DataFrame, part: str) -> tuple[pl.DataFrame, int]:
    """`rows` without the repeats (module docstring) of rows in an earlier part, and how many
    rows were left out. `part` names a column numbering the files; `rows` holds each part's
    rows together, parts in the order they count as earlier, and keeps its order."""
    has_id = pl.col("message_id").is_not_null()
    keys = [pl.col("message_id").alias("_key_id")]
    keys += [pl.when(~has_id).then(pl.col(name)).alias(f"_key_{name}") for name in _SAME]
    key = ["_key_id", *(f"_key_{name}" for name in _SAME)]
    nth = pl.int_range(1, pl.len() + 1, dtype=pl.UInt32).over(part, *key)
    marked = rows.with_columns(keys).with_columns(
        nth.alias("_nth"), pl.len().over(part, *key).alias("_count")
    )
    # The most times an earlier part holds the row: the running maximum of the counts before
    # this part's first such row (a part's rows lie together, so those are earlier parts').
    before = pl.col("_count").cum_max().shift(1).over(key).fill_null(0)
    marked = marked.with_columns(before.alias("_before")).with_columns(
        pl.col("_before").first().over(part, *key)
    )
    kept = marked.filter(pl.col("_nth") > pl.col("_before"))
    return kept.select(rows.columns), rows.height - kept.height


def dropped(count: int) -> list[str]:
    """The warning that `count` repeated messages were left out; none for none."""
    return [f"dropped {counted(count, 'duplicate message')} across the files"] if count else []
