"""`parsers.parse`, whatever the format: the rules every export is held to."""

from __future__ import annotations

import json

import pytest

from nearer.chat.caveats import Kind, kind_of
from nearer.chat.parsers import parse
from nearer.chat.records import ChatFile, ChatParseError

WHATSAPP = b"12/03/2024, 20:15 - Ana: hi\n12/03/2024, 20:16 - Ben: hey you\n"
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
    assert [kind_of(w) for w in parsed.warnings] == [(Kind.REPEATED_FILE, 1)]


def test_parts_of_one_export_are_all_read() -> None:
    more = b"timestamp,sender,text\n2024-03-12T20:18:00,Ben,yes please\n"
    parsed = parse([ChatFile("part1.csv", CHAT), ChatFile("part2.csv", more)])
    assert parsed.messages.height == 4 and parsed.warnings == ()


@pytest.mark.parametrize("data", [b"", b" \n\r\n\t"])
def test_an_empty_file_is_called_empty(data: bytes) -> None:
    with pytest.raises(ChatParseError) as error:
        parse([ChatFile("chat.txt", data)])
    assert str(error.value) == "chat.txt: the file is empty"


def test_a_chat_chosen_in_an_untitled_export_of_one_is_refused_naming_the_app() -> None:
    with pytest.raises(ChatParseError) as error:
        parse([ChatFile("chat.txt", WHATSAPP)], chat="Sam")
    assert str(error.value) == (
        'chat.txt: no chat is called "Sam"; a WhatsApp export holds one chat, with no name in '
        "the export, so there is none to choose"
    )


def test_a_chat_chosen_in_an_untitled_export_read_without_its_name_is_its_title() -> None:
    parsed = parse([ChatFile("<stdin>", WHATSAPP, nameless=True)], chat=" Sam ")
    assert parsed.title == "Sam"
    assert parsed.messages.height == parse([ChatFile("<stdin>", WHATSAPP)]).messages.height


MESSENGER = json.dumps(
    {
        "participants": [{"name": "Ana"}, {"name": "Ben"}],
        "title": "Ben",
        "messages": [{"sender_name": "Ana", "timestamp_ms": 1710274500000, "content": "hi"}],
    }
).encode()


@pytest.mark.parametrize(
    "export",
    [ChatFile("WhatsApp Chat with Ben.txt", WHATSAPP), ChatFile("message_1.json", MESSENGER)],
)
def test_an_export_of_one_chat_accepts_its_own_title_in_any_case(export: ChatFile) -> None:
    assert parse([export], chat="BEN").messages.height == parse([export]).messages.height


@pytest.mark.parametrize(
    "export",
    [ChatFile("WhatsApp Chat with Ben.txt", WHATSAPP), ChatFile("message_1.json", MESSENGER)],
)
def test_an_export_of_one_chat_refuses_another_name_naming_the_chat_it_holds(
    export: ChatFile,
) -> None:
    with pytest.raises(ChatParseError) as error:
        parse([export], chat="Marco")
    assert 'no chat is called "Marco"; ' in str(error.value)
    assert 'export holds one chat, "Ben", so there is none to choose' in str(error.value)


def test_a_file_left_unread_is_named_with_the_apps_article() -> None:
    notes = [ChatFile("notes.txt", b"dear diary\n"), ChatFile("more.txt", b"and so on\n")]
    with pytest.raises(ChatParseError) as error:
        parse(notes, format="imessage")
    assert "is not an iMessage export" in str(error.value)
