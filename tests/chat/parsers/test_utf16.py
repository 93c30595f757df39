"""UTF-16: told by its byte order mark, or without one by the NULs of its ASCII, and read in the
byte order either gives."""

from __future__ import annotations

import pytest

from nearer.chat.parsers.utf16 import encoding_of, is_utf16, utf16_head, utf16_text
from nearer.chat.records import ChatParseError


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_either_byte_order_is_read_and_its_mark_removed(encoding: str) -> None:
    data = "\ufeffZoë\tcafé".encode(encoding)
    assert is_utf16(data)
    assert utf16_text(data, "chat.txt") == "Zoë\tcafé"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_either_byte_order_without_a_mark_is_told_by_its_nuls_and_read(encoding: str) -> None:
    text = "timestamp\tsender\ttext\r\n2024-03-12 21:15\tZoë\tcafé 😀 〜\r\n"
    data = text.encode(encoding)
    assert encoding_of(data) == encoding
    assert utf16_text(data, "chat.txt") == text
    assert utf16_head(data[:25]) == text[:12]


def test_utf16_without_a_mark_is_told_in_a_mostly_cyrillic_chat() -> None:
    rows = "".join(f"2024-03-12 21:{m:02},Аня,Привет, как дела? Скучаю 💛\n" for m in range(40))
    data = ("timestamp,sender,text\n" + rows).encode("utf-16-le")
    assert encoding_of(data) == "utf-16-le"


@pytest.mark.parametrize(
    "data",
    [
        "\ufefftimestamp,sender,text\n".encode(),
        "Zoë,café,naïve\n".encode("cp1252"),
        "time".encode("utf-16-le"),  # too short to tell
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)) * 4,  # a zip's start
        b"SQLite format 3\x00\x10\x00\x01\x01\x00@  \x00\x00\x00\x02" + bytes(100),
    ],
    ids=["UTF-8", "Windows-1252", "short UTF-16", "zip", "SQLite"],
)
def test_other_bytes_are_not_taken_for_utf16(data: bytes) -> None:
    assert not is_utf16(data)


def test_bytes_that_are_not_utf16_name_the_file() -> None:
    with pytest.raises(ChatParseError) as error:
        utf16_text(b"\xff\xfe\x00\xd8", "chat.txt")  # a lone surrogate
    assert str(error.value).startswith("chat.txt: not valid UTF-16 text")


def test_a_head_cut_inside_a_character_is_read_without_it() -> None:
    data = "hi 😀".encode("utf-16")
    assert utf16_head(data[:-1]) == "hi "
