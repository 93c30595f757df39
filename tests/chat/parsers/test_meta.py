"""Messenger and Instagram JSON from Meta's download, from synthetic fixtures named per case."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nearer.chat import parsers
from nearer.chat.caveats import Kind, kind_of
from nearer.chat.parsers import meta
from nearer.chat.records import SCHEMA, Alike, ChatFile, ChatParseError, ParsedChat

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "meta"
SHARED = Path(__file__).resolve().parents[4] / "shared" / "chat-fixtures"
CHAT_MINER = SHARED / "chat-miner" / "test" / "instagram"


def make_files(folder: str) -> list[ChatFile]:
    paths = sorted((FIXTURES / folder).glob("*.json"))
    return [ChatFile(f"{folder}/{p.name}", p.read_bytes()) for p in paths]


def parse_folder(folder: str) -> ParsedChat:
    return meta.parse(make_files(folder))


def rows(folder: str) -> list[dict[str, Any]]:
    return parse_folder(folder).messages.to_dicts()


def test_a_name_the_participants_list_gives_twice_is_several_people_of_that_name() -> None:
    # Meta gives no ids: a couple who are both "Alex" write every message as "Alex".
    chat = parse_folder("alike_couple")
    assert chat.participants == ["Alex"]
    shown = 'alike_couple/message_1.json lists "Alex" twice among the participants'
    assert chat.alike == (Alike("Alex", 2, shown),)
    assert parse_folder("alike_group").alike[0].name == "Alex"
    assert parse_folder("kinds").alike == ()


def test_the_encrypted_layouts_participants_are_read_for_names_given_twice_too() -> None:
    message = {"senderName": "Alex", "timestamp": 1709280000000, "text": "hi", "type": "text"}
    root = {"participants": ["Alex", "Sam", "Alex", "Alex"], "messages": [message]}
    chat = meta.parse([ChatFile("Alex_1.json", json.dumps(root).encode())])
    assert [(a.name, a.people, a.shown) for a in chat.alike] == [
        ("Alex", 3, 'Alex_1.json lists "Alex" 3 times among the participants')
    ]


def thread_of(*messages: dict[str, Any]) -> ChatFile:
    root = {"participants": [{"name": "A"}], "messages": list(messages)}
    return ChatFile("message_1.json", json.dumps(root).encode())


# Mojibake ------------------------------------------------------------------------------------


def test_mojibake_is_repaired_in_names_texts_reactions_and_title() -> None:
    parsed = parse_folder("case39_mojibake")
    clean, mojibake, reaction, quoted = parsed.messages.to_dicts()
    assert mojibake["author"] == "José"
    assert mojibake["text"] == "Café? 😠"
    assert reaction["text"] == "❤"
    assert parsed.title == "José"
    assert clean["text"] == "Café is already right here"  # a real é is not mojibake
    assert quoted["text"] == "She said “yes”"  # clean text outside Latin-1 passes through


def test_mixed_string_is_repaired_run_by_run() -> None:
    file = thread_of({"sender_name": "A", "timestamp_ms": 1, "content": "“Caf\u00c3\u00a9”"})
    assert meta.parse([file]).messages["text"][0] == "“Café”"


# Merging a split thread ----------------------------------------------------------------------


def test_split_thread_is_merged_deduplicated_and_ascending() -> None:
    texts = [m["text"] for m in rows("case40_split_thread")]
    assert texts == [
        "one",
        "two",
        "three",
        "three, same millisecond, written after",
        "four",
        "five",
        "six",
    ]


def test_merge_order_does_not_depend_on_the_order_files_are_given() -> None:
    files = make_files("case40_split_thread")
    forward = meta.parse(files).messages["text"].to_list()
    assert meta.parse(files[::-1]).messages["text"].to_list() == forward


def test_duplicates_across_files_are_reported_one_in_the_singular() -> None:
    warnings = parse_folder("case40_split_thread").warnings
    assert warnings == ("dropped 1 duplicate message across the files",)


def test_messages_in_the_same_millisecond_get_distinct_ids() -> None:
    ids = [m["message_id"] for m in rows("case40_split_thread")]
    assert ids[2:4] == ["1710000300000-0", "1710000300000-1"]
    assert len(set(ids)) == len(ids)


def test_line_is_the_record_number_in_its_own_file() -> None:
    first = rows("case40_split_thread")[0]
    assert (first["text"], first["line"]) == ("one", 2)


def test_timestamp_ms_becomes_naive_utc() -> None:
    parsed = parse_folder("case40_split_thread")
    assert parsed.tz_hint == "utc"
    assert parsed.messages["timestamp"][0] == datetime.fromisoformat("2024-03-09T16:01:40")


# Kinds ---------------------------------------------------------------------------------------


def test_each_message_gets_its_kind() -> None:
    kinds = [(m["author"], m["kind"], m["text"]) for m in rows("kinds")]
    assert kinds == [
        ("Bob", "media", "our beach"),
        ("Alice", "reaction", "😍"),
        ("Bob", "reaction", "👍"),
        ("Alice", "media", ""),
        ("Bob", "media", ""),
        ("Alice", "media", ""),
        ("Bob", "deleted", ""),
        ("Alice", "deleted", ""),
        ("Bob", "call", ""),
        ("Alice", "call", ""),
        ("Bob", "system", "Bob added Carol to the group."),
        ("Alice", "text", "Who reacted to your message first?"),
        ("Bob", "reaction", "❤"),
        ("Alice", "reaction", ""),
    ]


def test_reactions_point_at_their_message() -> None:
    photo, loved, liked = rows("kinds")[:3]
    assert loved["target_id"] == liked["target_id"] == photo["message_id"]
    assert loved["timestamp"] == photo["timestamp"]


def test_missed_call_comes_from_a_zero_duration() -> None:
    calls = [(m["author"], m["missed"]) for m in rows("kinds") if m["kind"] == "call"]
    assert calls == [("Bob", False), ("Alice", True)]


def test_notices_are_not_the_senders_words() -> None:
    parsed = parse_folder("kinds")
    words = parsed.messages.filter(parsed.messages["kind"] == "text")["text"].to_list()
    assert words == ["Who reacted to your message first?"]


def test_everyday_words_that_resemble_notices_stay_text() -> None:
    texts = [(m["kind"], m["text"]) for m in rows("texts_like_notices")][:6]
    assert texts == [
        ("text", "I think you unsent a message"),
        ("text", "You called me?"),
        ("text", "I just sent a link"),
        ("text", "Mom called you."),
        ("text", "Mom liked a message"),
        ("text", "Ben sent a photo of the cat, look"),
    ]


def test_notice_sentence_of_a_participant_still_counts() -> None:
    unsent, gif = rows("texts_like_notices")[6:]
    assert (unsent["author"], unsent["kind"], unsent["text"]) == ("Ana", "deleted", "")
    assert (gif["author"], gif["kind"], gif["text"]) == ("Ben", "media", "")


@pytest.mark.parametrize(
    "fields, kind",
    [
        ({"type": "Generic", "content": "Mom called you."}, "text"),  # Mom is not in the chat
        ({"type": "Generic"}, "call"),  # the encrypted export may have only the notice
        ({"type": "Call"}, "call"),
        ({"type": "Generic", "call_duration": 60}, "call"),
    ],
)
def test_call_wording_counts_when_it_names_someone_in_the_chat_or_the_export_says_call(
    fields: dict[str, Any], kind: str
) -> None:
    message = {"sender_name": "A", "timestamp_ms": 1, "content": "A called you."} | fields
    assert meta.parse([thread_of(message)]).messages["kind"][0] == kind


def test_theme_emoji_nickname_and_group_notices_are_system() -> None:
    notices = [(m["author"], m["kind"], m["text"]) for m in rows("chat_notices")][:8]
    assert notices == [
        ("Ana", "system", "You changed the chat theme."),
        ("Ben", "system", "Ben set the emoji to ❤️."),
        ("Ben", "system", "Ben set the nickname for Ana to Honey."),
        ("Ben", "system", "Ben set your nickname to Bear."),
        ("Ben", "system", "Ben set his own nickname to Benji."),
        ("Ana", "system", "You cleared the nickname for Ben."),
        ("Ben", "system", "Ben named the group Us Two."),
        ("Ana", "system", "You changed the group photo."),
    ]


def test_notice_wording_in_a_persons_own_sentence_stays_text() -> None:
    texts = [(m["kind"], m["text"]) for m in rows("chat_notices")][8:]
    assert texts == [
        ("text", "I set the emoji to ❤️ lol"),
        ("text", "Mom changed the chat theme."),  # Mom is not in the chat
        ("text", "Ben set the emoji to 🔥 because it's hot"),
    ]


def test_connection_banners_are_system_lines_not_the_other_persons_words() -> None:
    # Meta starts a 1:1 thread with these, attributed to the other person, type Generic.
    first, second, hello, *sentences = rows("connection_banners")
    assert (first["author"], first["kind"]) == ("Ben Ross", "system")
    assert first["text"] == "You are now connected on Messenger"
    assert (second["author"], second["kind"]) == ("Ben Ross", "system")
    assert (hello["kind"], hello["text"]) == ("text", "hi Ben! 😊")
    assert [m["kind"] for m in sentences] == ["text", "text"]  # banner words inside a sentence


@pytest.mark.parametrize(
    "content",
    [
        "You are now connected on Messenger.",
        "You can now message and call each other and see info like Active Status and when "
        "you've read messages.",
    ],
)
def test_connection_banner_variants_are_system(content: str) -> None:
    message = {"sender_name": "A", "timestamp_ms": 1, "content": content, "type": "Generic"}
    assert meta.parse([thread_of(message)]).messages["kind"][0] == "system"


def test_encrypted_messenger_layout_is_read() -> None:
    parsed = parse_folder("e2ee")
    kinds = [(m["author"], m["kind"], m["text"]) for m in parsed.messages.to_dicts()]
    assert kinds == [
        ("Alice", "text", "first encrypted hello"),
        ("Bob", "reaction", "❤"),
        ("Bob", "media", ""),
        ("Bob", "deleted", ""),
    ]
    assert parsed.title == "Bob"


def test_classic_and_encrypted_exports_merge_into_one_thread() -> None:
    parsed = meta.parse(make_files("case40_split_thread") + make_files("e2ee"))
    assert parsed.messages["timestamp"].is_sorted()
    assert parsed.messages.height == 7 + 4


def classic_thread(name: str, title: str, path: str) -> ChatFile:
    message = {"sender_name": "Alice", "timestamp_ms": 1_710_000_000_000, "content": "hi"}
    root = {"title": title, "thread_path": path, "messages": [message]}
    return ChatFile(name, json.dumps(root).encode())


def test_files_of_two_threads_are_refused_naming_both() -> None:
    files = [
        classic_thread("bob/message_1.json", "Bob", "inbox/bob_42"),
        classic_thread("carol/message_1.json", "Carol", "inbox/carol_7"),
    ]
    with pytest.raises(ChatParseError) as error:
        meta.parse(files)
    assert str(error.value) == (
        'bob/message_1.json, carol/message_1.json: are exports of different threads, "Bob" '
        '(inbox/bob_42) and "Carol" (inbox/carol_7), so not one chat; analyse one thread at a time'
    )


def test_a_thread_that_moved_folder_between_two_downloads_is_still_one_thread() -> None:
    files = [
        classic_thread("old/message_1.json", "Bob", "message_requests/bob_42"),
        classic_thread("new/message_1.json", "Bob", "inbox/bob_42"),
    ]
    assert meta.parse(files).title == "Bob"


def test_encrypted_files_without_a_thread_path_are_merged_with_a_warning() -> None:
    def encrypted(name: str) -> ChatFile:
        message = {"senderName": "Alice", "timestamp": 1_710_000_000_000, "text": f"hi {name}"}
        return ChatFile(
            f"{name}.json", json.dumps({"threadName": name, "messages": [message]}).encode()
        )

    files = [encrypted("Bob"), encrypted("Carol")]
    assert meta.parse(files).warnings == ("the files name different threads: Bob, Carol",)
    assert [kind_of(w) for w in meta.parse(files).warnings] == [(Kind.DIFFERENT_TITLES, None)]


# Errors and detection ------------------------------------------------------------------------


def test_message_without_time_names_its_file_and_record() -> None:
    file = thread_of({"sender_name": "A", "timestamp_ms": 1}, {"sender_name": "B"})
    with pytest.raises(ChatParseError) as error:
        meta.parse([file])
    assert (error.value.file, error.value.line) == ("message_1.json", 2)


def test_an_error_names_the_message_record_not_a_line_of_the_file() -> None:
    file = thread_of({"sender_name": "A", "timestamp_ms": 1}, {"sender_name": "B"})
    with pytest.raises(ChatParseError) as error:
        meta.parse([file])
    assert str(error.value) == (
        "message_1.json, message 2: the message's time cannot be read: it has no timestamp_ms"
    )


@pytest.mark.parametrize("written", [1709323500000.0, "1709323500000", " 1709323500000"])
def test_a_whole_timestamp_written_as_a_float_or_a_string_is_read(written: object) -> None:
    file = thread_of({"sender_name": "A", "timestamp_ms": written, "content": "hi"})
    assert meta.parse([file]).messages["timestamp"].dt.epoch("ms").to_list() == [1709323500000]


@pytest.mark.parametrize(
    "written", [1709323500000.5, "soon", True, None, "1709323500000²", "--5", "١٧٠٩٣٢٣٥٠٠٠٠٠"]
)
def test_a_timestamp_that_is_no_whole_number_is_named_so(written: object) -> None:
    file = thread_of({"sender_name": "A", "timestamp_ms": written})
    with pytest.raises(ChatParseError, match="its timestamp_ms is not a whole number"):
        meta.parse([file])


def test_a_time_outside_the_tables_range_is_refused_naming_the_file_and_record() -> None:
    old = {"sender_name": "B", "timestamp_ms": -3_000_000_000_000}  # 1874
    newest_first = thread_of({"sender_name": "A", "timestamp_ms": 1_700_000_000_000}, old)
    with pytest.raises(ChatParseError, match="UTC is out of range") as error:
        meta.parse([newest_first])
    assert str(error.value).startswith("message_1.json, message 2: the time 1874-")


def test_broken_json_names_the_line() -> None:
    with pytest.raises(ChatParseError) as error:
        meta.parse([ChatFile("message_1.json", b'{"sender_name": "A",\n "messages": [}')])
    assert error.value.line == 2


@pytest.mark.parametrize(
    "folder",
    [
        "case39_mojibake",
        "case40_split_thread",
        "kinds",
        "e2ee",
        "texts_like_notices",
        "chat_notices",
    ],
)
def test_every_fixture_is_sniffed(folder: str) -> None:
    assert meta.sniff(make_files(folder))


def test_telegram_and_discord_json_are_not_claimed() -> None:
    telegram = ChatFile("result.json", b'{"name": "B", "messages": [{"date_unixtime": "1"}]}')
    discord = ChatFile("dm.json", b'{"guild": {}, "channel": {}, "messages": []}')
    assert not meta.sniff([telegram]) and not meta.sniff([discord])


EMPTY_THREADS = {
    "empty list": {"participants": [{"name": "Ana"}, {"name": "Ben"}], "messages": [],
                   "title": "Ben", "is_still_participant": True, "thread_path": "inbox/ben_42"},
    "no list": {"participants": [{"name": "Ana"}, {"name": "Ben"}], "title": "Ben",
                "thread_path": "inbox/ben_42", "magic_words": []},
    "encrypted": {"participants": ["Ana", "Ben"], "threadName": "Ben", "messages": []},
}  # fmt: skip


@pytest.mark.parametrize("layout", sorted(EMPTY_THREADS))
def test_a_thread_without_messages_is_refused_as_an_empty_messenger_export(layout: str) -> None:
    file = ChatFile("message_1.json", json.dumps(EMPTY_THREADS[layout]).encode())
    with pytest.raises(ChatParseError) as error:
        parsers.parse([file])
    why = "no" if layout == "no list" else "an empty"
    assert str(error.value) == (
        f"message_1.json: a Messenger or Instagram thread holding no messages (it has {why} "
        '"messages" list): nothing to analyse'
    )


def test_json_without_a_threads_marks_is_still_not_recognised() -> None:
    for data in (b'{"title": "x", "messages": []}', b'{"participants": [], "items": [1]}'):
        with pytest.raises(ChatParseError, match="not a chat export nearer recognises"):
            parsers.parse([ChatFile("data.json", data)])


# The chat-miner fixture (MIT) beside the repository ------------------------------------------


def test_chat_miner_instagram_export_gives_its_message_counts_per_author() -> None:
    if not CHAT_MINER.exists():
        pytest.skip("shared/chat-fixtures is not beside the repository")
    expected = Counter(m["author"] for m in json.loads((CHAT_MINER / "target.json").read_text()))
    data = (CHAT_MINER / "test_export.json").read_bytes()
    parsed = meta.parse([ChatFile("test_export.json", data)])
    assert Counter(parsed.messages["author"].to_list()) == expected
    # chat-miner keeps the file's newest-first order; nearer sorts ascending.
    assert parsed.messages["text"].to_list() == ["Hello John!", "Hello Jane!"]


# Robustness ----------------------------------------------------------------------------------

SEEDS = [p.read_bytes() for p in sorted(FIXTURES.rglob("*.json"))]
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=6,
)
KEYS = ["sender_name", "senderName", "content", "text", "type", "is_unsent", "isUnsent"]
KEYS += ["call_duration", "photos", "sticker", "share", "media", "reactions", "timestamp"]
LATIN1 = st.text(alphabet=st.characters(max_codepoint=0xFF), max_size=20)


def check(files: list[ChatFile]) -> None:
    meta.sniff(files)
    try:
        parsed = meta.parse(files)
    except ChatParseError:
        return
    assert parsed.messages.schema == SCHEMA


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_end_in_a_table_or_a_parse_error(data: bytes) -> None:
    check([ChatFile("message_1.json", data)])


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(SEEDS), st.data())
def test_mutated_fixtures_never_crash(seed: bytes, data: st.DataObject) -> None:
    position = data.draw(st.integers(0, len(seed)))
    cut = data.draw(st.integers(0, 40))
    insert = data.draw(st.binary(max_size=20) | st.sampled_from([b'"', b"\\u00c3", b"[]", b"{"]))
    check([ChatFile("message_1.json", seed[:position] + insert + seed[position + cut :])])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(-(10**15), 10**15), st.dictionaries(st.sampled_from(KEYS), JSON_VALUES)
        ),
        max_size=5,
    )
)
def test_arbitrary_json_values_in_messages_never_crash(
    messages: list[tuple[int, dict[str, Any]]],
) -> None:
    root = {"messages": [{"timestamp_ms": stamp} | extra for stamp, extra in messages]}
    check([ChatFile("message_1.json", json.dumps(root).encode())])


@settings(max_examples=200, deadline=None)
@given(LATIN1, LATIN1)
def test_any_latin1_text_is_repaired_or_kept_never_lost(sender: str, content: str) -> None:
    file = thread_of({"sender_name": sender or "A", "timestamp_ms": 1, "content": content})
    check([file])


def test_invisible_characters_at_a_names_edges_make_no_other_person() -> None:
    said = [
        {"sender_name": name, "timestamp_ms": 1709280000000 - n * 60_000, "content": "hi"}
        for n, name in enumerate(("Ana", "\u200bAna\u00a0", "Ben", "Ben\u200d"))
    ]
    said[0]["reactions"] = [{"reaction": "❤", "actor": "Ben\u2060"}]
    root = {"participants": [{"name": "Ana\u200b"}, {"name": "Ana"}], "messages": said}
    chat = meta.parse([ChatFile("message_1.json", json.dumps(root).encode())])
    assert chat.participants == ["Ana", "Ben"]
    assert chat.messages.filter(pl.col("kind") == "reaction")["author"].to_list() == ["Ben"]
    assert [(a.name, a.people) for a in chat.alike] == [("Ana", 2)]
