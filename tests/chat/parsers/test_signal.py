"""signal-export (sigexport) chat.md and data.json, from synthetic fixtures named by case."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nearer.chat import parsers
from nearer.chat.caveats import Kind, kind_of
from nearer.chat.parsers import signal
from nearer.chat.records import SCHEMA, Alike, ChatFile, ChatParseError, ParsedChat

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "signal"
SHARED = Path(__file__).resolve().parents[4] / "shared" / "chat-fixtures"
CHAT_MINER = SHARED / "chat-miner" / "test" / "signal"


def make_file(name: str) -> ChatFile:
    return ChatFile(name, (FIXTURES / name).read_bytes())


def parse_fixture(name: str) -> ParsedChat:
    return signal.parse([make_file(name)])


def rows(name: str) -> list[dict[str, Any]]:
    return parse_fixture(name).messages.to_dicts()


def parse_text(text: str, name: str = "chat.md") -> ParsedChat:
    return signal.parse([ChatFile(name, text.encode())])


# Markdown, current format ---------------------------------------------------------------


def test_current_format_keeps_newlines_and_zwj_emoji_in_bodies() -> None:
    messages = rows("multiline_body.md")
    assert [m["author"] for m in messages] == ["Alice", "Me", "Alice"]
    assert messages[0]["timestamp"] == datetime.fromisoformat("2024-03-01T08:15:02")
    assert messages[1]["text"] == "Morning!\nSlept well?\n\nI did not 😴 👨‍👩‍👧"
    assert messages[0]["text"] == "Good morning"  # sigexport's two trailing spaces go


def test_header_like_line_with_an_impossible_date_stays_in_the_body() -> None:
    last = rows("multiline_body.md")[-1]
    assert (
        last["text"] == "Agenda:\n[2024-13-45 10:00:00] kickoff: not a header\n> not a quote either"
    )


def test_quote_block_is_dropped_and_the_reply_keeps_its_own_text() -> None:
    original, reply = rows("quote_reply.md")
    assert original["text"] == "Are we still on for tonight?\nI can do 7"
    assert reply["author"] == "Me"
    assert reply["text"] == "Yes! 7pm\nsee you"
    assert reply["kind"] == "text"


def test_reaction_line_becomes_reactions_pointing_at_the_message_not_text() -> None:
    message, love, thumbs, thanks = rows("reaction_line.md")
    assert message["text"] == "I booked the table"
    assert message["message_id"] == "L1"
    assert (love["kind"], love["author"], love["text"]) == ("reaction", "Alice", "❤️")
    assert love["target_id"] == "L1" and love["timestamp"] == message["timestamp"]
    assert thumbs["author"] == "Me"  # sigexport names the owner's own contact "Note to Self"
    assert thanks["kind"] == "text"


def test_two_reactions_by_one_name_to_one_message_are_several_people_of_that_name() -> None:
    # Signal keeps one reaction a person per message: two "Alex" reacted, one name in the export.
    chat = parse_fixture("reactions_by_one_name_twice.md")
    assert chat.alike == (
        Alike(
            "Alex",
            2,
            'reactions_by_one_name_twice.md, line 1: 2 reactions by "Alex" to one message, '
            "where Signal keeps one a person",
            exact=False,
        ),
    )
    assert parse_fixture("reaction_line.md").alike == ()


def test_two_reactions_by_one_name_in_a_json_array_name_the_message() -> None:
    records = [
        {"date": "2024-03-02T19:30:00", "sender": "Sam", "body": "hi"},
        {"date": "2024-03-02T19:31:00", "sender": "Alex", "body": "Saturday?", "reactions":
            [["Alex", "👍"], ["Sam", "👍"], ["Alex", "❤️"]]},
    ]  # fmt: skip
    chat = signal.parse([ChatFile("data.json", json.dumps(records).encode())])
    assert [(a.name, a.people) for a in chat.alike] == [("Alex", 2)]
    assert chat.alike[0].shown.startswith('data.json, message 2: 2 reactions by "Alex"')


def test_own_reactions_under_the_filesystem_safe_note_to_self_name_are_mine() -> None:
    # sigexport's fix_names keeps only letters and digits: "Note to Self" becomes "NotetoSelf".
    reactions = [m for m in rows("note_to_self_stripped.md") if m["kind"] == "reaction"]
    assert [(r["author"], r["target_id"]) for r in reactions] == [
        ("Me", "L1"),
        ("AliceSmith", "L1"),
        ("Me", "L4"),
        ("NotetoSelfie", "L7"),  # another name that merely starts the same way
    ]


def test_reactor_names_holding_a_comma_stay_whole() -> None:
    reactions = [m for m in rows("reaction_names_with_commas.md") if m["kind"] == "reaction"]
    # Roe, Richard reacted without writing: the name is kept whole all the same.
    assert [(r["author"], r["text"], r["target_id"]) for r in reactions] == [
        ("Smith, John", "❤️", "L1"),
        ("Doe, Jane", "👍", "L1"),
        ("Roe, Richard", "😂", "L1"),
    ]


def test_attachment_link_makes_media_with_the_rest_as_caption() -> None:
    view, voice, nice, nice_reaction, link = rows("attachment_caption.md")
    assert (view["kind"], view["text"]) == ("media", "Look at this view")
    assert (voice["kind"], voice["text"]) == ("media", "")
    assert (nice["kind"], nice["text"]) == ("media", "Nice")  # path with "(1)", reaction before it
    assert (nice_reaction["kind"], nice_reaction["author"]) == ("reaction", "Me")
    assert (link["kind"], link["text"]) == ("text", "see [the menu](https://example.org/menu)")


def test_attachment_names_with_balanced_brackets_and_parentheses_are_media() -> None:
    # sigexport keeps [ ] and ( ) in file names; the link text and path both carry them.
    scan, photo, nested, words = rows("attachment_names_with_brackets.md")
    assert (scan["kind"], scan["text"]) == ("media", "")
    assert (photo["kind"], photo["text"]) == ("media", "the [old] one")
    assert (nested["kind"], nested["text"]) == ("media", "")
    assert (words["kind"], words["text"]) == (
        "text",
        "see [notes] (./media/list) or [1](media) later",
    )


@pytest.mark.parametrize(
    "text",
    [
        "a [b] c ![x.jpg](./media/x.jpg)",
        "[1] and [2]  ![x_[1].jpg](./media/x_[1].jpg)",
        "(see) [this] ![x_(1).jpg](./media/x_(1).jpg)",
    ],
)
def test_ordinary_brackets_before_an_attachment_stay_in_the_caption(text: str) -> None:
    body = text.split("!")[0].strip()
    message = parse_text(f"[2024-03-04 09:00:00] Alice: {text}  \n").messages.row(0, named=True)
    assert (message["kind"], message["text"]) == ("media", body)


def test_sticker_is_media_without_caption() -> None:
    line_sticker, exported_sticker = rows("sticker.md")
    assert (line_sticker["kind"], line_sticker["text"]) == ("media", "")
    assert (exported_sticker["kind"], exported_sticker["text"]) == ("media", "")


def test_deleted_message_is_kind_deleted_and_still_a_turn() -> None:
    goodnight, deleted = rows("deleted.md")
    assert goodnight["kind"] == "text"
    assert (deleted["kind"], deleted["author"], deleted["text"]) == ("deleted", "Alice", "")


def test_rows_without_words_or_attachment_are_signals_notices_not_messages() -> None:
    # sigexport writes safety-number, session and timer notices as the partner's empty rows.
    chat = parse_fixture("notices_empty_body.md")
    kinds = chat.messages.select("author", "kind", "text").rows()
    assert kinds == [
        ("Me", "text", "Good morning"),
        ("Alice", "system", ""),
        ("Alice", "text", "Morning"),
        ("Alice", "system", ""),
        ("Me", "text", "How did you sleep?"),
        ("Alice", "media", ""),  # a photo without caption is still sent
        ("Alice", "system", ""),
    ]
    assert chat.participants == ["Alice", "Me"]


def test_call_lines_are_calls_and_unanswered_ones_are_missed() -> None:
    messages = rows("calls.md")
    kinds = [(m["kind"], m["missed"]) for m in messages]
    assert kinds == [
        ("call", False),
        ("call", True),
        ("call", True),
        ("call", False),
        ("text", False),  # a person writing about a missed call is a message
    ]
    assert messages[0]["author"] == "Me" and messages[0]["text"] == ""


def test_old_bracket_comma_format_without_seconds() -> None:
    chat = parse_fixture("old_bracket_comma.txt")
    first, second = chat.messages.to_dicts()
    assert first["timestamp"] == datetime.fromisoformat("2019-05-29T15:04")
    assert (second["author"], second["text"]) == ("Alice", "Good!\nVery good.")
    assert chat.tz_hint == "local"


def test_every_fixture_gives_the_schema_in_file_order() -> None:
    for path in sorted(FIXTURES.iterdir()):
        chat = parse_fixture(path.name)
        assert chat.messages.schema == SCHEMA
        assert chat.messages["index"].to_list() == list(range(chat.messages.height))
        assert chat.format == "signal"


def test_chat_miner_fixture_gives_its_target_messages() -> None:
    if not CHAT_MINER.exists():
        pytest.skip("shared chat fixtures are not beside the repository")
    chat = signal.parse(
        [ChatFile("test_export.txt", (CHAT_MINER / "test_export.txt").read_bytes())]
    )
    target = json.loads((CHAT_MINER / "target.json").read_text())
    got = chat.messages.to_dicts()
    assert len(got) == len(target) == 2
    # chat-miner lists newest first and joins lines with a space; we keep file order and "\n".
    for ours, theirs in zip(got, reversed(target), strict=True):
        assert ours["timestamp"] == datetime.fromisoformat(theirs["timestamp"])
        assert ours["author"] == theirs["author"]
        assert ours["text"].replace("\n", " ") == theirs["message"]


def test_crlf_line_endings_and_a_byte_order_mark_are_read() -> None:
    text = (
        "\ufeff[2024-03-01 08:15:02] Alice: one\r\ntwo  \r\n\r\n"
        "[2024-03-01 08:16:00] Me: three  \r\n"
    )
    chat = parse_text(text)
    assert chat.messages["text"].to_list() == ["one\ntwo", "three"]
    assert chat.messages["line"].to_list() == [1, 4]


# data.json --------------------------------------------------------------------------------


def test_json_lines_give_kinds_reactions_and_captions() -> None:
    messages = rows("data.json")
    kinds = [m["kind"] for m in messages]
    assert kinds == "text reaction text media reaction media deleted call call".split()
    assert messages[0]["text"] == "Good morning\nlove"
    assert (messages[1]["author"], messages[1]["target_id"]) == ("Me", "L1")
    assert messages[2]["text"] == "Yes! 7pm"  # the quote is a separate field, not the body
    assert (messages[3]["text"], messages[3]["timestamp"].microsecond) == (
        "Look at this view",
        250000,
    )
    assert messages[4]["author"] == "Me"
    assert [m["missed"] for m in messages[-2:]] == [True, True]


def test_json_rows_with_an_empty_or_blank_body_and_nothing_attached_are_system_lines() -> None:
    said = {"date": "2024-03-01T09:00:00", "sender": "Me", "body": "hi  "}
    notices = [said | {"sender": "Alice", "body": body} for body in ("", "   ", None)]
    photo = said | {"sender": "Alice", "body": "", "attachments": [{"name": "a.jpg"}]}
    deleted = said | {"sender": "Alice", "body": "", "deleted": True}
    records = [said, *notices, photo, deleted]
    chat = parse_text("\n".join(json.dumps(r) for r in records) + "\n", "data.json")
    kinds = chat.messages["kind"].to_list()
    assert kinds == ["text", "system", "system", "system", "media", "deleted"]


def test_json_is_read_instead_of_markdown_when_both_are_given() -> None:
    chat = signal.parse([make_file("reaction_line.md"), make_file("data.json")])
    assert chat.messages.height == 9
    assert chat.warnings == ("reaction_line.md is not read",)
    assert [kind_of(w) for w in chat.warnings] == [(Kind.UNREAD_FILE, 1)]


def test_a_chats_data_json_and_chat_md_given_together_are_one_export() -> None:
    both = [make_file("reaction_line.md"), make_file("data.json")]
    chat = parsers.parse(both)
    assert chat.format == "signal" and chat.messages.height == 9
    assert chat.warnings == ("reaction_line.md is not read",)


def test_two_chats_data_json_files_are_still_two_exports() -> None:
    other = ChatFile("other/data.json", make_file("data.json").data + b"\n")
    with pytest.raises(ChatParseError, match="2 Signal exports; nearer reads one at a time"):
        parsers.parse([make_file("data.json"), other])


def test_json_array_of_messages_is_read_too() -> None:
    records = [json.loads(line) for line in make_file("data.json").data.decode().splitlines()]
    chat = signal.parse([ChatFile("messages.json", json.dumps(records).encode())])
    assert chat.messages.height == 9


def test_json_with_a_missing_date_names_the_line() -> None:
    text = '{"date": "2024-01-01T10:00:00", "sender": "A", "body": "x"}\n{"sender": "B"}\n'
    with pytest.raises(ChatParseError) as error:
        parse_text(text, "data.json")
    assert error.value.line == 2 and error.value.file == "data.json"


def test_json_array_error_names_the_message_record_not_a_line() -> None:
    records = [{"date": "2024-01-01T10:00:00", "sender": "A", "body": "x"}, {"sender": "B"}]
    with pytest.raises(ChatParseError) as error:
        parse_text(json.dumps(records, indent=1), "messages.json")
    assert str(error.value) == "messages.json, message 2: unreadable date None"


def test_invalid_json_names_the_line() -> None:
    text = '{"date": "2024-01-01T10:00:00", "sender": "A", "body": "x"}\n{"date": \n'
    with pytest.raises(ChatParseError, match="invalid JSON") as error:
        parse_text(text, "data.json")
    assert error.value.line == 2


def test_unreadable_reactions_name_the_line() -> None:
    good = '{"date": "2024-01-01T10:00:00", "sender": "A", "body": "x"}'
    bad = '{"date": "2024-01-01T10:01:00", "sender": "B", "body": "y", "reactions": [["only"]]}'
    with pytest.raises(ChatParseError, match="unreadable reactions") as error:
        parse_text(f"{good}\n{bad}\n", "data.json")
    assert error.value.line == 2


def test_a_reaction_without_its_name_says_which_key_is_missing() -> None:
    bad = (
        '{"date": "2024-01-01T10:01:00", "sender": "B", "body": "y", "reactions": [{"emoji": "x"}]}'
    )
    with pytest.raises(ChatParseError) as error:
        parse_text(f"{bad}\n", "data.json")
    assert str(error.value) == "data.json, line 1: unreadable reactions (a reaction has no 'name')"


def test_lone_surrogate_in_json_becomes_a_replacement_character() -> None:
    text = '{"date": "2024-01-01T10:00:00", "sender": "A", "body": "hi \\ud83d"}\n'
    assert parse_text(text, "data.json").messages["text"].to_list() == ["hi \ufffd"]


# Detection --------------------------------------------------------------------------------


def test_sniff_recognises_sigexport_files() -> None:
    for name in ("multiline_body.md", "old_bracket_comma.txt", "data.json"):
        assert signal.sniff([make_file(name)]), name


@pytest.mark.parametrize(
    "name, text",
    [
        ("_chat.txt", "[2022-12-31 11:40:26] Ana: Hej!\n[2022-12-31 11:41:02] Ben: Hej\n"),
        ("_chat.txt", "[1/29/18, 23:33:03] Alice: hi\n"),
        ("chat.txt", "04/03/2024, 22:29 - Bob: hi\n"),
        ("result.json", '{"name": "Ana", "type": "personal_chat", "messages": []}'),
        ("empty.md", ""),
    ],
)
def test_sniff_leaves_other_exports_alone(name: str, text: str) -> None:
    assert not signal.sniff([ChatFile(name, text.encode())])


def test_text_without_any_signal_header_is_an_error() -> None:
    with pytest.raises(ChatParseError, match="no signal-export"):
        parse_text("hello\nworld\n")


# Robustness -------------------------------------------------------------------------------

SEEDS = [make_file(p.name).data for p in sorted(FIXTURES.iterdir())]


def parses_or_refuses(files: list[ChatFile]) -> None:
    assert isinstance(signal.sniff(files), bool)
    try:
        chat = signal.parse(files)
    except ChatParseError:
        return
    assert chat.messages.schema == SCHEMA
    assert len(chat.messages.to_dicts()) == chat.messages.height  # every value fits Python


@settings(max_examples=200, deadline=None)
@given(st.text(), st.sampled_from(["chat.md", "data.json", "chat.txt"]))
def test_random_text_parses_or_is_refused(text: str, name: str) -> None:
    parses_or_refuses([ChatFile(name, text.encode("utf-8", "surrogatepass"))])


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_parse_or_are_refused(data: bytes) -> None:
    parses_or_refuses([ChatFile("chat.md", data)])


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(range(len(SEEDS))),
    st.lists(st.tuples(st.integers(0, 10_000), st.binary(max_size=8)), max_size=8),
)
def test_mutated_fixtures_parse_or_are_refused(seed: int, edits: list[tuple[int, bytes]]) -> None:
    data = bytearray(SEEDS[seed])
    for position, chunk in edits:
        at = position % (len(data) + 1)
        data[at : at + len(chunk)] = chunk
    name = "data.json" if data[:1] == b"{" else "chat.md"
    parses_or_refuses([ChatFile(name, bytes(data))])


KEYS = "date sender body reactions attachments sticker deleted call missed quote".split()
SCALARS = st.none() | st.booleans() | st.integers() | st.text(max_size=12)
VALUES = st.recursive(
    SCALARS | st.just("2024-01-01T10:00:00"),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(KEYS), VALUES), max_size=5))
def test_random_json_messages_parse_or_are_refused(records: list[dict[str, object]]) -> None:
    text = "\n".join(json.dumps(r) for r in records)
    parses_or_refuses([ChatFile("data.json", text.encode())])


def test_invisible_characters_and_any_space_at_a_names_edges_make_no_other_person() -> None:
    chat = parse_text(
        "[2024-03-01 08:15:02] Alice: one\n"
        "[2024-03-01 08:16:02] Bob: two\n"
        "[2024-03-01 08:17:02] \u200bAlice\u200d: three\n"
        "[2024-03-01 08:18:02] Alice\u202f: four\n"
    )
    assert chat.messages["author"].to_list() == ["Alice", "Bob", "Alice", "Alice"]
