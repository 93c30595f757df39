"""UTF-16 with a byte order mark: told by its mark, read in the order the mark gives."""

from __future__ import annotations

import pytest

from nearer.chat.parsers.utf16 import is_utf16, utf16_head, utf16_text
from nearer.chat.records import ChatParseError


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_either_byte_order_is_read_and_its_mark_removed(encoding: str) -> None:
    data = "\ufeffZoë\tcafé".encode(encoding)
    assert is_utf16(data)
    assert utf16_text(data, "chat.txt") == "Zoë\tcafé"


def test_utf8_and_utf16_without_a_mark_are_not_taken_for_utf16() -> None:
    assert not is_utf16("\ufefftimestamp".encode("utf-8"))
    assert not is_utf16("timestamp".encode("utf-16-le"))


def test_bytes_that_are_not_utf16_name_the_file() -> None:
    with pytest.raises(ChatParseError) as error:
        utf16_text(b"\xff\xfe\x00\xd8", "chat.txt")  # a lone surrogate
    assert str(error.value).startswith("chat.txt: not valid UTF-16 text")


def test_a_head_cut_inside_a_character_is_read_without_it() -> None:
    data = "hi 😀".encode("utf-16")
    assert utf16_head(data[:-1]) == "hi "
