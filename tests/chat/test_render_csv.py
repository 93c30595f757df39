from __future__ import annotations

import io
from dataclasses import replace

import polars as pl

from nearer.chat.render_csv import corpus_header, corpus_rows, render_csv
from nearer.chat.report import Report


def test_the_csv_is_the_weekly_table_one_row_per_week_and_person_plus_couple(
    demo_report: Report,
) -> None:
    table = pl.read_csv(io.StringIO(render_csv(demo_report)))
    assert table.columns == demo_report.weekly.columns
    assert table.height == demo_report.weekly.height
    per_week = table.group_by("week").agg(pl.col("scope").sort().str.join(","))
    assert set(per_week["scope"]) == {"couple,person,person"}


def test_dates_are_iso(demo_report: Report) -> None:
    first = render_csv(demo_report).splitlines()[1]
    assert first.startswith(demo_report.weekly["week"][0].isoformat())


def test_names_a_spreadsheet_would_run_as_formulas_are_kept_inert(demo_report: Report) -> None:
    alex, sam = demo_report.weekly["person"].drop_nulls().unique().sort()
    renamed = {alex: "=cmd|' /C calc'!A0", sam: "+44 7700 900123"}
    weekly = demo_report.weekly.with_columns(pl.col("person").replace(renamed))
    table = pl.read_csv(io.StringIO(render_csv(replace(demo_report, weekly=weekly))))
    assert set(table["person"].drop_nulls()) == {"'=cmd|' /C calc'!A0", "'+44 7700 900123"}
    assert table["week"].to_list() == demo_report.weekly["week"].cast(pl.String).to_list()


def test_several_chats_make_one_table_a_chat_column_first_in_the_order_given(
    demo_report: Report,
) -> None:
    weekly = demo_report.weekly
    text = corpus_header() + corpus_rows("b.txt", weekly) + corpus_rows("=a.txt", weekly.head(3))
    table = pl.read_csv(io.StringIO(text))
    assert table.columns == ["chat", *weekly.columns]
    assert table["chat"].to_list() == ["b.txt"] * weekly.height + ["'=a.txt"] * 3
    assert text.splitlines()[1:] == [
        f"b.txt,{line}" for line in render_csv(demo_report).splitlines()[1:]
    ] + [f"'=a.txt,{line}" for line in render_csv(demo_report).splitlines()[1:4]]


def test_a_chats_rows_keep_the_headers_columns_whatever_order_its_table_has(
    demo_report: Report,
) -> None:
    shuffled = demo_report.weekly.select(reversed(demo_report.weekly.columns))
    text = corpus_header() + corpus_rows("b.txt", shuffled)
    assert text == corpus_header() + corpus_rows("b.txt", demo_report.weekly)
