"""WhatsApp text exports: one synthetic fixture per tricky case (chat-formats.md §9, 1-34)."""

from __future__ import annotations

import random
import unicodedata
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nearer.chat import parsers
from nearer.chat.caveats import Kind, kind_of
from nearer.chat.parsers import whatsapp
from nearer.chat.records import SCHEMA, ChatFile, ChatParseError, ParsedChat

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "whatsapp"


def make_file(name: str) -> ChatFile:
    return ChatFile(name, (FIXTURES / name).read_bytes())


def parse_fixture(name: str) -> ParsedChat:
    return whatsapp.parse([make_file(name)])


def rows(name: str) -> list[dict[str, Any]]:
    return parse_fixture(name).messages.to_dicts()


def make_chat(*lines: str, name: str = "chat.txt") -> ParsedChat:
    return whatsapp.parse([ChatFile(name, "\n".join(lines).encode())])


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


# Headers: clocks, languages, separators (cases 1-13) -----------------------------------------


def test_a_contact_and_someone_unsaved_of_one_name_are_two_people() -> None:
    # "~ Alex" is not in the exporter's contacts, "Alex" is (or is the exporter): two people.
    chat = parse_fixture("saved_and_unsaved_of_one_name.txt")
    authors = chat.messages["author"].to_list()
    assert authors == ["Alex", "Alex (2)", "Sam", "Alex (2)", "Alex"]
    assert parse_fixture("case23_non_contact_author.txt").participants == ["AK", "Maya"]


def test_ios_twelve_hour_time_with_narrow_no_break_space() -> None:
    first, second = rows("case01_ios_12h_nnbsp.txt")
    assert first["timestamp"] == at("2025-03-14 14:05:09")
    assert second["timestamp"] == at("2025-03-14 11:59:59")


def test_android_twelve_hour_time_with_narrow_no_break_space() -> None:
    first, second = rows("case02_android_12h_nnbsp.txt")
    assert (first["author"], first["text"]) == ("Ana", "hi")
    assert second["timestamp"] == at("2025-03-14 23:59:00")


def test_spanish_p_m_with_no_break_space_is_after_noon() -> None:
    evening, morning, noon = rows("case03_spanish_am_pm_nbsp.txt")
    assert evening["timestamp"] == at("2025-03-28 21:29")
    assert morning["timestamp"] == at("2025-03-28 09:31")
    assert noon["timestamp"] == at("2025-03-29 12:05")


def test_dotted_pm_with_the_year_first() -> None:
    chat = parse_fixture("case04_dotted_pm_year_first.txt")
    assert chat.date_order == "ymd" and not chat.ambiguous_dates
    assert chat.messages["timestamp"].to_list() == [at("2023-12-20 17:46"), at("2023-12-21 09:02")]
    assert chat.messages["text"][0] == "👋🏼"


def test_a_two_digit_year_first_is_read_so_despite_a_line_out_of_order() -> None:
    days = [13, 14, 15, 14, 16, 17, 18, 19, 20]  # the fourth line written out of order
    chat = make_chat(*(f"24-03-{day}, 21:05 - {'AB'[day % 2]}: hi" for day in days))
    assert chat.date_order == "ymd" and not chat.ambiguous_dates
    stamps = chat.messages["timestamp"].to_list()
    assert [stamp.date().isoformat() for stamp in stamps][:3] == [
        "2024-03-13", "2024-03-14", "2024-03-15",
    ]  # fmt: skip


def test_twelve_am_is_midnight_and_twelve_pm_is_noon() -> None:
    stamps = parse_fixture("case05_midnight_and_noon.txt").messages["timestamp"].to_list()
    assert stamps == [at("2018-01-30 00:00"), at("2018-01-30 12:30"), at("2018-01-31 00:59")]


def test_german_dotted_date_with_two_digit_year() -> None:
    chat = parse_fixture("case06_german_two_digit_year.txt")
    assert chat.date_order == "dmy"
    assert chat.messages["timestamp"].to_list() == [at("2018-01-29 23:33"), at("2018-01-30 00:02")]


def test_german_day_period_words_set_the_hour() -> None:
    stamps = parse_fixture("case06_german_day_periods.txt").messages["timestamp"].dt.hour()
    # abends, nachts, morgens, mittags, nachm., vorm.
    assert stamps.to_list() == [23, 1, 8, 12, 15, 10]


def test_finnish_klo_and_dotted_time() -> None:
    first, _ = rows("case07_finnish_klo.txt")
    assert (first["timestamp"], first["author"], first["text"]) == (
        at("2018-06-13 21:25:15"),
        "a",
        "m",
    )


def test_croatian_date_without_a_dash_before_the_author() -> None:
    first, second = rows("case08_croatian_no_dash.txt")
    assert (first["timestamp"], first["author"]) == (at("2018-06-13 21:25:15"), "a")
    assert second["timestamp"] == at("2018-06-14 08:00:00")


def test_dash_date_without_comma() -> None:
    first, _ = rows("case09_dash_date_no_comma.txt")
    assert (first["timestamp"], first["author"], first["text"]) == (
        at("2022-04-26 12:11"),
        "name",
        "hoi",
    )


def test_indonesian_dotted_time() -> None:
    first, _ = rows("case10_indonesian_dot_time.txt")
    assert (first["timestamp"], first["author"]) == (at("2025-08-30 18:00"), "Budi")


def test_arabic_digits_rlm_arabic_comma_and_day_period_letters() -> None:
    evening, morning = rows("case11_arabic_digits.txt")
    assert (evening["timestamp"], evening["author"], evening["text"]) == (
        at("2022-04-24 14:07"),
        "عمار",
        "السلام",
    )
    assert morning["timestamp"] == at("2022-04-25 09:15")


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("case12_legacy_colon.txt", at("2014-03-24 13:59:59")),
        ("case12_legacy_colon_dot_time.txt", at("2018-06-13 21:25:15")),
    ],
)
def test_legacy_colon_after_the_time(name: str, first: datetime) -> None:
    message = rows(name)[0]
    assert message["timestamp"] == first
    assert message["author"] in {"Ana", "a"} and message["text"] in {"hi", "m"}


def test_ios_brackets_without_comma() -> None:
    first, _ = rows("case13_ios_no_comma.txt")
    assert (first["timestamp"], first["author"], first["text"]) == (
        at("2022-12-31 11:40:26"),
        "John Doe",
        "Hi!",
    )


@pytest.mark.parametrize(
    ("morning", "evening"),
    [
        ("2021/1/30 上午9:05 - ", "2021/1/29 下午11:46 - "),  # Chinese, Android
        ("[2021/1/30 午前9:05:00] ", "[2021/1/29 午後11:46:00] "),  # Japanese, iOS
        ("2021. 1. 30. 오전 9:05 - ", "2021. 1. 29. 오후 11:46 - "),  # Korean, Android
        ("30/1/21, 9:05 π.μ. - ", "29/1/21, 11:46 μ.μ. - "),  # Greek
        ("30/1/21 9:05 SA - ", "29/1/21 11:46 CH - "),  # Vietnamese
        ("[2021-01-30 9:05:00 fm] ", "[2021-01-29 11:46:00 em] "),  # Swedish, iOS
        ("30.1.2021 klo 9.05 ap. - ", "29.1.2021 klo 11.46 ip. - "),  # Finnish
        ("30.01.21 9:05 dop. - ", "29.01.21 11:46 odp. - "),  # Czech
        ("2021. 01. 30. de. 9:05 - ", "2021. 01. 29. du. 11:46 - "),  # Hungarian, period first
        ("30.01.21, 9:05 дп - ", "29.01.21, 11:46 пп - "),  # Ukrainian
        ("30/01/2021, 9:05 f.h. - ", "29/01/2021, 11:46 e.h. - "),  # Icelandic
        ("30.01.21, 9:05 priekšp. - ", "29.01.21, 11:46 pēcp. - "),  # Latvian
        ("30/1/21 9:05 غ.م. - ", "29/1/21 11:46 غ.و. - "),  # Pashto
        ("30/1/2021 9:05 ก่อนเที่ยง - ", "29/1/2021 11:46 หลังเที่ยง - "),  # Thai, wide form
        ("30/01/21, 9:05 da manhã - ", "29/01/21, 11:46 da tarde - "),  # Portuguese (Portugal)
        ("1/30/21, AM 9:05 - ", "1/29/21, PM 11:46 - "),  # AM/PM written before the time
        ("30.01.2021 ÖÖ 9:05 - ", "29.01.2021 ÖS 11:46 - "),  # Turkish, period first
        ("30/1/21 SA 9:05 - ", "29/1/21 CH 11:46 - "),  # Vietnamese, period first
    ],
)
def test_day_periods_before_or_after_the_time_in_other_languages(
    morning: str, evening: str
) -> None:
    # Morning and evening lines are headers of one shape, whichever word the period is.
    chat = make_chat(f"{evening}Ana: hi", f"{evening}Ben: hello", f"{morning}Ana: morning")
    assert chat.messages["author"].to_list() == ["Ana", "Ben", "Ana"]
    assert [t.strftime("%d %H:%M") for t in chat.messages["timestamp"]] == [
        "29 23:46",
        "29 23:46",
        "30 09:05",
    ]


@pytest.mark.parametrize("header", ["{d}.03.24 г., {t} - ", "[{d}.03.24 г., {t}:00] "])
def test_bulgarian_dates_with_the_years_abbreviation_are_headers(header: str) -> None:
    lines = [
        ("12", "21:15", "Ана: Здравей"),
        ("12", "21:16", "Борис: Здрасти"),
        ("13", "8:05", "Ана: Добро утро"),
    ]
    chat = make_chat(*(header.format(d=d, t=t) + said for d, t, said in lines))
    assert chat.messages["author"].to_list() == ["Ана", "Борис", "Ана"]
    assert [t.strftime("%d.%m %H:%M") for t in chat.messages["timestamp"]] == [
        "12.03 21:15",
        "12.03 21:16",
        "13.03 08:05",
    ]


def test_year_first_ios_export_with_a_typed_double_space_is_whatsapp_not_signal() -> None:
    lines = [
        "[2025-01-31 23:59:00] Ana: see you soon  ",
        "\u200e[2025-02-01 00:00:05] Ben: \u200eimage omitted",
        "[2025-02-01 00:01:00] Ben: \u200eThis message was deleted.",
        "[2025-02-01 00:02:00] Ana: ok",
    ]
    export = ChatFile("_chat.txt", "\n".join(lines).encode())
    assert parsers.detect([export]).NAME == "whatsapp"


def test_persian_and_thai_calendar_dates_become_gregorian() -> None:
    persian = make_chat("۱۴۰۲/۱۰/۱, ۲۱:۳۰ - Ana: سلام", "۱۴۰۲/۱۰/۲, ۰۸:۰۰ - Ben: hi")
    assert persian.messages["timestamp"].to_list() == [
        at("2023-12-22 21:30"),
        at("2023-12-23 08:00"),
    ]
    thai = make_chat("29/1/64 23:46 - Ana: hi", "30/1/64 09:05 - Ben: morning")
    assert thai.messages["timestamp"][0] == at("2021-01-29 23:46")


@pytest.mark.parametrize(
    ("era_date", "expected"),
    [
        ("3/18/2565 BE", "2022-03-18 14:56:01"),  # Thai Buddhist calendar, English UI
        ("6/13/1405 AP", "2026-09-04 14:56:01"),  # Persian calendar
        ("3/21/1448 AH", "2026-09-04 14:56:01"),  # Islamic calendar (arithmetic)
        ("3/18/R4", "2022-03-18 14:56:01"),  # Japanese calendar: Reiwa 4
    ],
)
def test_an_iphone_on_another_calendar_writes_its_era_and_is_read(
    era_date: str, expected: str
) -> None:
    chat = make_chat(
        f"[{era_date}, 14:56:01] Elon: Messages and calls are end-to-end encrypted. No one"
        " outside of this chat, not even WhatsApp, can read or listen to them.",
        f"[{era_date}, 15:00:00] Dmitry: Hello World",
    )
    assert chat.messages["timestamp"][0] == at(expected)
    assert chat.messages["kind"].to_list() == ["system", "text"]
    assert (chat.date_order, chat.warnings) == ("mdy", ())


def test_a_chat_from_heisei_into_reiwa_stays_one_chat_in_order() -> None:
    chat = make_chat(
        "[4/30/H31, 23:59:00] Aki: the last night of Heisei",
        "[5/1/R1, 00:00:05] Ren: Reiwa!",
    )
    assert chat.messages["timestamp"].to_list() == [
        at("2019-04-30 23:59:00"),
        at("2019-05-01 00:00:05"),
    ]


# Invisible marks and line structure (cases 14-17, 31, 34) -------------------------------------


def test_left_to_right_marks_before_the_bracket_and_body_are_structure() -> None:
    image, text = rows("case14_lrm_media.txt")
    assert (image["author"], image["kind"], image["text"]) == ("Bob", "media", "")
    assert text["text"] == "nice photo"


def test_byte_order_marks_before_and_inside_the_bracket() -> None:
    authors = parse_fixture("case15_bom_in_header.txt").messages["author"].to_list()
    assert authors == ["Carol", "Dave", "Carol"]


def test_continuation_lines_that_look_like_dates_stay_in_the_message() -> None:
    agenda, ok = rows("case16_continuation_looks_like_date.txt")
    assert agenda["text"] == "Agenda:\n2016-04-29 10:30:00 kickoff\n29/04/2016 11:00 lunch"
    assert (ok["author"], ok["line"]) == ("Ben", 4)


def test_multi_line_message_keeps_its_newlines_and_blank_lines() -> None:
    first, second = rows("case17_multiline_body.txt")
    assert first["text"] == "line1\nline2\n\nline4"
    assert second["line"] == 5


def test_mixed_crlf_lf_and_lone_cr_line_endings() -> None:
    chat = parse_fixture("case31_mixed_line_endings.txt")
    assert chat.messages["text"].to_list() == ["first", "second", "third", "two\nlines", "last"]
    assert chat.messages["line"].to_list() == [1, 2, 3, 4, 6]


def test_header_like_text_inside_a_body_does_not_split_it() -> None:
    first, _ = rows("case34_header_inside_body.txt")
    assert first["text"] == 'he wrote "12/03/24, 10:00 - Ben: ok" and left'


# Order and dates (cases 32-33) -----------------------------------------------------------------


def test_out_of_order_times_keep_file_order() -> None:
    chat = parse_fixture("case32_out_of_order_times.txt")
    assert chat.messages["index"].to_list() == [0, 1, 2]
    assert chat.messages["text"].to_list()[:2] == ["You added Alice", "You added Bob"]
    assert chat.messages["timestamp"].dt.minute().to_list() == [25, 24, 26]


def test_ambiguous_short_us_chat_says_so_and_guesses_month_first() -> None:
    chat = parse_fixture("case33_ambiguous_short_us_chat.txt")
    assert (chat.date_order, chat.ambiguous_dates) == ("mdy", True)
    assert chat.messages["timestamp"][-1] == at("2024-01-09 20:15")
    assert any("date order is uncertain" in warning for warning in chat.warnings)
    assert [kind_of(w) for w in chat.warnings] == [(Kind.AMBIGUOUS_DATES, None)]


def test_a_day_above_twelve_settles_the_order_for_every_line() -> None:
    chat = make_chat("1/5/24, 9:00 - A: x", "1/13/24, 9:00 - B: y", "2/1/24, 9:00 - A: z")
    assert (chat.date_order, chat.ambiguous_dates) == ("mdy", False)
    assert chat.messages["timestamp"][0] == at("2024-01-05 09:00")


def test_an_impossible_header_above_every_message_is_refused_naming_its_line() -> None:
    with pytest.raises(ChatParseError) as refused:
        make_chat("01/03/2024, 25:05 - A: hi", "01/03/2024, 21:06 - B: yo")
    assert (refused.value.file, refused.value.line) == ("chat.txt", 1)
    assert "“01/03/2024, 25:05” is no possible date and time" in str(refused.value)


def test_a_header_with_an_impossible_date_is_kept_as_text() -> None:
    chat = make_chat("13/01/24, 09:00 - A: x", "31/02/24, 09:00 - B: y", "14/01/24, 09:00 - B: z")
    assert chat.messages["text"].to_list() == ["x\n31/02/24, 09:00 - B: y", "z"]
    assert any("impossible date" in warning for warning in chat.warnings)
    assert [kind_of(w) for w in chat.warnings] == [(Kind.IMPOSSIBLE_DATES, 1)]


# The parser's contract -------------------------------------------------------------------------


def test_table_has_exactly_the_schema_and_consecutive_indexes() -> None:
    chat = parse_fixture("case19_ios_system_with_author.txt")
    assert chat.messages.schema == SCHEMA
    assert chat.messages["index"].to_list() == list(range(chat.messages.height))
    assert chat.format == "whatsapp" and chat.tz_hint == "local"


def test_text_is_nfc_and_only_nfc() -> None:
    decomposed = "cafe\u0301 ﬁ"  # a combining accent, and a compatibility ligature NFC keeps
    chat = make_chat(f"13/01/24, 09:00 - Ana: {decomposed}")
    assert chat.messages["text"][0] == unicodedata.normalize("NFC", decomposed) == "café ﬁ"


def test_lines_before_the_first_message_are_skipped_with_a_warning() -> None:
    chat = make_chat("Exported from my phone", "13/01/24, 09:00 - Ana: hi")
    assert chat.messages["text"].to_list() == ["hi"]
    assert any("before the first message" in warning for warning in chat.warnings)
    assert [kind_of(w) for w in chat.warnings] == [(Kind.SKIPPED_LINES, 1)]


def test_title_comes_from_the_export_file_name() -> None:
    chat = make_chat("13/01/24, 09:00 - Ana: hi", name="WhatsApp Chat with Ana Lopez.txt")
    assert chat.title == "Ana Lopez"
    assert whatsapp.title_of("_chat.txt") is None


def test_text_without_any_message_line_is_a_parse_error_naming_the_file() -> None:
    with pytest.raises(ChatParseError, match=r"notes\.txt"):
        whatsapp.parse([ChatFile("notes.txt", b"just some notes\nand more")])


def test_sniff_recognises_exports_and_rejects_other_files() -> None:
    assert whatsapp.sniff([make_file("case01_ios_12h_nnbsp.txt")])
    assert whatsapp.sniff([make_file("case15_bom_in_header.txt")])
    assert not whatsapp.sniff([ChatFile("a.json", b'{"messages": []}')])
    assert not whatsapp.sniff([ChatFile("a.zip", b"PK\x03\x04rest")])
    assert not whatsapp.sniff([])


def test_several_files_pick_the_chat_text_and_ignore_media() -> None:
    chat = make_file("case13_ios_no_comma.txt")
    photo = ChatFile("00000012-PHOTO.jpg", b"\xff\xd8")
    fork = ChatFile("__MACOSX/._chat.txt", b"\x00\x05")
    parsed = whatsapp.parse([photo, ChatFile("_chat.txt", chat.data), fork])
    assert parsed.messages.height == 2


def test_several_chat_texts_are_an_error_naming_them() -> None:
    files = [ChatFile("a.txt", b"x"), ChatFile("b.txt", b"y")]
    with pytest.raises(ChatParseError, match=r"several chats.*a\.txt, b\.txt"):
        whatsapp.parse(files)


# Robustness --------------------------------------------------------------------------------------


def parses_or_refuses(data: bytes) -> None:
    try:
        chat = whatsapp.parse([ChatFile("fuzz.txt", data)])
    except ChatParseError:
        return
    assert chat.messages.schema == SCHEMA
    assert chat.messages["index"].to_list() == list(range(chat.messages.height))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=600))
def test_random_bytes_parse_or_raise_a_parse_error(data: bytes) -> None:
    parses_or_refuses(data)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789/.-:,[] \u200e\u202fAPMapm~\n\r:ab", max_size=300))
def test_header_like_noise_parses_or_raises_a_parse_error(text: str) -> None:
    parses_or_refuses(text.encode())


FUZZ_SEEDS = sorted(path.name for path in FIXTURES.glob("*.txt"))


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(FUZZ_SEEDS), st.integers(0, 2**32 - 1), st.integers(1, 8))
def test_mutated_fixtures_parse_or_raise_a_parse_error(name: str, seed: int, edits: int) -> None:
    data = bytearray((FIXTURES / name).read_bytes())
    rng = random.Random(seed)
    for _ in range(edits):
        where = rng.randrange(len(data) + 1)
        action = rng.choice(("insert", "delete", "flip"))
        if action == "insert":
            data[where:where] = bytes([rng.randrange(256)])
        elif data and where < len(data):
            if action == "delete":
                del data[where]
            else:
                data[where] ^= 1 << rng.randrange(8)
    parses_or_refuses(bytes(data))


# Names ----------------------------------------------------------------------------------------


def test_invisible_characters_and_any_space_at_a_names_edges_make_no_other_person() -> None:
    chat = make_chat(
        "1/29/18, 23:50 - Alice: one",
        "1/29/18, 23:51 - Bob: two",
        "1/29/18, 23:52 - Alice\u200d: three",
        "1/29/18, 23:53 - \u200dAlice: four",
        "1/29/18, 23:54 - \u200bAlice\u2060\ufeff: five",
        "1/29/18, 23:55 - \u2068Alice\u2069\u00a0: six",
        "1/29/18, 23:56 - Alice\u202f\u200c: seven",
    )
    assert chat.messages["author"].to_list() == ["Alice", "Bob", *["Alice"] * 5]


def test_a_zero_width_joiner_inside_a_name_is_kept() -> None:
    couple = "Ana 👩\u200d❤\ufe0f\u200d👨"
    chat = make_chat(f"1/29/18, 23:50 - {couple}: one", "1/29/18, 23:51 - Bob: two")
    assert chat.participants == [couple, "Bob"]


def test_a_name_not_in_contacts_loses_the_spaces_and_marks_after_its_tilde() -> None:
    chat = make_chat("1/29/18, 23:50 - ~\u202f\u200bSam\u200b: hi", "1/29/18, 23:51 - Bob: hey")
    assert chat.messages.select("author", "saved_contact").rows() == [
        ("Sam", False),
        ("Bob", True),
    ]
