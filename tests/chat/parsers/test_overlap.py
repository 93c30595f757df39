"""Rows that overlapping files both hold, read once (parsers/overlap.py)."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import polars as pl

from nearer.chat.parsers import overlap

DOCS = Path(__file__).resolve().parents[3] / "docs" / "chat"


def at(minute: int | None) -> datetime | None:
    return None if minute is None else datetime(2024, 1, 1, 21, minute)  # noqa: DTZ001


def test_a_part_keeps_only_the_rows_beyond_what_earlier_parts_hold() -> None:
    rows = pl.DataFrame(
        {
            "part": [0, 0, 0, 1, 1, 1, 1, 2],
            "message_id": [None, None, "7", None, None, None, "7", None],
            "timestamp": [at(m) for m in (1, 1, 2, 1, 1, 1, 2, None)],
            "author": ["a", "a", "b", "a", "a", "a", "b", None],
            "text": ["ok", "ok", "x", "ok", "ok", "ok", "x, edited", "system line"],
            "kind": ["text"] * 8,
        }
    )
    once, dropped = overlap.once_across_parts(rows, "part", global_ids=False)
    assert once["text"].to_list() == ["ok", "ok", "x", "ok", "system line"]  # "x" was edited
    assert dropped == 3


def parts(*rows: tuple[int, int, str | None, str]) -> pl.DataFrame:
    """Rows (part, minute, message_id, text), all by "a"."""
    part, minute, message_id, text = (list(column) for column in zip(*rows, strict=True))
    return pl.DataFrame(
        {"part": part, "message_id": message_id, "timestamp": [at(m) for m in minute]}
        | {"author": ["a"] * len(rows), "text": text, "kind": ["text"] * len(rows)}
    )


def test_one_row_alike_where_parts_meet_stays_and_two_in_a_row_are_one_overlap() -> None:
    meet = parts((0, 1, None, "hi"), (0, 5, None, "haha"), (1, 5, None, "haha"), (1, 6, None, "x"))
    assert overlap.once_across_parts(meet, "part", global_ids=False)[1] == 0
    run = parts((0, 4, None, "a"), (0, 5, None, "b"), (1, 4, None, "a"), (1, 5, None, "b"))
    once, dropped = overlap.once_across_parts(run, "part", global_ids=False)
    assert once["text"].to_list() == ["a", "b"] and dropped == 2


def test_an_id_is_one_message_alone_only_where_ids_are_global() -> None:
    # A plain CSV numbers its own rows: id 1 at another time is another message.
    rows = parts((0, 2, "1", "hi"), (0, 4, "2", "yo"), (1, 1, "7", "new"), (1, 3, "1", "x"))
    assert overlap.once_across_parts(rows, "part", global_ids=False)[1] == 0
    assert overlap.once_across_parts(rows, "part", global_ids=True)[1] == 1
    edited = parts((0, 1, "1", "hi"), (0, 2, "2", "yo"), (1, 2, "2", "yo!"), (1, 3, "3", "x"))
    assert overlap.once_across_parts(edited, "part", global_ids=False)[1] == 1


def test_attachments_tell_rows_apart_and_are_left_out_of_the_result() -> None:
    photos = parts(*((n // 2, 1, None, "") for n in range(4)))
    for files, repeats in ((["1.jpg", "2.jpg", "3.jpg", "4.jpg"], 0), (["1", "2", "1", "2"], 2)):
        once, dropped = overlap.once_across_parts(
            photos.with_columns(pl.Series(overlap.ATTACHED, files)), "part", global_ids=False
        )
        assert dropped == repeats and once.columns == photos.columns


def test_the_docs_quote_the_duplicate_warning_as_it_is_written() -> None:
    text = " ".join((DOCS / "formats.md").read_text(encoding="utf-8").split())
    quoted = re.findall(r"`([^`|]*duplicate[^`|]*)`", text)
    assert quoted
    for warning in quoted:
        count = int(re.findall(r"\d+", warning)[0])
        assert [warning] == overlap.dropped(count)
