"""Rows that overlapping files of one chat both hold, read once.

A chat split over several files (CSV parts, a whole export beside one of its parts, two exports
whose dates meet) holds some messages twice; counted twice, they would swell every count and
make a reply of each repeat. But times are to the minute, and people do send "haha" twice in a
minute, so a row is left out only where two files truly overlap. Each file, in the order they
count as earlier, is compared with the rows the earlier files kept, inside the time span both
cover (from the later of their first times to the earlier of their last); there a row is a
repeat when:

- it has a `message_id` an earlier file holds: the id alone where ids are global (`global_ids`:
  Discord's), else with the same time and sender too, since a plain CSV may number each file's
  rows from 1;
- without an id, it lies in a run of at least two consecutive rows that an earlier file holds
  consecutively, in the same order, alike in time, sender, text, kind and attachment (the
  column `ATTACHED`, where the parser gives one): the end of one file repeated at the start of
  the next, or the whole of one file inside the other. One row alike where two files meet (the
  same "haha" at the same minute) is two messages.

Rows are paired one to one, so identical rows within one file are all kept, and of two files
holding "ok", "ok" and "ok", "ok", "ok" at one minute, with more alike around them, three
"ok" remain.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from datetime import datetime
from difflib import SequenceMatcher

import polars as pl

from nearer.chat.caveats import Caveat, Kind
from nearer.chat.wording import counted

#: A column a parser may add to tell rows apart by their attachment (a file name or URL; ""
#: for none); `once_across_parts` compares it and leaves it out of what it returns.
ATTACHED = "_attached"
#: The fewest consecutive rows alike, without ids, that make an overlap.
_RUN = 2
_ROW = "_overlap_row"


def once_across_parts(
    rows: pl.DataFrame, part: str, *, global_ids: bool
) -> tuple[pl.DataFrame, int]:
    """`rows` without the repeats (module docstring) of rows in an earlier part, and how many
    rows were left out. `part` names a column numbering the files; `rows` holds each part's
    rows together, parts in the order they count as earlier, and keeps its order, without the
    ATTACHED column."""
    numbered = rows.with_columns(pl.int_range(pl.len(), dtype=pl.UInt32).alias(_ROW))
    parts = numbered.partition_by(part, maintain_order=True)
    repeats: set[int] = set()
    for n in range(1, len(parts)):
        repeats |= _repeats(pl.concat(parts[:n]), parts[n], repeats, global_ids)
    kept = numbered.filter(~pl.col(_ROW).is_in(sorted(repeats)))
    return kept.select(name for name in rows.columns if name != ATTACHED), len(repeats)


def _repeats(
    earlier: pl.DataFrame, mine: pl.DataFrame, left_out: set[int], global_ids: bool
) -> set[int]:
    """The row numbers of `mine` that repeat rows of `earlier` not already `left_out`."""
    span = _shared_span(earlier, mine)
    if span is None:
        return set()
    inside = pl.col("timestamp").is_between(*span)
    theirs = earlier.filter(inside & ~pl.col(_ROW).is_in(sorted(left_out)))
    ours = mine.filter(inside)
    their_keys, our_keys = _keys(theirs, global_ids), _keys(ours, global_ids)
    numbers = ours[_ROW].to_list()
    held = set(their_keys)
    found = {n for n, key in zip(numbers, our_keys, strict=True) if key[0] and key in held}
    matcher = SequenceMatcher(None, their_keys, our_keys, autojunk=False)
    for block in matcher.get_matching_blocks():
        if block.size >= _RUN:
            found.update(numbers[block.b : block.b + block.size])
    return found


def _shared_span(earlier: pl.DataFrame, mine: pl.DataFrame) -> tuple[datetime, datetime] | None:
    """The times both tables cover, first and last included; None when they do not meet."""
    theirs, ours = _bounds(earlier), _bounds(mine)
    if theirs is None or ours is None:
        return None
    first, last = max(theirs[0], ours[0]), min(theirs[1], ours[1])
    return (first, last) if first <= last else None


def _bounds(rows: pl.DataFrame) -> tuple[datetime, datetime] | None:
    """The first and last time of `rows`; None when no row has one."""
    first, last = rows["timestamp"].min(), rows["timestamp"].max()
    if isinstance(first, datetime) and isinstance(last, datetime):
        return first, last
    return None


def _keys(rows: pl.DataFrame, global_ids: bool) -> Sequence[tuple[Hashable, ...]]:
    """What makes each row the same as another (module docstring); a key starts with the id,
    a true value, exactly when the row has one."""
    attached = pl.col(ATTACHED) if ATTACHED in rows.columns else pl.lit("")
    columns = ("message_id", "timestamp", "author", "text", pl.col("kind").cast(pl.String))
    keys: list[tuple[Hashable, ...]] = []
    for message_id, when, author, text, kind, file in rows.select(*columns, attached).iter_rows():
        if message_id:
            keys.append((message_id,) if global_ids else (message_id, when, author))
        else:
            keys.append((None, when, author, text, kind, file))
    return keys


def dropped(count: int) -> list[Caveat]:
    """The warning that `count` repeated messages were left out; none for none."""
    if not count:
        return []
    text = f"dropped {counted(count, 'duplicate message')} across the files"
    return [Caveat(Kind.DUPLICATES, text, count)]
