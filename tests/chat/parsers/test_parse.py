"""`parsers.parse`, whatever the format: the rules every export is held to."""

from __future__ import annotations

from nearer.chat.parsers import parse
from nearer.chat.records import ChatFile

CHAT = (
    b"timestamp,sender,text\n"
    b"2024-03-12T20:15:00,Ana,hi\n"
    b"2024-03-12T20:16:00,Ben,hey you\n"
    b"2024-03-12T20:17:00,Ana,dinner at eight?\n"
)


def test_the_same_file_sent_twice_is_read_once_with_a_warning() -> None:
    parsed = parse([ChatFile("chat.csv", CHAT), ChatFile("chat (1).csv", CHAT)])
    assert parsed.messages.height == 3
    assert parsed.warnings == ("chat (1).csv is the same file as chat.csv: read once",)


def test_parts_of_one_export_are_all_read() -> None:
    more = b"timestamp,sender,text\n2024-03-12T20:18:00,Ben,yes please\n"
    parsed = parse([ChatFile("part1.csv", CHAT), ChatFile("part2.csv", more)])
    assert parsed.messages.height == 4 and parsed.warnings == ()
