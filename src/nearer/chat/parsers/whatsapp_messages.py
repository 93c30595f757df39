"""From a WhatsApp export's lines to its messages table, a window of lines at a time.

By now every line is known to start a message (`is_header`, with its `timestamp`) or to continue
the one above. What is left is local to a message, so the lines are cut into windows of whole
messages and each window becomes table rows on its own: the memory for intermediate columns
stays bounded whatever the size of the export.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise

import polars as pl

from nearer.chat.caveats import Caveat, Kind
from nearer.chat.parsers.people import apart_by_contact
from nearer.chat.parsers.whatsapp_body import (
    classify,
    name_authors,
    split_rest,
    unexplained_marks,
)
from nearer.chat.parsers.whatsapp_lines import to_nfc
from nearer.chat.records import KIND, SCHEMA

_WINDOW = 50_000  # messages per window
_THREADS = 2  # windows worked on at once


def messages(lines: pl.DataFrame) -> tuple[pl.DataFrame, list[Caveat]]:
    """The messages table (`SCHEMA`, file order) and notes on skipped lines and on lines that
    look like WhatsApp's notices in a language nearer lacks (unexplained_marks); a name written
    both as `~ Name` and as a contact's is two people, labelled apart (people.apart_by_contact).

    `lines` has one row per line in file order: `is_header` (the line starts a message), its
    `timestamp`, `rest` (the text after the header, or the whole line) and `hinted` (the line
    carries iOS's system mark).
    """

    def window(bounds: tuple[int, int]) -> tuple[pl.DataFrame, list[Caveat]]:
        start, end = bounds
        return _window(lines.slice(start, end - start), start)

    # polars lets go of the GIL while it works, so two windows at a time keep two cores busy.
    with ThreadPoolExecutor(_THREADS) as pool:
        done = list(pool.map(window, _windows(lines["is_header"])))
    pieces = [piece for piece, _ in done]
    notes = [note for _, skipped in done for note in skipped]
    if not pieces:
        return pl.DataFrame(schema=SCHEMA), notes
    table = pl.concat(pieces)
    notes += unexplained_marks(table)
    table = table.with_columns(
        index=pl.int_range(pl.len(), dtype=pl.UInt32),
        message_id=pl.lit(None, dtype=pl.String),
        target_id=pl.lit(None, dtype=pl.String),
    )
    table = table.select(pl.col(name).cast(dtype) for name, dtype in SCHEMA.items())
    return apart_by_contact(table), notes  # "~ Alex" and a contact "Alex" are two people


def _windows(is_header: pl.Series) -> Iterator[tuple[int, int]]:
    """Row ranges covering every line; each starts at a header, except the first."""
    cuts = is_header.arg_true().gather_every(_WINDOW)[1:].to_list()
    bounds = [0, *cuts, is_header.len()]
    return pairwise(bounds)


def _window(lines: pl.DataFrame, offset: int) -> tuple[pl.DataFrame, list[Caveat]]:
    """The messages of a window of lines that starts at a header (or at the file's start)."""
    lines = lines.with_row_index("line", offset=offset + 1).with_columns(
        message=pl.col("is_header").cum_sum()
    )
    tails = (
        lines.select("message", "rest")
        .filter(~lines["is_header"] & (lines["message"] > 0))
        .group_by("message", maintain_order=True)
        .agg(tail=pl.col("rest"))  # then joined: several times faster than str.join in agg
        .with_columns(pl.col("tail").list.join("\n"))
    )
    preamble = lines["rest"].filter(lines["message"] == 0)
    notes: list[Caveat] = []
    if preamble.str.strip_chars().str.len_bytes().sum() > 0:
        text = f"{preamble.len()} line(s) before the first message were skipped"
        notes.append(Caveat(Kind.SKIPPED_LINES, text, preamble.len()))
    heads = split_rest(lines.drop("is_header").filter(lines["is_header"]))
    heads = _join_tails(name_authors(heads), tails)
    return classify(heads).select(
        "timestamp",
        "author",
        "text",
        pl.col("kind").cast(KIND),
        "line",
        "saved_contact",
        "missed",
        "unexplained",
        "worded",
    ), notes


def _join_tails(heads: pl.DataFrame, tails: pl.DataFrame) -> pl.DataFrame:
    """Each message's body with its continuation lines, in NFC.

    `tails` holds the continuation lines of each multi-line message by `message` (1-based,
    like the rows of `heads`); trailing empty lines are dropped.
    """
    body = heads["body"]
    first = heads["message"][0] if heads.height else 1
    tails = tails.filter(pl.col("tail").str.strip_chars_end("\n") != "")
    if tails.height:
        rows = tails["message"] - first
        joined = pl.DataFrame({"first": body.gather(rows), "tail": tails["tail"]}).select(
            (pl.col("first") + "\n" + pl.col("tail")).str.strip_chars_end("\n")
        )
        body = body.clone().scatter(rows, joined.to_series())
    return heads.with_columns(
        body=to_nfc(body),
        author=to_nfc(heads["author"]),
        hinted=pl.col("hinted") | body.str.starts_with("\u200e"),
    ).drop("message")
