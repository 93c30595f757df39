"""Telling people apart by id and labelling them (parsers/people.py)."""

from __future__ import annotations

from datetime import datetime

import polars as pl

from nearer.chat.parsers.people import People, apart_by_contact, reacting_twice


def labelled(*rows: tuple[str | None, str | None]) -> list[str | None]:
    """The authors of rows (id, display name) once labelled."""
    people = People()
    keys = [people.key(person, name) for person, name in rows]
    return (
        people.labelled(pl.DataFrame({"author": keys}, schema={"author": pl.String}))
        .to_series(0)
        .to_list()
    )


def test_ids_sharing_a_name_get_numbers_in_order_of_first_row() -> None:
    authors = labelled(
        ("u2", "Alex"), ("u1", "Alex"), ("u3", "Sam"), ("u2", "Alex"), ("u9", "Alex")
    )
    assert authors == ["Alex", "Alex (2)", "Sam", "Alex", "Alex (3)"]


def test_one_id_goes_by_the_name_of_its_latest_row_and_an_id_without_a_name_stands_in() -> None:
    people = People()
    rows = [("u7", None, 1), ("u7", "Zoe", 3), ("u7", "Zoë", 2), ("u8", None, 4)]
    days = [(person, name, datetime(2024, 1, day)) for person, name, day in rows]  # noqa: DTZ001
    keys = [people.key(person, name, when) for person, name, when in days]
    table = pl.DataFrame({"author": keys}, schema={"author": pl.String})
    assert people.labelled(table)["author"].to_list() == ["Zoe", "Zoe", "Zoe", "u8"]


def test_names_at_one_time_give_one_label_in_any_order_of_reading() -> None:
    for rows in ([("u7", "Sam"), ("u7", "Samuel")], [("u7", "Samuel"), ("u7", "Sam")]):
        assert set(labelled(*rows)) == {"Samuel"}


def test_a_name_without_an_id_is_the_person_carrying_it_unsuffixed() -> None:
    assert labelled(("u1", "Alex"), (None, "Alex"), ("u2", "Alex"), (None, None)) == [
        "Alex",
        "Alex",
        "Alex (2)",
        None,
    ]


def test_a_number_is_never_one_someone_already_goes_by() -> None:
    rows = [("u1", "Alex"), ("u2", "Alex"), ("u3", "Alex (2)"), (None, "Alex (3)")]
    assert labelled(*rows) == ["Alex", "Alex (4)", "Alex (2)", "Alex (3)"]


def test_a_name_reacting_twice_to_one_message_is_found_with_its_most_and_first_line() -> None:
    rows = [  # (author, kind, line, target)
        ("Sam", "text", 1, None), ("Alex", "reaction", 1, "L1"), ("Alex", "reaction", 1, "L1"),
        ("Alex", "reaction", 4, "L4"), ("Robin", "reaction", 6, "L6"),
        ("Robin", "reaction", 7, "L7"),
        ("Kim", "reaction", 9, "L9"), ("Kim", "reaction", 9, "L9"), ("Kim", "reaction", 9, "L9"),
    ]  # fmt: skip
    table = pl.DataFrame(rows, schema=["author", "kind", "line", "target_id"], orient="row")
    assert reacting_twice(table) == [("Alex", 2, 1), ("Kim", 3, 9)]


def test_one_name_written_as_a_contact_and_not_is_labelled_apart_first_sender_first() -> None:
    rows = [  # (author, kind, saved_contact)
        ("Alex", "system", True), ("~Alex", "text", False), ("Alex", "text", False),
        ("Alex (2)", "text", True), ("Alex", "media", True), ("Alex", "text", False),
        ("Sam", "text", False), (None, "system", True),
    ]  # fmt: skip
    table = pl.DataFrame(rows, schema=["author", "kind", "saved_contact"], orient="row")
    assert apart_by_contact(table)["author"].to_list() == [
        "Alex (3)", "~Alex", "Alex", "Alex (2)", "Alex (3)", "Alex", "Sam", None,
    ]  # fmt: skip
    untouched = table.filter(pl.col("author") != "Alex")
    assert apart_by_contact(untouched).equals(untouched)
