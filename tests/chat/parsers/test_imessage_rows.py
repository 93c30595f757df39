"""The raw rows of a Messages database: only the columns it has are asked for, its dates in
seconds or nanoseconds read alike, yes/no facts packed in `flags`."""

from __future__ import annotations

import sqlite3

from nearer.chat.parsers.imessage_rows import fetch, flag, select


def old_database() -> sqlite3.Connection:
    """A message table of an old macOS: no edits, no attributedBody, no attachments."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE message (guid TEXT, text TEXT, date INTEGER, is_from_me INTEGER)")
    db.execute("INSERT INTO message VALUES ('a', 'hi', 600000000, 1)")  # seconds
    db.execute("INSERT INTO message VALUES ('b', 'hey', 600000060000000000, 0)")  # nanoseconds
    return db


def test_columns_an_old_database_lacks_are_read_as_null() -> None:
    present = {"rowid", "guid", "text", "date", "is_from_me"}
    rows = fetch(old_database(), select(present), ())
    assert rows["text"].to_list() == ["hi", "hey"]
    assert rows["body"].to_list() == [None, None]
    assert rows["author"].to_list() == [None, None]


def test_dates_in_seconds_and_in_nanoseconds_become_microseconds() -> None:
    rows = fetch(old_database(), select({"rowid", "date"}), ())
    assert rows["micros"].to_list() == [600_000_000_000_000, 600_000_060_000_000]


def test_yes_no_facts_are_read_back_from_the_flags() -> None:
    present = {"rowid", "is_from_me"}
    rows = fetch(old_database(), select(present), ())
    assert rows.select(flag("from_me")).to_series().to_list() == [True, False]
    assert rows.select(flag("edited")).to_series().to_list() == [False, False]


def test_text_that_is_not_utf8_is_read_with_replacement_characters() -> None:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE message (text TEXT)")
    db.execute("INSERT INTO message VALUES (CAST(X'6869ff' AS TEXT))")
    rows = fetch(db, select({"rowid", "text"}), ())
    assert rows["text"].to_list() == ["hi\ufffd"]
