"""sigexport's data.json, read as records: one JSON dict per line (or a JSON array of them), every
field as text (nested values as JSON text), each record's line, and a record's reactions. What the
fields mean is `signal`'s to say; this module only gets them out of the bytes, naming the file
and line of anything it cannot read.

polars reads the lines, so a million records take seconds; a JSON array is rewritten as lines
first, so that a "line" is a record number (an error calls it a message). A lone surrogate escape
(valid JSON, not text) becomes U+FFFD: polars would read it as U+0000.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
from typing import NoReturn

import polars as pl

from nearer.chat.records import ChatParseError

_JSON_FIELDS = ("date", "sender", "body", "sticker", "reactions", "attachments", "deleted")
_JSON_SCHEMA = {name: pl.String() for name in (*_JSON_FIELDS, "call", "missed")}
_SURROGATE = re.compile("[\ud800-\udfff]")
# A \uD800-\uDFFF escape that is not half of a pair, after an even run of backslashes.
_LONE_SURROGATE = re.compile(
    rb"(?<!\\)((?:\\\\)*)(?:\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f][0-9a-f]{2})"
    rb"|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2})",
    re.IGNORECASE,
)


def records(data: bytes, name: str) -> pl.DataFrame:
    """Each record's fields as strings (nested values as JSON text) and its line."""
    if data.lstrip()[:1] == b"[":
        data = _array_as_lines(data, name)  # so lines are record numbers
    if b"\\u" in data:  # polars would read a lone surrogate escape as U+0000
        data = _LONE_SURROGATE.sub(rb"\1\\ufffd", data)
    try:
        raw = _ndjson(data)
    except pl.exceptions.PolarsError as error:
        _raise_json_error(data, name, error)
    return raw.with_columns(line=_record_lines(data, raw.height, name))


def _ndjson(data: bytes) -> pl.DataFrame:
    try:
        return pl.read_ndjson(io.BytesIO(data), schema=_JSON_SCHEMA)
    except pl.exceptions.ComputeError:
        lenient = data.decode("utf-8", "replace").encode()  # invalid UTF-8 becomes U+FFFD
        if lenient == data:
            raise
        return pl.read_ndjson(io.BytesIO(lenient), schema=_JSON_SCHEMA)


def _record_lines(data: bytes, records: int, name: str) -> pl.Series:
    """The line of each record: 1…n unless blank lines sit between records."""
    if records in (data.count(b"\n") + 1, data.rstrip(b"\n").count(b"\n") + 1):
        return pl.int_range(1, records + 1, dtype=pl.UInt32, eager=True)
    lines = [n for n, line in enumerate(data.split(b"\n"), start=1) if line.strip()]
    if len(lines) != records:
        raise ChatParseError(name, "expected one JSON object per line")
    return pl.Series(lines, dtype=pl.UInt32)


def _array_as_lines(data: bytes, name: str) -> bytes:
    try:
        records = json.loads(data)
    except (ValueError, RecursionError) as error:
        raise ChatParseError(name, f"invalid JSON ({error})") from None
    if not isinstance(records, list):
        raise ChatParseError(name, "expected a JSON array of messages")
    return "\n".join(json.dumps(record) for record in records).encode()


def _raise_json_error(data: bytes, name: str, error: Exception) -> NoReturn:
    """Find the line polars refused, to name it; else say what polars said."""
    for number, line in enumerate(data.split(b"\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as refused:
            raise ChatParseError(name, f"invalid JSON ({refused})", number) from None
        if not isinstance(record, dict):
            raise ChatParseError(name, "expected a JSON object per message", number)
    raise ChatParseError(name, f"unreadable JSON ({error})")


def reactions(value: str, name: str, line: int, unit: str) -> list[tuple[str, str]]:
    """[(name, emoji)] from `[["Name", "emoji"], …]` or `[{"name": …, "emoji": …}, …]`."""
    found = []
    try:
        for item in json.loads(value):
            person, emoji = (item["name"], item["emoji"]) if isinstance(item, dict) else item
            if not isinstance(person, str) or not isinstance(emoji, str):
                raise TypeError("a reaction's name and emoji must be text")
            found.append((_clean(person), _clean(emoji)))
    except KeyError as missing:
        reason = f"unreadable reactions (a reaction has no {missing.args[0]!r})"
        raise ChatParseError(name, reason, line, unit=unit) from None
    except (ValueError, TypeError, RecursionError) as error:
        reason = f"unreadable reactions ({error})"
        raise ChatParseError(name, reason, line, unit=unit) from None
    return found


def _clean(text: str) -> str:
    """NFC, and U+FFFD for a lone surrogate (a valid JSON escape, but not text)."""
    return unicodedata.normalize("NFC", _SURROGATE.sub("\ufffd", text))
