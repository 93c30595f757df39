"""nearer's plain CSV, from synthetic fixtures named after each case."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nearer.chat import parsers
from nearer.chat.caveats import Kind, kind_of
from nearer.chat.parsers import csv
from nearer.chat.records import SCHEMA, ChatFile, ChatParseError, ParsedChat
from tests.chat.parsers.conftest import make_zip

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "csv"
DISCORD = Path(__file__).resolve().parents[1] / "fixtures" / "discord"


def make_file(name: str) -> ChatFile:
    return ChatFile(name, (FIXTURES / name).read_bytes())


def parse_fixture(name: str) -> ParsedChat:
    return csv.parse([make_file(name)])


def rows(name: str) -> list[dict[str, Any]]:
    return parse_fixture(name).messages.to_dicts()


def parse_text(text: str) -> ParsedChat:
    return csv.parse([ChatFile("chat.csv", text.encode())])


# Reading -------------------------------------------------------------------------------------


def test_iso_times_without_offset_stay_local_and_bodies_keep_newlines() -> None:
    parsed = parse_fixture("plain_iso_local.csv")
    assert parsed.tz_hint == "local"
    first, second, third = parsed.messages.to_dicts()
    assert first["timestamp"] == datetime.fromisoformat("2024-03-12T21:15")
    assert second["text"] == "two\nlines, one message"
    assert third["text"] == "👨‍👩‍👧 ❤️‍🔥"
    assert [m["line"] for m in (first, second, third)] == [2, 3, 5]


def test_a_quote_left_open_is_refused_naming_its_line_not_read_as_the_rest_of_the_file() -> None:
    text = (
        'timestamp,sender,text\n2024-01-01 10:00,Alex,hi\n2024-01-01 10:01,Sam,"oops\n'
        "2024-01-01 10:02,Alex,are you there?\n2024-01-01 10:03,Sam,yes\n"
    )
    with pytest.raises(ChatParseError) as raised:
        parse_text(text)
    assert raised.value.line == 3 and "never closed" in raised.value.reason


def test_a_quoted_last_message_over_several_lines_is_kept() -> None:
    parsed = parse_text('timestamp,sender,text\n2024-01-01 10:00,Alex,"two\nlines"\n')
    assert parsed.messages["text"].to_list() == ["two\nlines"]


@pytest.mark.parametrize("space", ["\u202f", "\u00a0"])
def test_no_break_spaces_inside_a_time_are_spaces(space: str) -> None:
    text = f"timestamp,sender,text\n1/29/2024{space}11:33{space}PM,Alex,hello\n"
    assert parse_text(text).messages["timestamp"].to_list() == [
        datetime.fromisoformat("2024-01-29T23:33")
    ]


def test_offsets_become_naive_utc() -> None:
    parsed = parse_fixture("offsets_to_utc.csv")
    assert parsed.tz_hint == "utc"
    assert parsed.messages["timestamp"].to_list() == [
        datetime.fromisoformat("2024-03-12T20:15"),
        datetime.fromisoformat("2024-03-12T20:16"),
        datetime.fromisoformat("2024-03-12T20:17"),
    ]


def test_excel_semicolons_bom_and_column_aliases_are_read() -> None:
    ana, ben = rows("excel_semicolon_bom_aliases.csv")
    assert (ana["author"], ana["text"], ana["kind"]) == ("Ana", "Café; ok", "text")
    assert (ben["author"], ben["text"], ben["kind"]) == ("Ben", "", "media")


def test_separate_date_and_time_columns_are_joined() -> None:
    times = parse_fixture("date_and_time_columns.csv").messages["timestamp"].to_list()
    assert times == [
        datetime.fromisoformat("2024-03-12T21:15"),
        datetime.fromisoformat("2024-03-12T21:16:05"),
    ]


def test_optional_columns_give_ids_replies_and_kinds() -> None:
    messages = rows("optional_columns.csv")
    kinds = [(m["author"], m["kind"]) for m in messages]
    assert kinds == [
        ("Ana", "text"),
        ("Ben", "edited"),
        ("Ana", "media"),
        (None, "system"),
        ("Ben", "call"),
    ]
    assert (messages[1]["message_id"], messages[1]["target_id"]) == ("m2", "m1")


def test_times_a_spreadsheet_rewrote_are_read_with_the_day_first_or_month_first_voted() -> None:
    day_first = parse_text("date;author;message\n01.03.2024 21:15;Ana;hi\n13.03.2024 9:05;Ben;yo\n")
    assert day_first.messages["timestamp"].to_list() == [
        datetime.fromisoformat("2024-03-01T21:15:00"),
        datetime.fromisoformat("2024-03-13T09:05:00"),
    ]
    assert (day_first.date_order, day_first.ambiguous_dates) == ("dmy", False)
    month_first = parse_text(
        "timestamp,sender,text\n3/1/2024 9:15 PM,Ana,hi\n3/13/2024 12:05:09 AM,Ben,yo\n"
    )
    assert month_first.messages["timestamp"].to_list() == [
        datetime.fromisoformat("2024-03-01T21:15:00"),
        datetime.fromisoformat("2024-03-13T00:05:09"),
    ]
    assert month_first.tz_hint == "local" and not month_first.warnings


def test_one_rewritten_row_beside_iso_rows_is_read_and_its_uncertain_order_said() -> None:
    parsed = parse_fixture("spreadsheet_rewrote_one_row.csv")
    assert parsed.messages["timestamp"][1] == datetime.fromisoformat("2024-03-12T21:16:00")
    assert parsed.ambiguous_dates
    assert parsed.warnings == (
        "spreadsheet_rewrote_one_row.csv: the date order is uncertain "
        "(guessed: nothing in the dates tells day from month); read as dmy",
    )
    assert [kind_of(w) for w in parsed.warnings] == [(Kind.AMBIGUOUS_DATES, None)]


def test_unix_seconds_and_milliseconds_are_instants() -> None:
    parsed = parse_text("time,from,content\n1710278100,Ana,hi\n1710278160500,Ben,yo\n")
    assert parsed.tz_hint == "utc"
    assert parsed.messages["timestamp"].to_list() == [
        datetime.fromisoformat("2024-03-12T21:15:00"),
        datetime.fromisoformat("2024-03-12T21:16:00.500000"),
    ]


def test_milliseconds_that_python_would_read_as_iso_are_unix_time() -> None:
    # fromisoformat reads "1710123100000" as 31 December 1710.
    parsed = parse_text("time,from,content\n1710123100000,Ana,hi\n")
    assert parsed.messages["timestamp"][0] == datetime.fromisoformat("2024-03-11T02:11:40")


def test_unquoted_delimiters_in_the_last_column_stay_in_the_text() -> None:
    parsed = parse_text("timestamp,sender,text\n2024-03-12 21:15,Ana,good, thanks, you?\n")
    assert parsed.messages["text"][0] == "good, thanks, you?"


def test_unquoted_delimiters_before_the_last_column_name_the_line() -> None:
    with pytest.raises(ChatParseError, match=r"line 3: has 4 fields, the header has 3; put quotes"):
        parse_text("text,sender,timestamp\nhi,Ana,2024-03-12 21:15\nhi, you,Ben,2024-03-12 21:16\n")


def test_rows_of_delimiters_only_are_blank_lines() -> None:
    parsed = parse_text("timestamp;sender;text\n2024-03-12 21:15;Ana;hi\n;;\n ; ; \n")
    assert parsed.messages.height == 1


def test_windows_1252_file_is_read_with_a_warning() -> None:
    parsed = csv.parse(
        [ChatFile("chat.csv", "timestamp,sender,text\n2024-03-12 21:15,Zoë,hé\n".encode("cp1252"))]
    )
    assert parsed.messages["author"][0] == "Zoë"
    assert [kind_of(w) for w in parsed.warnings] == [(Kind.ENCODING, None)]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_unicode_text_from_a_spreadsheet_utf16_and_tabs_is_read(encoding: str) -> None:
    # Excel's and LibreOffice's "Unicode text": UTF-16 with a byte order mark, tab-separated.
    text = "\ufefftimestamp\tsender\ttext\r\n2024-03-12 21:15\tZoë\tcafé 😀\r\n"
    file = ChatFile("chat.txt", text.encode(encoding))
    assert parsers.detect([file]).NAME == "csv"
    parsed = csv.parse([file])
    assert parsed.messages.select("author", "text").row(0) == ("Zoë", "café 😀")
    assert parsed.warnings == ()


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_unicode_text_without_a_byte_order_mark_is_read_too(encoding: str) -> None:
    # Some scripts and tools write "Unicode text" without the mark.
    rows = "".join(f"2024-03-12 21:{m:02}\tZoë\tcafé 😀 {m}\r\n" for m in range(60))
    file = ChatFile("chat.txt", ("timestamp\tsender\ttext\r\n" + rows).encode(encoding))
    assert parsers.detect([file]).NAME == "csv"
    parsed = csv.parse([file])
    assert parsed.messages.height == 60
    assert parsed.messages.select("author", "text").row(59) == ("Zoë", "café 😀 59")


def test_utf16_that_does_not_decode_is_refused_as_such() -> None:
    data = "\ufefftimestamp,sender,text\n".encode("utf-16-le") + b"\x00\xd8"
    with pytest.raises(ChatParseError, match=r"chat\.csv: not valid UTF-16 text"):
        csv.parse([ChatFile("chat.csv", data)])


def test_text_is_nfc_normalised() -> None:
    parsed = parse_text("timestamp,sender,text\n2024-03-12 21:15,Ana,cafe\u0301\n")
    assert parsed.messages["text"][0] == "café"


# Errors --------------------------------------------------------------------------------------


def test_an_unreadable_time_names_the_line_and_column() -> None:
    with pytest.raises(ChatParseError, match="column timestamp: 'yesterday 9pm'") as error:
        parse_fixture("bad_timestamp_row.csv")
    assert error.value.line == 3


def test_an_impossible_spreadsheet_date_names_the_line() -> None:
    text = "timestamp,sender,text\n13/01/2024 10:00,Ana,hi\n31/02/2024 21:16,Ben,x\n"
    with pytest.raises(ChatParseError, match="is no possible time") as error:
        parse_text(text)
    assert error.value.line == 3


def test_mixing_offsets_and_wall_clock_is_refused_at_the_first_odd_row() -> None:
    with pytest.raises(ChatParseError, match="offsets on some rows only") as error:
        parse_fixture("mixed_offsets.csv")
    assert error.value.line == 3


def test_date_without_time_is_refused() -> None:
    with pytest.raises(ChatParseError, match="no time of day"):
        parse_text("timestamp,sender,text\n2024-03-12,Ana,hi\n")


@pytest.mark.parametrize(
    ("value", "when"), [("45362.885", "2024-03-11 21:14"), ("45362", "2024-03-11 00:00")]
)
def test_a_spreadsheets_serial_number_is_refused_as_no_date_and_time(value: str, when: str) -> None:
    with pytest.raises(ChatParseError) as error:
        parse_text(f"timestamp,sender,text\n{value},Ana,hi\n")
    assert error.value.line == 2
    message = str(error.value)
    assert f"'{value}' is a number, not a date and time" in message and "time of day" not in message
    assert f"spreadsheet's serial number for {when}" in message and "as text" in message


def test_a_time_without_a_date_is_not_said_to_lack_a_time_of_day() -> None:
    with pytest.raises(ChatParseError, match="'21:15' is not a date and time such as"):
        parse_text("timestamp,sender,text\n21:15,Ana,hi\n")


def test_empty_sender_names_the_column() -> None:
    with pytest.raises(ChatParseError, match="column author is empty") as error:
        parse_text("time,author,text\n2024-03-12 21:15,,hi\n")
    assert error.value.line == 2


def test_unknown_kind_names_the_column() -> None:
    with pytest.raises(ChatParseError, match="column kind"):
        parse_text("timestamp,sender,text,kind\n2024-03-12 21:15,Ana,hi,poem\n")


def test_short_row_names_its_line() -> None:
    with pytest.raises(ChatParseError, match="has 2 fields") as error:
        parse_text("timestamp,sender,text\n2024-03-12 21:15,Ana,hi\n2024-03-12 21:16,Ben\n")
    assert error.value.line == 3


def test_file_without_a_chat_header_is_refused() -> None:
    with pytest.raises(ChatParseError, match="timestamp, sender and text"):
        parse_text("a,b,c\n1,2,3\n")


def test_discord_csv_forced_through_plain_csv_says_which_parser_to_use() -> None:
    with pytest.raises(ChatParseError, match="discord"):
        parse_fixture("discord_header.csv")


# Detection -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", [p.name for p in sorted(FIXTURES.iterdir()) if "discord" not in p.name]
)
def test_every_plain_fixture_is_sniffed(name: str) -> None:
    assert csv.sniff([make_file(name)])


@pytest.mark.parametrize("name", [p.name for p in sorted(DISCORD.glob("*.csv"))])
def test_discord_csv_is_never_claimed(name: str) -> None:
    assert not csv.sniff([ChatFile(name, (DISCORD / name).read_bytes())])


def test_registry_sends_discord_csv_to_discord_and_plain_csv_to_csv() -> None:
    discord_file = ChatFile("dm.csv", (DISCORD / "case44_locale_dates.csv").read_bytes())
    assert parsers.detect([discord_file]).NAME == "discord"
    assert parsers.detect([make_file("plain_iso_local.csv")]).NAME == "csv"


def test_whatsapp_text_is_not_claimed() -> None:
    assert not csv.sniff([ChatFile("chat.txt", b"12/03/24, 10:00 - Ana: hi, you\n")])


# Robustness ----------------------------------------------------------------------------------

SEEDS = [p.read_bytes() for p in sorted(FIXTURES.iterdir())]
HEADERS = st.sampled_from(
    ["timestamp,sender,text\n", "Date;Author;Message;kind\n", "date\ttime\tfrom\tbody\n"]
)


def check(files: list[ChatFile]) -> None:
    csv.sniff(files)
    try:
        parsed = csv.parse(files)
    except ChatParseError:
        return
    assert parsed.messages.schema == SCHEMA


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_end_in_a_table_or_a_parse_error(data: bytes) -> None:
    check([ChatFile("chat.csv", data)])


@settings(max_examples=200, deadline=None)
@given(HEADERS, st.text(max_size=600))
def test_random_text_under_a_header_never_crashes(header: str, text: str) -> None:
    check([ChatFile("chat.csv", (header + text).encode("utf-8", "replace"))])


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(SEEDS), st.data())
def test_mutated_fixtures_never_crash(seed: bytes, data: st.DataObject) -> None:
    position = data.draw(st.integers(0, len(seed)))
    cut = data.draw(st.integers(0, 40))
    insert = data.draw(st.binary(max_size=20) | st.sampled_from([b'"', b"\n", b";", b",", b"\x00"]))
    check([ChatFile("chat.csv", seed[:position] + insert + seed[position + cut :])])


def test_parts_given_in_any_order_read_as_one_chat_in_time_order() -> None:
    header = "timestamp,sender,text\n"
    first = header + "2024-01-01 09:00,Ana,one\n2024-01-01 09:05,Ben,two\n"
    second = header + "2024-01-02 09:00,Ana,three\n2024-01-02 08:59,Ben,four written late\n"
    parts = [
        ChatFile("chat_part2.csv", second.encode()),
        ChatFile("chat_part1.csv", first.encode()),
    ]
    messages = csv.parse(parts).messages
    assert messages["text"].to_list() == ["one", "two", "three", "four written late"]
    assert messages["index"].to_list() == [0, 1, 2, 3]


CHAT = [
    "2024-01-01 09:00,Ana,ok",
    "2024-01-01 09:00,Ana,ok",  # sent twice: both count
    "2024-01-01 09:05,Ben,two",
    "2024-01-01 09:07,Ana,three",
    "2024-01-01 09:09,Ben,four",
]


def part(name: str, *lines: str, header: str = "timestamp,sender,text") -> ChatFile:
    return ChatFile(name, "\n".join([header, *lines, ""]).encode())


def test_a_whole_export_beside_its_part_reads_each_message_once_with_a_warning() -> None:
    for files, repeats in (
        ([part("chat.csv", *CHAT), part("chat_part2.csv", *CHAT[3:])], 2),
        ([part("chat_part1.csv", *CHAT[:3]), part("chat.csv", *CHAT)], 3),
    ):
        parsed = csv.parse(files)
        assert parsed.messages["text"].to_list() == ["ok", "ok", "two", "three", "four"]
        assert parsed.messages["index"].to_list() == [0, 1, 2, 3, 4]
        assert parsed.warnings == (f"dropped {repeats} duplicate messages across the files",)


def test_parts_that_share_rows_read_them_once_but_a_files_own_repeats_stay() -> None:
    parsed = csv.parse([part("b.csv", *CHAT[1:]), part("a.csv", *CHAT[:3])])
    assert parsed.messages["text"].to_list() == ["ok", "ok", "two", "three", "four"]
    assert parsed.warnings == ("dropped 2 duplicate messages across the files",)
    assert csv.parse([part("a.csv", *CHAT)]).messages.height == 5


def test_parts_with_an_id_column_read_an_id_once() -> None:
    header = "id,timestamp,sender,text"
    first = part("a.csv", "1,2024-01-01 09:00,Ana,hi", "2,2024-01-01 09:01,Ben,yo", header=header)
    # The same message as the file shows it after an edit: one message still.
    second = part("b.csv", "2,2024-01-01 09:01,Ben,yo!", "3,2024-01-01 09:02,Ana,x", header=header)
    parsed = csv.parse([first, second])
    assert parsed.messages["message_id"].to_list() == ["1", "2", "3"]
    assert parsed.warnings == ("dropped 1 duplicate message across the files",)
    assert [kind_of(w) for w in parsed.warnings] == [(Kind.DUPLICATES, 1)]


def test_monthly_parts_whose_ids_each_start_at_1_keep_every_message() -> None:
    header = "id,timestamp,sender,text"
    march = part(
        "march.csv", "1,2024-03-30 09:00,Ana,hi", "2,2024-03-30 09:01,Ben,yo", header=header
    )
    april = ["1,2024-04-02 20:00,Ana,back", "2,2024-04-02 20:01,Ben,ok", "3,2024-04-02 20:02,Ana,x"]
    parsed = csv.parse([part("april.csv", *april, header=header), march])
    assert parsed.messages["text"].to_list() == ["hi", "yo", "back", "ok", "x"]
    assert parsed.warnings == ()


def test_one_message_alike_at_the_minute_two_parts_meet_is_two_messages() -> None:
    # "haha" at 21:15 closes one part and opens the next: sent twice, not a file overlap.
    first = part("a.csv", "2024-01-01 21:00,Ana,hi", "2024-01-01 21:15,Ben,haha")
    second = part("b.csv", "2024-01-01 21:15,Ben,haha", "2024-01-01 21:20,Ana,so?")
    parsed = csv.parse([second, first])
    assert parsed.messages["text"].to_list() == ["hi", "haha", "haha", "so?"]
    assert parsed.warnings == ()


def test_photos_of_one_minute_in_two_parts_are_told_apart_by_their_attachment() -> None:
    header = "timestamp,sender,text,attachments"
    photos = ("2024-01-01 21:10,Ana,,one.jpg", "2024-01-01 21:10,Ana,,two.jpg")
    others = ("2024-01-01 21:10,Ana,,three.jpg", "2024-01-01 21:10,Ana,,four.jpg")
    parsed = csv.parse(
        [part("a.csv", *photos, header=header), part("b.csv", *others, header=header)]
    )
    assert parsed.messages.height == 4 and parsed.warnings == ()
    again = csv.parse(
        [part("a.csv", *photos, header=header), part("b.csv", *photos, header=header)]
    )
    assert again.messages.height == 2


def test_the_parts_of_one_export_share_one_order_of_day_and_month() -> None:
    first = ChatFile(
        "q1.csv", b"date,sender,text\n03/04/2024 10:00,Ana,a\n03/04/2024 10:01,Ben,b\n"
    )
    later = ChatFile(
        "q3.csv", b"date,sender,text\n04/13/2024 10:00,Ana,c\n04/14/2024 10:01,Ben,d\n"
    )
    parsed = csv.parse([first, later])
    assert parsed.date_order == "mdy" and not parsed.ambiguous_dates and not parsed.warnings
    days = [stamp.date().isoformat() for stamp in parsed.messages["timestamp"]]
    assert days == ["2024-03-04", "2024-03-04", "2024-04-13", "2024-04-14"]


def test_a_csv_without_one_of_its_columns_names_the_missing_one() -> None:
    lacking = ChatFile("chat.csv", b"timestamp,text\n2024-03-12 10:00,hi\n")
    with pytest.raises(ChatParseError) as refused:
        parsers.parse([lacking])
    assert str(refused.value) == (
        "chat.csv, line 1: the first line names no sender column (sender, author, name, from)"
    )
    other = ChatFile("other.csv", b"a;b\n1;2\n")
    with pytest.raises(ChatParseError, match="must name the columns: timestamp, sender and text"):
        parsers.parse([other])


def test_a_file_newest_first_is_read_in_file_order_and_said_to_be_so() -> None:
    rows = "".join(f"2024-03-04T09:{50 - 10 * n:02d}:00,{'AB'[n % 2]},m{n}\n" for n in range(5))
    parsed = csv.parse([ChatFile("rev.csv", b"timestamp,sender,text\n" + rows.encode())])
    assert parsed.messages["text"].to_list() == ["m0", "m1", "m2", "m3", "m4"]
    assert parsed.warnings == (
        "4 of the 4 rows after the first are older than the row above: if the file runs newest "
        "first, sort it oldest first (rows are read in file order, the conversation's order)",
    )
    in_order = rows.splitlines(keepends=True)[::-1]
    oldest_first = b"timestamp,sender,text\n" + "".join(in_order).encode()
    assert csv.parse([ChatFile("chat.csv", oldest_first)]).warnings == ()
    assert [kind_of(w) for w in parsed.warnings] == [(Kind.NEWEST_FIRST, None)]


def test_a_csv_chat_in_an_uncompressed_zip_is_read_as_its_file() -> None:
    # Stored, the zip's first line ends in the member's header: "PK…chat.csvid,timestamp,…".
    text = b"id,timestamp,sender,text\n1,2024-03-01 10:00,Ana,hi\n2,2024-03-01 10:05,Ben,hey\n"
    zipped = make_zip({"chat.csv": text}, compression=zipfile.ZIP_STORED)
    assert parsers.parse([zipped]).messages["text"].to_list() == ["hi", "hey"]


def test_invisible_characters_and_any_space_at_a_senders_edges_make_no_other_person() -> None:
    chat = parse_text(
        "timestamp,sender,text\n"
        "2024-03-12T20:15:00,Ana,one\n"
        "2024-03-12T20:16:00,\u200bAna\u00a0,two\n"
        "2024-03-12T20:17:00,Ben\u200d,three\n"
    )
    assert chat.messages["author"].to_list() == ["Ana", "Ana", "Ben"]
    with pytest.raises(ChatParseError, match="column sender is empty"):
        parse_text("timestamp,sender,text\n2024-03-12T20:15:00,\u200b\u202f,one\n")
