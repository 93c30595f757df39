"""A sender's name with its edges cleaned (sender_names.py)."""

from __future__ import annotations

import sys
import unicodedata

import polars as pl
import pytest

from nearer.chat.sender_names import INVISIBLE, SPACES, sender_name, sender_names

EDGES = [
    "\u200b",  # zero-width space
    "\u200c",  # zero-width non-joiner
    "\u200d",  # zero-width joiner
    "\u2060",  # word joiner
    "\ufeff",  # byte-order mark
    "\u200e\u200f",  # bidi marks
    "\u202a\u202c",  # an embedding and its end
    "\u2068\u2069",  # an isolate and its end
    "\u00a0",  # no-break space
    "\u202f",  # narrow no-break space
    "\u3000 \t",  # ideographic and plain spaces, a tab
]


@pytest.mark.parametrize("edge", EDGES)
def test_invisible_characters_and_spaces_leave_both_edges_of_a_name(edge: str) -> None:
    assert sender_name(f"{edge}Alice{edge}") == "Alice"
    frame = pl.DataFrame({"name": [f"{edge}Alice{edge}", None]})
    assert frame.select(sender_names(pl.col("name")))["name"].to_list() == ["Alice", None]


def test_what_is_inside_a_name_stays_as_written() -> None:
    couple = "Ana 👩\u200d❤\ufe0f\u200d👨 Ben"  # the joiners hold the emoji together
    assert sender_name(couple) == couple
    assert sender_name("Mary\u00a0Ann ❤\ufe0f") == "Mary\u00a0Ann ❤\ufe0f"  # the selector shows it


def test_a_name_of_nothing_but_invisible_characters_is_empty() -> None:
    assert sender_name("\u200b\u202f\ufeff") == ""


def test_every_unicode_space_and_separator_is_one_of_the_spaces() -> None:
    spaces = {
        char
        for char in map(chr, range(sys.maxunicode + 1))
        if char.isspace() or unicodedata.category(char) in ("Zs", "Zl", "Zp")
    }
    assert spaces == set(SPACES)


def test_the_invisible_characters_are_format_characters_and_no_variation_selector() -> None:
    assert {unicodedata.category(char) for char in INVISIBLE} == {"Cf"}
    assert "\ufe0f" not in INVISIBLE
