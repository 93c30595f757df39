"""DiscordChatExporter JSON and CSV, from synthetic fixtures named after each case."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nearer.chat.caveats import Kind, kind_of
from nearer.chat.parsers import discord, discord_csv
from nearer.chat.records import SCHEMA, ChatFile, ChatParseError, ParsedChat

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "discord"
HEADER = "AuthorID,Author,Date,Content,Attachments,Reactions\n"


def make_file(name: str) -> ChatFile:
    return ChatFile(name, (FIXTURES / name).read_bytes())


def parse_fixture(name: str) -> ParsedChat:
    return discord.parse([make_file(name)])


def rows(name: str) -> list[dict[str, Any]]:
    return parse_fixture(name).messages.to_dicts()


def csv_of(*lines: str) -> ChatFile:
    return ChatFile("dm.csv", (HEADER + "\n".join(lines) + "\n").encode())


# JSON ----------------------------------------------------------------------------------------


def test_json_gives_each_message_its_kind() -> None:
    kinds = [(m["author"], m["kind"]) for m in rows("dm_export.json")]
    assert kinds == [
        ("Alice", "text"),
        ("Bob", "reaction"),
        ("Bob", "text"),
        ("Alice", "media"),
        ("Bob", "media"),
        ("Alice", "edited"),
        ("Bob", "call"),
        ("Alice", "system"),
        ("Alice", "system"),
    ]


def test_json_offsets_become_naive_utc_across_a_dst_change() -> None:
    parsed = parse_fixture("dm_export.json")
    assert parsed.tz_hint == "utc"
    stamps = parsed.messages["timestamp"].to_list()
    assert stamps[0] == datetime.fromisoformat("2024-03-12T21:15:00.123000")  # +01:00
    assert stamps[2] == datetime.fromisoformat(
        "2024-03-31T01:30:00.123456"
    )  # +02:00, 7 fraction digits


def test_json_reply_links_to_the_message_it_answers() -> None:
    reply = rows("dm_export.json")[2]
    assert (reply["message_id"], reply["target_id"]) == ("1002", "1001")


def test_json_forward_is_shared_media_without_the_forwarded_words_or_a_reply_link() -> None:
    # A forward shares someone else's message: its words are not the forwarder's own.
    own, photo, words, link, reply = rows("forwards.json")
    assert (own["kind"], own["text"]) == ("text", "look what my sister sent")
    for forward in (photo, words, link):
        assert (forward["kind"], forward["text"], forward["target_id"]) == ("media", "", None)
    assert (words["author"], words["message_id"]) == ("Bob", "3")
    assert (reply["kind"], reply["target_id"]) == ("text", "2")  # a reply still links


def test_json_forward_keeps_the_forwarders_own_comment_as_caption() -> None:
    message = {
        "id": "7",
        "timestamp": "2024-03-12T21:15:00+01:00",
        "content": "for you",
        "author": {"name": "ana"},
        "forwardedMessage": {"content": "not Ana's words"},
    }
    root = {"guild": {}, "channel": {}, "messages": [message]}
    parsed = discord.parse([ChatFile("dm.json", json.dumps(root).encode())])
    assert parsed.messages.select("kind", "text").row(0) == ("media", "for you")


def test_json_reactions_with_users_become_rows_and_the_rest_a_warning() -> None:
    parsed = parse_fixture("dm_export.json")
    reaction = parsed.messages.to_dicts()[1]
    assert (reaction["text"], reaction["target_id"]) == ("❤️", "1001")
    assert "left out 2 reactions naming no person" in parsed.warnings


def test_json_one_reaction_naming_nobody_is_counted_in_the_singular() -> None:
    message = {
        "id": "7",
        "timestamp": "2024-03-12T21:15:00+01:00",
        "content": "hi",
        "author": {"name": "ana"},
        "reactions": [{"emoji": {"name": "❤️"}, "count": 1, "users": []}],
    }
    root = {"guild": {}, "channel": {}, "messages": [message]}
    parsed = discord.parse([ChatFile("dm.json", json.dumps(root).encode())])
    assert parsed.warnings == ("left out 1 reaction naming no person",)
    assert [kind_of(w) for w in parsed.warnings] == [(Kind.NO_PERSON_REACTIONS, 1)]


def test_json_text_keeps_zwj_emoji_and_caption_and_drops_nothing() -> None:
    messages = rows("dm_export.json")
    assert messages[0]["text"] == "hi 👨‍👩‍👧"
    assert messages[3]["text"] == "our beach"
    assert messages[5]["text"] == "See you at 3"


def test_json_call_has_no_text_and_the_title_is_the_channel() -> None:
    parsed = parse_fixture("dm_export.json")
    assert parsed.messages["text"][6] == ""
    assert parsed.title == "bob"
    assert parsed.participants == ["Alice", "Bob"]


def test_json_timestamp_that_is_not_iso_names_the_record() -> None:
    root = json.loads(make_file("dm_export.json").data)
    root["messages"][3]["timestamp"] = "yesterday"
    with pytest.raises(ChatParseError) as error:
        discord.parse([ChatFile("dm.json", json.dumps(root).encode())])
    assert error.value.line == 4


@pytest.mark.parametrize(
    ("first", "stamp"),
    [
        ("2024-03-12T21:15:00+00:00", "0001-01-01T00:00:00+00:00"),  # .NET's "no date"
        ("2024-03-12T21:15:00+00:00", "0001-01-01T00:00:00+05:00"),  # before year 1 in UTC
        ("2024-03-12T21:15:00+00:00", "9999-12-31T23:59:59-05:00"),  # after 9999 in UTC
        ("2024-03-12T21:15:00", "9999-12-31T23:59:59"),  # wall clock, without offset
    ],
)
def test_json_time_outside_the_tables_range_is_refused_naming_the_record(
    first: str, stamp: str
) -> None:
    messages = [
        {"timestamp": when, "content": "x", "author": {"name": "a"}} for when in (first, stamp)
    ]
    root = {"guild": {}, "channel": {}, "messages": messages}
    with pytest.raises(ChatParseError, match="is out of range") as error:
        discord.parse([ChatFile("dm.json", json.dumps(root).encode())])
    assert error.value.line == 2


def make_message(number: int, minute: int, author: str, **extra: Any) -> dict[str, Any]:
    """A message of Ana and Ben's DM at 21:MM on 12 March 2024 (+01:00), id "10NN"."""
    stamp = f"2024-03-12T21:{minute:02d}:00+01:00"
    message = {"id": str(1000 + number), "type": "Default", "timestamp": stamp}
    return message | {"content": f"message {number}", "author": {"name": author}} | extra


def make_export(name: str, *messages: dict[str, Any], channel: str = "9") -> ChatFile:
    """A DiscordChatExporter JSON file of one channel, indented as the tool writes it."""
    root = {"guild": {}, "channel": {"id": channel, "name": "ben"}, "messages": list(messages)}
    return ChatFile(name, json.dumps(root, indent=2).encode())


DM = [make_message(n, 10 * n, "ana" if n % 2 == 0 else "ben") for n in range(6)]


def texts(parsed: ParsedChat) -> list[str]:
    return parsed.messages["text"].to_list()


def test_json_written_newest_first_comes_out_oldest_first() -> None:
    parsed = discord.parse([make_export("dm.json", *reversed(DM))])
    assert texts(parsed) == [f"message {n}" for n in range(6)]
    assert parsed.messages["index"].to_list() == list(range(6))
    assert parsed.messages["timestamp"].is_sorted()


def test_json_parts_given_in_any_order_come_out_in_time_order() -> None:
    # A shell lists "dm [part 2].json" before "dm.json".
    second = make_export("dm [part 2].json", *DM[3:])
    parsed = discord.parse([second, make_export("dm.json", *DM[:3])])
    assert texts(parsed) == [f"message {n}" for n in range(6)]
    assert parsed.warnings == ()


def test_json_messages_of_the_same_time_keep_the_order_given_and_their_reactions() -> None:
    heart = {"emoji": {"name": "❤️"}, "count": 1, "users": [{"name": "ben"}]}
    first = make_message(1, 5, "ana", reactions=[heart])
    same_time = [first, make_message(2, 5, "ben"), make_message(3, 5, "ana")]
    parsed = discord.parse([make_export("dm.json", make_message(9, 7, "ben"), *same_time)])
    rows = parsed.messages.select("kind", "text").rows()
    assert rows == [
        ("text", "message 1"),
        ("reaction", "❤️"),
        ("text", "message 2"),
        ("text", "message 3"),
        ("text", "message 9"),
    ]


def test_json_parts_that_overlap_read_each_message_once_with_a_warning() -> None:
    heart = {"emoji": {"name": "❤️"}, "count": 1, "users": [{"name": "ben"}]}
    shared = make_message(3, 30, "ben", reactions=[heart])
    parsed = discord.parse(
        [make_export("a.json", *DM[:3], shared), make_export("b.json", shared, *DM[4:])]
    )
    assert texts(parsed) == [*(f"message {n}" for n in range(4)), "❤️", "message 4", "message 5"]
    assert parsed.warnings == ("dropped 1 duplicate message across the files",)


def test_json_people_who_share_a_nickname_stay_apart_by_their_ids() -> None:
    def by(number: int, person: str, nickname: str) -> dict[str, Any]:
        user = {"id": person, "name": f"user{person}", "nickname": nickname}
        return make_message(number, number, nickname) | {"author": user}

    heart = {"emoji": {"name": "❤️"}, "count": 1, "users": [{"id": "2", "nickname": "Alex"}]}
    group = [by(1, "2", "Alex"), by(2, "1", "Alex") | {"reactions": [heart]}, by(3, "3", "Sam")]
    parsed = discord.parse([make_export("dm.json", *group)])
    assert parsed.messages["author"].to_list() == ["Alex", "Alex (2)", "Alex", "Sam"]
    assert parsed.participants == ["Alex", "Alex (2)", "Sam"]


def test_json_a_renamed_person_goes_by_the_name_of_their_latest_message_in_any_file_order() -> None:
    def by(number: int, person: str, nickname: str) -> dict[str, Any]:
        user = {"id": person, "name": f"user{person}", "nickname": nickname}
        return make_message(number, number, nickname) | {"author": user}

    jan = make_export("jan.json", by(1, "1", "Ana"), by(2, "2", "Sam"))
    mar = make_export("mar.json", by(30, "1", "Ana"), by(31, "2", "Samuel"))
    for files in ([jan, mar], [mar, jan]):
        assert discord.parse(files).participants == ["Ana", "Samuel"]


def test_json_files_of_different_channels_are_refused_naming_both() -> None:
    carla = make_export("carla.json", *DM[3:], channel="77")
    with pytest.raises(ChatParseError) as error:
        discord.parse([make_export("ben.json", *DM[:3]), carla])
    assert error.value.file == "ben.json, carla.json"
    assert '"ben" (id 9) and "ben" (id 77)' in error.value.reason
    assert "different channels" in error.value.reason


def test_json_error_names_the_message_record_not_a_line_of_the_file() -> None:
    broken = make_message(2, 20, "ana", timestamp="yesterday")
    with pytest.raises(ChatParseError) as error:
        discord.parse([make_export("dm.json", *DM[:2], broken)])
    assert str(error.value) == "dm.json, message 3: timestamp 'yesterday' is not ISO 8601"
    assert (error.value.line, error.value.unit) == (3, "message")


def test_json_that_is_not_json_names_its_true_line() -> None:
    with pytest.raises(ChatParseError) as error:
        discord.parse([ChatFile("dm.json", b'{"guild": {},\n "channel": {},\n "messages": [}')])
    assert str(error.value).startswith("dm.json, line 3: not valid JSON")


@pytest.mark.parametrize("name", [7, 7.5, None, {"name": "❤️"}, ["❤️"]])
def test_json_reaction_emoji_name_that_is_not_text_is_a_reaction_without_emoji(
    name: object,
) -> None:
    root = json.loads(make_file("dm_export.json").data)
    root["messages"][0]["reactions"][0]["emoji"]["name"] = name
    parsed = discord.parse([ChatFile("dm.json", json.dumps(root).encode())])
    reaction = parsed.messages.row(1, named=True)
    assert (reaction["kind"], reaction["author"], reaction["text"]) == ("reaction", "Bob", "")


# CSV -----------------------------------------------------------------------------------------


def test_csv_locale_date_with_month_name_is_read() -> None:
    parsed = parse_fixture("case44_locale_dates.csv")
    stamps = parsed.messages["timestamp"].to_list()
    assert stamps[0] == datetime.fromisoformat("2024-03-12T21:15")
    assert stamps[2] == datetime.fromisoformat("2024-03-13T00:01")
    assert (parsed.tz_hint, parsed.date_order, parsed.ambiguous_dates) == ("local", "dmy", False)


def test_csv_rows_keep_quotes_newlines_and_their_starting_line() -> None:
    messages = rows("case44_locale_dates.csv")
    assert messages[2]["text"] == "two\nlines"
    assert messages[3]["text"] == 'quote "this"'
    assert [m["line"] for m in messages] == [2, 3, 4, 6]


def test_csv_attachment_makes_media_with_caption() -> None:
    look = rows("case44_locale_dates.csv")[1]
    assert (look["kind"], look["text"]) == ("media", "look")


def test_csv_us_dates_are_month_first() -> None:
    parsed = parse_fixture("en_us_dates.csv")
    assert parsed.messages["timestamp"][1] == datetime.fromisoformat("2024-03-13T08:00")
    assert parsed.date_order == "mdy"


def test_csv_dates_readable_both_ways_are_flagged_ambiguous() -> None:
    parsed = parse_fixture("ambiguous_dates.csv")
    assert parsed.ambiguous_dates
    assert parsed.warnings


def test_csv_day_first_wins_when_month_first_would_run_backwards() -> None:
    parsed = discord.parse(
        [csv_of('"1","a","02/01/2024 10:00","x","",""', '"1","a","01/02/2024 09:00","y","",""')]
    )
    # Month-first would put the second row a month before the first; the tool writes in order.
    assert parsed.date_order == "dmy" and not parsed.ambiguous_dates


def test_csv_parts_of_one_export_share_one_order_of_day_and_month() -> None:
    first = csv_of(
        '"1","Ana","03/04/2024 10:00","a","",""', '"2","Ben","03/04/2024 10:01","b","",""'
    )
    later = ChatFile(
        "dm [part 2].csv",
        (
            HEADER
            + '"1","Ana","04/13/2024 10:00","c","",""\n"2","Ben","04/14/2024 10:01","d","",""\n'
        ).encode(),
    )
    parsed = discord.parse([first, later])
    assert parsed.date_order == "mdy" and not parsed.ambiguous_dates and not parsed.warnings
    days = [stamp.date().isoformat() for stamp in parsed.messages["timestamp"]]
    assert days == ["2024-03-04", "2024-03-04", "2024-04-13", "2024-04-14"]


def test_csv_parts_readable_both_ways_are_flagged_once_naming_them() -> None:
    rows = ('"1","Ana","03/04/2024 10:00","a","",""', '"2","Ben","03/04/2024 10:01","b","",""')
    parsed = discord.parse([csv_of(*rows), ChatFile("dm 2.csv", csv_of(*rows).data + b"\n")])
    assert parsed.ambiguous_dates
    assert [w for w in parsed.warnings if "fits as well" in w] == [
        "dm.csv, dm 2.csv: dates read as dmy, but another day/month order fits as well"
    ]
    assert (Kind.AMBIGUOUS_DATES, None) in [kind_of(w) for w in parsed.warnings]


def test_csv_row_with_a_date_of_another_format_names_its_line() -> None:
    with pytest.raises(ChatParseError) as error:
        parse_fixture("bad_date_row.csv")
    assert error.value.line == 4
    assert "gestern" in str(error.value)


def test_csv_with_no_known_date_format_says_so_and_suggests_json() -> None:
    with pytest.raises(ChatParseError, match="export as JSON") as error:
        parse_fixture("unknown_date_format.csv")
    assert error.value.line == 2


def test_csv_row_with_too_few_fields_names_its_line() -> None:
    with pytest.raises(ChatParseError) as error:
        discord.parse([csv_of('"1","a","12-Mar-24 09:15 PM","x","",""', '"1","a"')])
    assert error.value.line == 3


def test_csv_date_outside_the_tables_range_is_refused_naming_its_line() -> None:
    with pytest.raises(ChatParseError, match="9999-12-31 23:59:00 is out of range") as error:
        discord.parse([csv_of('"1","a","12.03.2024 21:15","x"', '"2","b","31.12.9999 23:59","y"')])
    assert error.value.line == 3


def test_csv_empty_author_names_the_column() -> None:
    with pytest.raises(ChatParseError, match="Author"):
        discord.parse([csv_of('"1","","12-Mar-24 09:15 PM","x","",""')])


def test_csv_partitions_are_joined_in_order() -> None:
    first = csv_of('"1","a","12-Mar-24 09:15 PM","one","",""')
    second = csv_of('"2","b","12-Mar-24 09:16 PM","two","",""')
    parsed = discord.parse([first, second])
    assert parsed.messages["text"].to_list() == ["one", "two"]
    assert parsed.messages["index"].to_list() == [0, 1]


def test_csv_people_who_share_a_name_stay_apart_by_author_id() -> None:
    parsed = discord.parse(
        [
            csv_of(
                '"7","Alex","12-Mar-24 09:15 PM","one","",""',
                '"8","Alex","12-Mar-24 09:16 PM","two","",""',
                '"7","Alex","12-Mar-24 09:17 PM","three","",""',
            )
        ]
    )
    assert parsed.messages["author"].to_list() == ["Alex", "Alex (2)", "Alex"]


def csv_part(name: str, *rows: tuple[str, str, str]) -> ChatFile:
    """A CSV part of rows (author, Date in the sv locale, content); ids "1" ana, "2" ben."""
    ids = {"ana": "1", "ben": "2"}
    lines = [f'"{ids[who]}","{who}","{when}","{text}","",""' for who, when, text in rows]
    return ChatFile(name, (HEADER + "\n".join(lines) + "\n").encode())


CSV_DM = [
    ("ana", "2024-03-12 21:00", "ok"),
    ("ana", "2024-03-12 21:00", "ok"),  # sent twice: both count
    ("ben", "2024-03-12 21:05", "two"),
    ("ana", "2024-03-12 21:07", "three"),
    ("ben", "2024-03-12 21:09", "four"),
]


def test_csv_whole_export_beside_its_part_reads_each_message_once_with_a_warning() -> None:
    parsed = discord.parse([csv_part("dm [part 2].csv", *CSV_DM[3:]), csv_part("dm.csv", *CSV_DM)])
    assert texts(parsed) == ["ok", "ok", "two", "three", "four"]
    assert parsed.warnings == ("dropped 2 duplicate messages across the files",)


def test_csv_parts_that_share_rows_read_them_once_but_a_files_own_repeats_stay() -> None:
    parsed = discord.parse([csv_part("b.csv", *CSV_DM[1:]), csv_part("a.csv", *CSV_DM[:3])])
    assert texts(parsed) == ["ok", "ok", "two", "three", "four"]
    assert parsed.warnings == ("dropped 2 duplicate messages across the files",)
    assert texts(discord.parse([csv_part("dm.csv", *CSV_DM)])) == [
        "ok",
        "ok",
        "two",
        "three",
        "four",
    ]


def test_csv_one_message_alike_at_the_minute_two_parts_meet_is_two_messages() -> None:
    first = csv_part(
        "a.csv", ("ana", "2024-03-12 21:00", "hi"), ("ben", "2024-03-12 21:15", "haha")
    )
    second = csv_part(
        "b.csv", ("ben", "2024-03-12 21:15", "haha"), ("ana", "2024-03-12 21:20", "?")
    )
    parsed = discord.parse([second, first])
    assert texts(parsed) == ["hi", "haha", "haha", "?"]
    assert parsed.warnings == ()


def test_csv_photos_of_one_minute_in_two_parts_are_told_apart_by_their_attachment() -> None:
    def photos(name: str, *files: str) -> ChatFile:
        lines = [f'"1","ana","2024-03-12 21:10","","https://cdn/{file}",""' for file in files]
        return ChatFile(name, (HEADER + "\n".join(lines) + "\n").encode())

    parsed = discord.parse([photos("a.csv", "1.jpg", "2.jpg"), photos("b.csv", "3.jpg", "4.jpg")])
    assert parsed.messages["kind"].to_list() == ["media"] * 4
    assert parsed.warnings == ()
    again = discord.parse([photos("a.csv", "1.jpg", "2.jpg"), photos("b.csv", "1.jpg", "2.jpg")])
    assert again.messages.height == 2


def test_csv_keeps_file_order_across_the_hour_repeated_when_summer_time_ends() -> None:
    night = [
        ("ana", "2024-10-26 23:00", "night"),
        ("ben", "2024-10-27 02:40", "summer time"),
        ("ana", "2024-10-27 02:10", "winter time, an hour later"),
        ("ben", "2024-10-27 02:15", "reply"),
    ]
    parsed = discord.parse([csv_part("dm.csv", *night)])
    assert texts(parsed) == [text for _, _, text in night]
    assert parsed.messages["index"].to_list() == [0, 1, 2, 3]


def test_csv_written_newest_first_comes_out_oldest_first() -> None:
    parsed = discord.parse([csv_part("dm.csv", *reversed(CSV_DM))])
    assert texts(parsed) == ["ok", "ok", "two", "three", "four"]


# Detection -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [p.name for p in sorted(FIXTURES.iterdir())])
def test_every_fixture_is_sniffed(name: str) -> None:
    assert discord.sniff([make_file(name)])


def test_plain_csv_and_other_json_are_not_claimed() -> None:
    plain = ChatFile("chat.csv", b"timestamp,author,content\n2024-03-12 21:15,Ana,hi\n")
    telegram = ChatFile("result.json", b'{"name": "B", "messages": []}')
    assert not discord.sniff([plain]) and not discord.sniff([telegram])


def test_discord_csv_header_is_told_apart_in_any_case() -> None:
    assert discord_csv.is_discord_csv_header(["authorid", "AUTHOR", "Date", "Content"])
    assert not discord_csv.is_discord_csv_header(["Author", "Date", "Content"])


# Robustness ----------------------------------------------------------------------------------

SEEDS = [p.read_bytes() for p in sorted(FIXTURES.iterdir())]
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=6,
)
KEYS = ["id", "type", "content", "author", "attachments", "stickers", "reactions"]
KEYS += ["timestampEdited", "reference", "forwardedMessage"]
#: Reactions as the tool writes them, with any JSON value in each field: random dictionaries
#: alone would hardly ever reach `emoji.name` or a user's `name`.
USERS = st.lists(st.fixed_dictionaries({}, optional={"name": JSON_VALUES}) | JSON_VALUES)
REACTION = st.fixed_dictionaries(
    {},
    optional={
        "emoji": st.fixed_dictionaries({}, optional={"name": JSON_VALUES}) | JSON_VALUES,
        "count": JSON_VALUES,
        "users": USERS | JSON_VALUES,
    },
)


def check(files: list[ChatFile]) -> None:
    discord.sniff(files)
    try:
        parsed = discord.parse(files)
    except ChatParseError:
        return
    assert parsed.messages.schema == SCHEMA


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_end_in_a_table_or_a_parse_error(data: bytes) -> None:
    check([ChatFile("dm.json", data)])


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=600))
def test_random_text_under_a_discord_csv_header_never_crashes(text: str) -> None:
    check([ChatFile("dm.csv", (HEADER + text).encode("utf-8", "replace"))])


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(SEEDS), st.data())
def test_mutated_fixtures_never_crash(seed: bytes, data: st.DataObject) -> None:
    position = data.draw(st.integers(0, len(seed)))
    cut = data.draw(st.integers(0, 40))
    insert = data.draw(st.binary(max_size=20) | st.sampled_from([b'"', b"\n", b",", b"{", b"\x00"]))
    check([ChatFile("dm.csv", seed[:position] + insert + seed[position + cut :])])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(KEYS), JSON_VALUES), max_size=5))
def test_arbitrary_json_values_in_messages_never_crash(extras: list[dict[str, Any]]) -> None:
    base = {"timestamp": "2024-03-12T21:15:00+01:00"}
    root = {"guild": {}, "channel": {}, "messages": [base | extra for extra in extras]}
    check([ChatFile("dm.json", json.dumps(root).encode())])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(REACTION | JSON_VALUES, max_size=3), min_size=1, max_size=3))
def test_arbitrary_json_values_in_reactions_never_crash(reactions: list[list[Any]]) -> None:
    base = {"timestamp": "2024-03-12T21:15:00+01:00", "author": {"name": "a"}}
    root = {"guild": {}, "channel": {}, "messages": [base | {"reactions": r} for r in reactions]}
    check([ChatFile("dm.json", json.dumps(root).encode())])


def test_invisible_characters_at_a_names_edges_make_no_other_person() -> None:
    messages = [make_message(0, 0, "ana"), make_message(1, 1, "\u200bana\u202f")]
    parsed = discord.parse([make_export("dm.json", *messages, make_message(2, 2, "ben"))])
    assert parsed.messages["author"].to_list() == ["ana", "ana", "ben"]
    csv = csv_of(
        '"","ana","2024-03-12 21:00","a","",""',
        '"","ana\u200d\u00a0","2024-03-12 21:01","b","",""',
        '"","ben","2024-03-12 21:02","c","",""',
    )
    assert discord.parse([csv]).messages["author"].to_list() == ["ana", "ana", "ben"]
