"""Telegram Desktop JSON exports, from synthetic fixtures named after each case."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nearer.chat.caveats import Kind, kind_of
from nearer.chat.parsers import telegram
from nearer.chat.pipeline import ChatChoiceError, analyze
from nearer.chat.records import SCHEMA, ChatFile, ChatParseError, ParsedChat

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "telegram"
SHARED = Path(__file__).resolve().parents[4] / "shared" / "chat-fixtures"
CHAT_MINER = SHARED / "chat-miner" / "test" / "telegram"


def make_file(name: str) -> ChatFile:
    return ChatFile(name, (FIXTURES / name).read_bytes())


def parse_fixture(name: str, chat: str | None = None) -> ParsedChat:
    return telegram.parse([make_file(name)], chat=chat)


def rows(name: str) -> list[dict[str, Any]]:
    return parse_fixture(name).messages.to_dicts()


def export_of(*messages: dict[str, Any]) -> ChatFile:
    root = {"name": "Bob", "type": "personal_chat", "id": 1, "messages": list(messages)}
    return ChatFile("result.json", json.dumps(root).encode())


# Text ----------------------------------------------------------------------------------------


def test_rich_text_parts_join_without_extra_spaces() -> None:
    hello, links = rows("case36_rich_text.json")
    assert hello["text"] == "Hello you!"
    assert links["text"] == "https://example.org/ and this 👨‍👩‍👧 ❤️‍🔥"


def test_text_array_is_used_when_text_entities_are_absent() -> None:
    message = {"id": 1, "type": "message", "date_unixtime": "0", "from": "A"}
    message["text"] = [{"type": "bold", "text": "Link:"}, {"type": "link", "text": "https://t.me/"}]
    parsed = telegram.parse([export_of(message)])
    assert parsed.messages["text"].to_list() == ["Link:https://t.me/"]


def test_hex_escapes_and_raw_control_characters_do_not_crash() -> None:
    escaped, raw, literal = rows("case37_control_chars.json")
    assert escaped["text"] == "a\x0cb"
    assert raw["text"] == "raw\x01byte"
    assert literal["text"] == "C:\\x41 stays"  # an escaped backslash before x is left alone


def test_invalid_utf8_is_replaced_with_a_warning() -> None:
    data = make_file("case36_rich_text.json").data.replace(b"Hello ", b"Hel\xfflo ")
    parsed = telegram.parse([ChatFile("result.json", data)])
    assert parsed.messages["text"][0] == "Hel\ufffdlo you!"
    assert [kind_of(w) for w in parsed.warnings] == [(Kind.ENCODING, None)]


def test_lone_surrogate_escape_becomes_a_replacement_character() -> None:
    data = make_file("case36_rich_text.json").data.replace(b"Hello ", b"Hello \\ud83d")
    parsed = telegram.parse([ChatFile("result.json", data)])
    assert parsed.messages["text"][0] == "Hello \ufffdyou!"


# Time ----------------------------------------------------------------------------------------


def test_unix_time_becomes_naive_utc_not_the_exporters_wall_clock() -> None:
    parsed = parse_fixture("case38_date_is_exporters_local_time.json")
    assert parsed.tz_hint == "utc"
    assert parsed.messages["timestamp"][0] == datetime.fromisoformat("2018-12-05T10:39:10")


def test_export_without_unix_time_keeps_local_wall_clock() -> None:
    parsed = parse_fixture("old_export_local_dates.json")
    assert parsed.tz_hint == "local"
    assert parsed.messages["timestamp"][0] == datetime.fromisoformat("2020-01-29T11:41:46")


def test_missing_date_names_the_record() -> None:
    good = {"id": 1, "type": "message", "date": "2020-01-01T10:00:00", "from": "A", "text": "x"}
    bad = {"id": 2, "type": "message", "from": "B", "text": "y"}
    with pytest.raises(ChatParseError) as error:
        telegram.parse([export_of(good, bad)])
    assert error.value.line == 2


def test_an_error_names_the_message_record_not_a_line_of_the_file() -> None:
    good = {"id": 1, "type": "message", "date_unixtime": "1704099600", "from": "A", "text": "x"}
    bad = good | {"id": 2, "date_unixtime": "17040x9660"}
    root = {"name": "Bob", "type": "personal_chat", "id": 1, "messages": [good, good, bad]}
    data = json.dumps(root, indent=1).encode()  # as tdesktop writes it: a line per field
    with pytest.raises(ChatParseError) as error:
        telegram.parse([ChatFile("result.json", data)])
    assert (
        str(error.value) == "result.json, message 3: date_unixtime '17040x9660' is not a Unix time"
    )
    assert (error.value.line, error.value.unit) == (3, "message")


def test_first_message_sets_the_files_time_rule() -> None:
    first = {"id": 1, "type": "message", "date_unixtime": "1", "from": "A", "text": "x"}
    later = {"id": 2, "type": "message", "date": "2020-01-01T10:00:00", "from": "B", "text": "y"}
    with pytest.raises(ChatParseError, match="no date_unixtime") as error:
        telegram.parse([export_of(first, later)])
    assert error.value.line == 2


def test_unreadable_unix_time_is_a_parse_error() -> None:
    bad = {"id": 1, "type": "message", "date_unixtime": "soon", "from": "A", "text": "x"}
    with pytest.raises(ChatParseError, match="date_unixtime"):
        telegram.parse([export_of(bad)])


def test_unsupported_message_has_no_time_and_does_not_stop_the_export() -> None:
    parsed = parse_fixture("kinds_service_media_calls.json")
    unsupported = parsed.messages.row(8, named=True)
    assert (unsupported["message_id"], unsupported["kind"]) == ("18", "system")
    assert unsupported["timestamp"] is None and unsupported["author"] is None
    assert parsed.messages["timestamp"].null_count() == 1


def test_unsupported_first_message_leaves_the_time_rule_to_the_next() -> None:
    said = {"id": 2, "type": "message", "date": "2024-01-01T10:00:00", "from": "A", "text": "x"}
    said["date_unixtime"] = "1704099600"  # the same time as an instant: the PC was in Berlin
    parsed = telegram.parse([export_of({"id": 1, "type": "unsupported"}, said)])
    assert parsed.tz_hint == "utc"
    assert parsed.messages["timestamp"].to_list() == [
        None,
        datetime.fromisoformat("2024-01-01T09:00"),
    ]


def test_summary_counts_an_unsupported_message_as_a_system_line_only() -> None:
    hi = {"id": 1, "type": "message", "date_unixtime": "1704099600", "from": "A", "text": "hi"}
    yo = hi | {"id": 3, "date_unixtime": "1704099660", "from": "B", "text": "yo"}
    report = analyze([export_of(hi, {"id": 2, "type": "unsupported"}, yo)])
    assert (report.summary.messages, report.summary.system) == (2, 1)
    span = (report.summary.first, report.summary.last)
    assert span == (
        datetime.fromisoformat("2024-01-01T09:00"),
        datetime.fromisoformat("2024-01-01T09:01"),
    )


@pytest.mark.parametrize(
    "time",
    [
        {"date_unixtime": "-62135596800"},  # 0001-01-01, .NET's "no date"
        {"date_unixtime": "253402300799"},  # 9999-12-31 23:59:59
        {"date": "0001-01-01T00:00:00"},  # an old export's wall clock
    ],
)
def test_a_time_outside_the_tables_range_is_refused_naming_the_record(
    time: dict[str, str],
) -> None:
    good = {"id": 1, "type": "message", "from": "A", "text": "x"}
    good |= {"date_unixtime": "1704099600"} if "date_unixtime" in time else {"date": "2024-01-01"}
    with pytest.raises(ChatParseError, match="is out of range") as error:
        telegram.parse([export_of(good, {"id": 2, "type": "message", "from": "B"} | time)])
    assert error.value.line == 2


# Kinds ---------------------------------------------------------------------------------------


def test_each_message_gets_its_kind() -> None:
    kinds = [(m["author"], m["kind"]) for m in rows("kinds_service_media_calls.json")]
    assert kinds == [
        ("Alice", "system"),
        ("Alice", "media"),
        ("Bob", "media"),
        ("Bob", "media"),
        ("Alice", "media"),
        ("Alice", "edited"),
        ("Bob", "call"),
        ("Alice", "call"),
        (None, "system"),
        ("Bob", "media"),
        ("user99", "text"),
    ]


def test_photo_caption_is_the_media_text_and_a_sticker_has_none() -> None:
    messages = rows("kinds_service_media_calls.json")
    assert messages[1]["text"] == "our beach"
    assert messages[2]["text"] == ""


def test_edited_message_keeps_its_text_and_its_reply_link() -> None:
    edited = rows("kinds_service_media_calls.json")[5]
    assert edited["text"] == "See you at 3"
    assert edited["message_id"] == "15"
    assert edited["target_id"] == "13"


def test_missed_call_comes_from_the_discard_reason() -> None:
    calls = [m for m in rows("kinds_service_media_calls.json") if m["kind"] == "call"]
    assert [(c["author"], c["missed"], c["text"]) for c in calls] == [
        ("Bob", True, ""),
        ("Alice", False, ""),
    ]


def test_poll_without_caption_reads_its_question() -> None:
    poll = rows("kinds_service_media_calls.json")[9]
    assert (poll["kind"], poll["text"]) == ("media", "Dinner where?")


def test_epoch_edited_date_of_old_exports_is_not_an_edit() -> None:
    never, really = rows("old_export_local_dates.json")
    assert never["kind"] == "text"
    assert really["kind"] == "edited"


def test_service_line_is_never_a_persons_message() -> None:
    parsed = parse_fixture("kinds_service_media_calls.json")
    assert parsed.messages["kind"][0] == "system"
    assert parsed.participants == ["Alice", "Bob", "user99"]


def test_null_sender_takes_the_name_its_id_carries_elsewhere() -> None:
    def said(number: int, sender: str | None, person: str) -> dict[str, Any]:
        text = f"message {number}"
        return {"id": number, "type": "message", "date_unixtime": str(number), "text": text} | {
            "from": sender,
            "from_id": person,
        }

    parsed = telegram.parse(
        [export_of(said(1, None, "user7"), said(2, "Zoë", "user7"), said(3, None, "user8"))]
    )
    # user8 is a deleted account named nowhere: its id is all there is.
    assert parsed.messages["author"].to_list() == ["Zoë", "Zoë", "user8"]


# Reactions -----------------------------------------------------------------------------------


def test_reactions_with_a_named_person_become_reaction_rows() -> None:
    parsed = parse_fixture("reactions.json")
    reactions = [m for m in parsed.messages.to_dicts() if m["kind"] == "reaction"]
    assert [(r["author"], r["text"], r["target_id"]) for r in reactions] == [
        ("Bob", "❤", "30"),
        ("Bob", "🎉", "30"),
    ]
    # Only a wall-clock date: shifted by the exporting PC's offset at the message (+1 h).
    assert reactions[0]["timestamp"] == datetime.fromisoformat("2024-03-12T21:05")
    assert reactions[1]["timestamp"] == datetime.fromisoformat("2024-03-12T21:01")


def test_unattributable_reactions_are_left_out_with_a_warning() -> None:
    parsed = parse_fixture("reactions.json")
    assert parsed.messages.height == 4  # two messages, two attributable reactions
    assert "left out 2 reactions naming no person or time" in parsed.warnings


def test_one_unattributable_reaction_is_counted_in_the_singular() -> None:
    said = {"id": 1, "type": "message", "date_unixtime": "1704099600", "from": "A", "text": "x"}
    said["reactions"] = [{"type": "emoji", "count": 1, "emoji": "❤"}]
    parsed = telegram.parse([export_of(said)])
    assert parsed.warnings == ("left out 1 reaction naming no person or time",)
    assert [kind_of(w) for w in parsed.warnings] == [(Kind.NO_PERSON_REACTIONS, 1)]


def test_reaction_rows_follow_their_message_in_file_order() -> None:
    kinds = parse_fixture("reactions.json").messages["kind"].to_list()
    assert kinds == ["text", "reaction", "reaction", "text"]


# Exports of the whole account ----------------------------------------------------------------


def test_full_export_with_one_chat_reads_it() -> None:
    parsed = parse_fixture("full_export_one_chat.json")
    assert parsed.title == "Bob"
    assert parsed.messages["text"].to_list() == ["hi from the full export"]


def test_single_chat_export_refuses_a_chat_it_does_not_hold() -> None:
    said = {"id": 1, "type": "message", "date_unixtime": "1704099600", "from": "A", "text": "x"}
    with pytest.raises(ChatParseError) as error:
        telegram.parse([export_of(said)], chat="Family")
    assert not isinstance(error.value, telegram.ChatChoiceNeeded)  # there is nothing to choose
    assert error.value.reason == (
        'no chat is called "Family"; the export holds one chat, "Bob", so there is none to choose'
    )


def test_single_chat_export_accepts_its_own_chat_by_name_or_id() -> None:
    said = {"id": 1, "type": "message", "date_unixtime": "1704099600", "from": "A", "text": "x"}
    for chat in ("Bob", "1"):
        assert telegram.parse([export_of(said)], chat=chat).messages.height == 1


def test_full_export_with_several_chats_asks_which_one() -> None:
    with pytest.raises(telegram.ChatChoiceNeeded) as error:
        parse_fixture("full_export_several_chats.json")
    assert error.value.choices == ("Saved Messages", "Bob", "Climbing club")
    assert '"Climbing club"' in str(error.value)


def test_full_export_reads_the_chat_the_caller_chose() -> None:
    parsed = parse_fixture("full_export_several_chats.json", chat="Bob")
    assert parsed.messages["text"].to_list() == ["hi Bob"]
    assert parse_fixture("full_export_several_chats.json", chat="99").title == "Climbing club"


def test_the_list_of_chats_shows_every_chats_id_and_each_id_reads_that_chat() -> None:
    name = "full_export_unnamed_and_same_names.json"
    with pytest.raises(telegram.ChatChoiceNeeded) as error:
        parse_fixture(name)
    assert str(error.value).endswith(
        'choose one: "Saved Messages" (id 1), "unnamed chat 555" (id 555), "Bob (id 4242)", '
        '"Bob (id 77)"'
    )
    assert error.value.ids == ("1", "555", "4242", "77")
    for chat, id in zip(error.value.choices, error.value.ids, strict=True):
        assert parse_fixture(name, id).messages.equals(parse_fixture(name, chat).messages)


def test_chat_named_after_its_messages_is_still_found() -> None:
    message = {"id": 1, "type": "message", "date_unixtime": "1", "from": "A", "text": "late"}
    chats = [
        {"messages": [message | {"text": "first"}], "name": "Carol"},
        {"messages": [message], "name": "Bob", "type": "personal_chat"},
    ]
    data = json.dumps({"personal_information": {}, "chats": {"list": chats}}).encode()
    parsed = telegram.parse([ChatFile("result.json", data)], chat="Bob")
    assert parsed.messages["text"].to_list() == ["late"]


def test_unknown_chat_choice_says_so_and_lists_the_chats_again() -> None:
    with pytest.raises(telegram.ChatChoiceNeeded) as error:
        parse_fixture("full_export_several_chats.json", chat="Mallory")
    assert error.value.reason.startswith('no chat is called "Mallory"; ')
    assert error.value.choices == ("Saved Messages", "Bob", "Climbing club")


def test_chats_with_the_same_name_are_listed_with_their_ids() -> None:
    with pytest.raises(telegram.ChatChoiceNeeded) as error:
        parse_fixture("full_export_unnamed_and_same_names.json")
    choices = ("Saved Messages", "unnamed chat 555", "Bob (id 4242)", "Bob (id 77)")
    assert error.value.choices == choices


def test_every_listed_choice_reads_its_own_chat() -> None:
    with pytest.raises(telegram.ChatChoiceNeeded) as error:
        parse_fixture("full_export_unnamed_and_same_names.json")
    texts = [
        parse_fixture("full_export_unnamed_and_same_names.json", chat).messages["text"].to_list()
        for chat in error.value.choices
    ]
    assert texts == [
        ["note to self"],
        ["hi from a deleted account"],
        ["hi from Bob"],
        ["hi from the other Bob"],
    ]


def test_a_name_two_chats_share_asks_which_one() -> None:
    with pytest.raises(telegram.ChatChoiceNeeded) as error:
        parse_fixture("full_export_unnamed_and_same_names.json", chat="Bob")
    assert error.value.reason.startswith('2 chats are called "Bob"; ')
    assert "Bob (id 77)" in error.value.choices


def full_export(*names: str) -> ChatFile:
    def chat(n: int, name: str) -> dict[str, Any]:
        said = {"id": 1, "type": "message", "date_unixtime": "1", "from": "A", "text": f"to {n}"}
        return {"name": name, "type": "personal_chat", "id": n, "messages": [said]}

    chats = [chat(n, name) for n, name in enumerate(names, start=1)]
    data = {"personal_information": {}, "chats": {"list": chats}}
    return ChatFile("result.json", json.dumps(data).encode())


@pytest.mark.parametrize(
    ("chat", "title"),
    [("BOB", "Bob"), ("climbing CLUB", "Climbing club"), (" Climbing  club", "Climbing club")],
)
def test_a_chat_is_chosen_by_name_without_regard_to_case_or_spacing(chat: str, title: str) -> None:
    assert telegram.parse([full_export("Bob", "Climbing club")], chat=chat).title == title


def test_a_single_chat_export_accepts_its_name_in_any_case() -> None:
    said = {"id": 1, "type": "message", "date_unixtime": "1704099600", "from": "A", "text": "x"}
    assert telegram.parse([export_of(said)], chat="bob").messages.height == 1


def test_chats_named_alike_but_for_case_ask_which_one_naming_both() -> None:
    with pytest.raises(telegram.ChatChoiceNeeded) as error:
        telegram.parse([full_export("Ben", "ben", "Carol")], chat="BEN")
    assert error.value.choices == ("Ben (id 1)", "ben (id 2)", "Carol")
    assert error.value.reason.startswith(
        '2 chats are called "BEN", case and spacing aside ("Ben", "ben"); '
    )
    chosen = telegram.parse([full_export("Ben", "ben", "Carol")], chat="ben (id 2)")
    assert chosen.messages["text"].to_list() == ["to 2"]


@pytest.mark.parametrize(("chat", "read"), [("ben", "to 2"), ("Ben", "to 1"), ("2", "to 2")])
def test_a_name_as_written_case_included_is_the_chat_so_named(chat: str, read: str) -> None:
    chosen = telegram.parse([full_export("Ben", "ben", "Carol")], chat=chat)
    assert chosen.messages["text"].to_list() == [read]


# Detection -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [p.name for p in sorted(FIXTURES.glob("*.json"))])
def test_every_json_fixture_is_sniffed(name: str) -> None:
    assert telegram.sniff([make_file(name)])


def test_html_export_is_recognised_and_explained() -> None:
    html = make_file("messages.html")
    assert telegram.sniff([html])
    with pytest.raises(ChatParseError, match="Machine-readable JSON"):
        telegram.parse([html])


def test_other_json_exports_are_not_claimed() -> None:
    meta = ChatFile("message_1.json", b'{"participants": [], "messages": [{"sender_name": "A"}]}')
    assert not telegram.sniff([meta])
    assert not telegram.sniff([ChatFile("notes.json", b'{"title": "shopping"}')])


# The chat-miner fixtures (MIT) beside the repository -----------------------------------------


def chat_miner_counts() -> Counter[str]:
    if not CHAT_MINER.exists():
        pytest.skip("shared/chat-fixtures is not beside the repository")
    target = json.loads((CHAT_MINER / "target.json").read_text())
    return Counter(m["author"] for m in target)


@pytest.mark.parametrize("name", ["test_single_export.json", "test_batch_export.json"])
def test_chat_miner_exports_give_its_message_counts_per_author(name: str) -> None:
    expected = chat_miner_counts()
    parsed = telegram.parse([ChatFile(name, (CHAT_MINER / name).read_bytes())])
    assert Counter(parsed.messages["author"].to_list()) == expected
    # chat-miner joins rich-text parts with a space ("Link: https://…"); Telegram doesn't.
    assert parsed.messages["text"][1] == "Link:https://telegram.org/"


# Robustness ----------------------------------------------------------------------------------

SEEDS = [p.read_bytes() for p in sorted(FIXTURES.iterdir())]


def check(files: list[ChatFile]) -> None:
    telegram.sniff(files)
    try:
        parsed = telegram.parse(files)
    except ChatParseError:
        return
    assert parsed.messages.schema == SCHEMA


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_end_in_a_table_or_a_parse_error(data: bytes) -> None:
    check([ChatFile("result.json", data)])


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=500))
def test_random_text_after_a_telegram_start_never_crashes(text: str) -> None:
    check([ChatFile("result.json", ('{"messages": [' + text).encode("utf-8", "replace"))])


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(SEEDS), st.data())
def test_mutated_fixtures_never_crash(seed: bytes, data: st.DataObject) -> None:
    position = data.draw(st.integers(0, len(seed)))
    cut = data.draw(st.integers(0, 40))
    insert = data.draw(
        st.binary(max_size=20) | st.sampled_from([b'"', b"\\x", b"null", b"[]", b"{"])
    )
    check([ChatFile("result.json", seed[:position] + insert + seed[position + cut :])])


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=6,
)
KEYS = ["id", "type", "date", "date_unixtime", "from", "from_id", "text", "text_entities"]
KEYS += ["edited", "edited_unixtime", "actor", "action", "discard_reason", "reactions", "photo"]
KEYS += ["poll", "reply_to_message_id", "recent", "emoji", "count"]
TYPES = st.sampled_from(["message", "service", "unsupported"])
BASE = st.fixed_dictionaries({"type": TYPES, "date_unixtime": st.just("1"), "from": st.just("A")})


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(BASE, st.dictionaries(st.sampled_from(KEYS), JSON_VALUES)), max_size=5))
def test_arbitrary_json_values_in_messages_never_crash(
    messages: list[tuple[dict[str, Any], dict[str, Any]]],
) -> None:
    root = {"type": "personal_chat", "messages": [base | extra for base, extra in messages]}
    check([ChatFile("result.json", json.dumps(root).encode())])


# People --------------------------------------------------------------------------------------


def said_by(number: int, name: str, person: str) -> dict[str, Any]:
    """Message `number` of a chat, at second `number`, by `name` with the id `person`."""
    stamp = str(1704099600 + number)
    return {"id": number, "type": "message", "date_unixtime": stamp, "text": f"m{number}"} | {
        "from": name,
        "from_id": person,
    }


def test_people_who_share_a_display_name_stay_apart_by_their_ids() -> None:
    group = [said_by(n, ("Alex", "Alex", "Sam")[n % 3], f"user{n % 3}") for n in range(9)]
    parsed = telegram.parse([export_of(*group)])
    assert Counter(parsed.messages["author"]) == {"Alex": 3, "Alex (2)": 3, "Sam": 3}
    assert parsed.ids == (("Alex", "user0"), ("Alex (2)", "user1"), ("Sam", "user2"))
    with pytest.raises(ChatChoiceError, match=r"\(Alex \(1\), Alex \(2\), Sam\); choose the two"):
        analyze([export_of(*group)])


def test_a_couple_who_share_a_first_name_is_analysed_and_named_apart() -> None:
    chat = export_of(*(said_by(n, "Alex", f"user{n % 2 + 1}") for n in range(1, 7)))
    report = analyze([chat], me="Alex (2)")
    assert report.people == ("Alex (2)", "Alex (1)")  # as the choice lists them, both numbered
    report = analyze([chat], pair=("alex (2)", "Alex (1)"))
    assert set(report.people) == {"Alex (1)", "Alex (2)"}
    with pytest.raises(ChatChoiceError, match=r'"Alex" is 2 people .*"Alex \(1\)" \(id user2\)'):
        analyze([chat], pair=("alex (2)", "Alex"))


def test_invisible_characters_at_a_names_edges_neither_rename_nor_number_anyone() -> None:
    messages = [
        said_by(1, "Alex\u200b", "user1"),
        said_by(2, "\u200dAlex\u00a0", "user2"),
        said_by(3, "Sam", "user3"),
        said_by(4, "Sam\u2060", "user3"),
    ]
    parsed = telegram.parse([export_of(*messages)])
    assert parsed.messages["author"].to_list() == ["Alex", "Alex (2)", "Sam", "Sam"]
