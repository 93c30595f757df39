"""The JSON cursor: walking an export member by member, one value decoded at a time."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nearer.chat.parsers.json_cursor import JsonCursor, byte_text, is_utf8, utf8_restored

DOCUMENT = (
    '{\n "name": "Bob",\n "messages": [ {"id": 1}, {"id": 2} ,{"id": 3}],\n "tail": [1, {}]\n}'
)


def walk(cursor: JsonCursor) -> Any:
    """Rebuilds the value under the cursor by stepping through every object and array."""
    if cursor.peek() == "{":
        return {key: walk(cursor) for key in cursor.members()}
    if cursor.peek() == "[":
        return [walk(cursor) for _ in cursor.items()]
    return cursor.value()


def test_walking_every_member_rebuilds_the_document() -> None:
    assert walk(JsonCursor(DOCUMENT)) == json.loads(DOCUMENT)


def test_items_are_yielded_one_at_a_time_with_their_position() -> None:
    cursor = JsonCursor(DOCUMENT)
    seen = []
    for key in cursor.members():
        if key == "messages":
            seen = [(position, cursor.value()) for position in cursor.items()]
    assert seen == [(0, {"id": 1}), (1, {"id": 2}), (2, {"id": 3})]


def test_values_left_alone_are_skipped() -> None:
    cursor = JsonCursor(DOCUMENT)
    assert list(cursor.members()) == ["name", "messages", "tail"]
    assert cursor.peek() == ""


def test_a_cursor_can_start_inside_the_text() -> None:
    start = DOCUMENT.index("[")
    assert JsonCursor(DOCUMENT, start).value()[2] == {"id": 3}


def test_raw_control_characters_in_strings_are_accepted() -> None:
    assert JsonCursor('{"text": "a\x01b"}').value() == {"text": "a\x01b"}


@pytest.mark.parametrize("broken", ['{"a" 1}', '{"a": 1 "b": 2}', "[1 2]", "{1: 2}", "{", "[1,"])
def test_malformed_json_raises_a_decode_error_with_its_line(broken: str) -> None:
    with pytest.raises(json.JSONDecodeError) as error:
        walk(JsonCursor(broken))
    assert error.value.lineno == 1


def test_byte_text_strings_read_back_as_the_utf8_they_were() -> None:
    data = '{"text": "Café 👨‍👩‍👧 \\ud83d\\ude00"}'.encode()
    decoded = JsonCursor(byte_text(data)).value()["text"]
    assert utf8_restored(decoded) == "Café 👨‍👩‍👧 😀"


def test_bad_utf8_bytes_become_replacement_characters_and_are_detected() -> None:
    data = b'{"text": "a\xffb"}'
    assert utf8_restored(JsonCursor(byte_text(data)).value()["text"]) == "a\ufffdb"
    assert not is_utf8(data)
    assert is_utf8("ça va 😀".encode() * 100_000)  # spans several checked chunks


def test_a_byte_order_mark_is_skipped() -> None:
    assert JsonCursor(byte_text(b"\xef\xbb\xbf[1]")).value() == [1]
    assert JsonCursor("\ufeff[2]").value() == [2]


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=15,
)


@settings(max_examples=200, deadline=None)
@given(JSON_VALUES, st.sampled_from([None, 0, 2]))
def test_any_document_walks_to_the_same_value(value: Any, indent: int | None) -> None:
    assert walk(JsonCursor(json.dumps(value, indent=indent))) == value


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_written_as_raw_utf8_reads_back_unchanged(text: str) -> None:
    data = json.dumps(text, ensure_ascii=False).encode("utf-8", "surrogatepass")
    decoded = JsonCursor(byte_text(data)).value()
    if is_utf8(data):
        assert utf8_restored(decoded) == text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"])))
def test_any_text_written_with_escapes_reads_back_unchanged(text: str) -> None:
    # A file saved again by Python's json.dump escapes every non-ASCII character ("Zo\u00eb").
    decoded = JsonCursor(byte_text(json.dumps(text).encode())).value()
    assert utf8_restored(decoded) == text


def test_an_escaped_backslash_before_u00_stays_literal_text() -> None:
    decoded = JsonCursor(byte_text(b'{"path": "C:\\\\u00e9t\\u00e9"}')).value()["path"]
    assert utf8_restored(decoded) == "C:\\u00e9té"
