"""The header of a plain CSV chat: its delimiter, its columns, and what a header lacks."""

from __future__ import annotations

import pytest

from nearer.chat.parsers.csv_header import Columns, header, missing
from nearer.chat.records import ChatParseError


def test_a_semicolon_header_with_date_and_time_apart_is_found_with_its_clock() -> None:
    found = header("Date;Time;Sender;Message;ID\n01.03.2024;10:00;Ana;hi;1\n")
    assert found is not None
    delimiter, columns = found
    assert delimiter == ";"
    assert (columns.timestamp, columns.clock, columns.sender, columns.text) == (0, 1, 2, 3)
    assert columns.optional == {"id": 4} and columns.width() == 5


def test_a_discordchatexporter_header_is_left_to_the_discord_parser() -> None:
    assert header("AuthorID,Author,Date,Content,Attachments,Reactions\n") is None


def test_a_header_lacking_one_column_is_told_which() -> None:
    assert missing("timestamp,sender,note\n") == (
        "the first line names no text column (text, message, body, content)"
    )
    assert missing("a,b\n") == "the first line must name the columns: timestamp, sender and text"


def test_a_text_in_the_last_column_holding_the_delimiter_is_joined_back() -> None:
    columns = Columns.find(["timestamp", "sender", "text"])
    assert columns is not None
    row = ["2024-03-01 10:00", "Ana", "yes", " of course"]
    assert columns.rejoined(row, ",", "chat.csv", 2) == [*row[:2], "yes, of course"]


def test_a_text_before_another_column_holding_the_delimiter_is_refused_asking_for_quotes() -> None:
    columns = Columns.find(["text", "sender", "timestamp"])
    assert columns is not None
    with pytest.raises(ChatParseError, match=r"put quotes around a text that holds ','"):
        columns.rejoined(["yes", " of course", "Ana", "2024"], ",", "chat.csv", 2)
