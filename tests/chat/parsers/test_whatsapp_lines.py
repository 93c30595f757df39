"""Bytes to lines (encodings, line ends, chunks) and text to NFC."""

from __future__ import annotations

import unicodedata

import polars as pl
import pytest

from nearer.chat.caveats import Kind, kind_of
from nearer.chat.parsers import whatsapp_lines
from nearer.chat.parsers.whatsapp_lines import read_lines, to_nfc
from nearer.chat.records import ChatParseError


def lines_of(data: bytes) -> tuple[list[str], tuple[str, ...]]:
    frame, warnings = read_lines(data, "chat.txt", lambda lines: pl.DataFrame({"line": lines}))
    return frame["line"].to_list(), warnings


def test_lf_crlf_and_lone_cr_all_end_a_line() -> None:
    assert lines_of(b"a\r\nb\nc\rd")[0] == ["a", "b", "c", "d"]


def test_utf16_with_a_byte_order_mark_is_read() -> None:
    assert lines_of("één\ntwee".encode("utf-16"))[0] == ["één", "twee"]


def test_broken_utf16_is_a_parse_error() -> None:
    with pytest.raises(ChatParseError, match="UTF-16"):
        lines_of(b"\xff\xfe\x00\xd8")  # a lone surrogate


def test_invalid_utf8_is_replaced_and_reported() -> None:
    lines, warnings = lines_of(b"ok\nbad \xff byte")
    assert lines == ["ok", "bad \ufffd byte"]
    assert warnings == ("invalid UTF-8 bytes were replaced by U+FFFD",)
    assert [kind_of(w) for w in warnings] == [(Kind.ENCODING, None)]


def test_chunks_split_only_between_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(whatsapp_lines, "_CHUNK", 4)
    data = b"first line\r\nsecond\r\nthird\rfourth\n"
    assert lines_of(data)[0] == ["first line", "second", "third", "fourth"]


def test_empty_input_has_no_lines() -> None:
    assert lines_of(b"")[0] == []


def test_to_nfc_composes_and_leaves_everything_else_alone() -> None:
    texts = ["cafe\u0301", "ﬁ ½", "👨\u200d👩\u200d👧", "\u212b", "plain", None]
    expected = [None if t is None else unicodedata.normalize("NFC", t) for t in texts]
    assert to_nfc(pl.Series(texts, dtype=pl.String)).to_list() == expected
    assert expected[1] == "ﬁ ½" and "\u200d" in expected[2]  # no NFKC, ZWJ kept
