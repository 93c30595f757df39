from __future__ import annotations

from dataclasses import replace

import polars as pl

from nearer.chat.caveats import Caveat, Kind, kind_of
from nearer.chat.pair import Pair
from nearer.chat.pipeline import analyze_parsed
from nearer.chat.pseudonyms import pseudonymised, pseudonyms
from nearer.chat.records import Alike, ParsedChat
from tests.chat.conftest import ALEX, SAM, exchange, make_chat, make_table

ROWS = exchange(0, (SAM, "Thank you for the flowers, they made my whole day brighter"),
                (ALEX, "I'm so glad you liked them, I thought of you when I saw them"),
                (SAM, "Can we have dinner together tonight, just the two of us?"))  # fmt: skip
GROUP = [*ROWS, (10, "Robin", "hello both"), (11, None, "Robin added Kim")]


def test_the_pair_are_person_a_and_b_in_report_order() -> None:
    report = analyze_parsed(make_chat(ROWS), me=ALEX, pseudonyms=True)
    assert report.people == ("Person A", "Person B")
    assert report.me == "Person A"
    assert set(report.weekly["person"].drop_nulls()) == {"Person A", "Person B"}


def test_no_name_or_title_is_left_anywhere_in_the_report() -> None:
    report = analyze_parsed(make_chat(GROUP, title="Sam & Alex"), pair=(SAM, ALEX), pseudonyms=True)
    assert report.title is None
    assert report.summary.participants == {"Person A": 2, "Person B": 1, "Person C": 1}
    written = repr(report)
    assert not any(name in written for name in (SAM, ALEX, "Robin"))


def test_everyone_else_follows_in_order_of_appearance() -> None:
    authors = pl.Series(["Kim", SAM, "Robin", ALEX, "Kim"])
    names = pseudonyms(Pair(ALEX, SAM), authors)
    assert names == {ALEX: "Person A", SAM: "Person B", "Kim": "Person C", "Robin": "Person D"}


def test_past_z_the_letters_go_on_as_spreadsheet_columns() -> None:
    authors = pl.Series([f"p{number}" for number in range(30)])
    names = pseudonyms(Pair("p0", "p1"), authors)
    assert names["p25"] == "Person Z" and names["p26"] == "Person AA"


def test_a_warning_naming_someone_names_their_pseudonym_whole_names_first() -> None:
    table = make_table([(0, "Alex", "hi"), (1, "Alex (2)", "hey"), (2, "Alexandra", "yo")])
    warning = Caveat(Kind.NAMESAKES, "Alex (2) and Alexandra wrote; Alex too", 1)
    chat = ParsedChat("telegram", table, warnings=(warning,))
    renamed, pair = pseudonymised(chat, Pair("Alex", "Alex (2)"))
    assert renamed.warnings == ("Person B and Person C wrote; Person A too",)
    assert pair == Pair("Person A", "Person B")


def test_a_renamed_warning_keeps_its_kind_and_number() -> None:
    table = make_table([(0, "Alex", "hi"), (1, "Sam", "hey")])
    warning = Caveat(Kind.NO_SENDER, "Alex's 2 messages", 2)
    chat = ParsedChat("telegram", table, warnings=(warning,))
    (renamed,) = pseudonymised(chat, Pair("Alex", "Sam"))[0].warnings
    assert kind_of(renamed) == (Kind.NO_SENDER, 2) and "Alex" not in renamed


def test_without_pseudonyms_the_names_stay() -> None:
    assert analyze_parsed(make_chat(ROWS)).people == (SAM, ALEX)


def test_a_name_of_two_people_outside_the_pair_is_warned_of_by_its_pseudonym() -> None:
    shown = 'message_1.json lists "Robin" twice among the participants'
    chat = replace(make_chat(GROUP), alike=(Alike("Robin", 2, shown),))
    report = analyze_parsed(chat, pair=(SAM, ALEX), pseudonyms=True)
    assert any("Person C" in warning for warning in report.warnings)
    assert "Robin" not in repr(report)


def test_files_naming_different_threads_say_so_plainly_without_any_name() -> None:
    warning = Caveat(
        Kind.DIFFERENT_TITLES, "the files name different threads: Alex, Smith Family Secrets"
    )
    chat = replace(
        make_chat(ROWS, title="Alex"), other_titles=("Smith Family Secrets",), warnings=(warning,)
    )
    renamed, _ = pseudonymised(chat, Pair(SAM, ALEX))
    assert renamed.warnings == (
        "the files name 2 different threads, whose names pseudonyms leave out",
    )
    assert kind_of(renamed.warnings[0]) == (Kind.DIFFERENT_TITLES, None)
    assert renamed.title is None and renamed.other_titles == ()


def test_a_plain_warning_is_renamed_too_as_of_no_known_kind() -> None:
    table = make_table([(0, "Alex", "hi"), (1, "Sam", "hey")])
    chat = ParsedChat("telegram", table, warnings=("Alex said something odd",))
    (renamed,) = pseudonymised(chat, Pair("Alex", "Sam"))[0].warnings
    assert renamed == "Person A said something odd" and kind_of(renamed) == (Kind.OTHER, None)


def test_a_warnings_file_path_keeps_no_folder_meta_named_after_a_person() -> None:
    table = make_table([(0, "Alex", "hi"), (1, "Sam", "hey")])
    said = "x.zip/inbox/jordanlee_10153/message_1 (1).json is the same file as message_1.json"
    chat = ParsedChat("messenger", table, warnings=(Caveat(Kind.REPEATED_FILE, said, 1),))
    (renamed,) = pseudonymised(chat, Pair("Alex", "Sam"))[0].warnings
    assert "jordanlee" not in renamed and renamed.startswith("message_1 (1).json is the same")
