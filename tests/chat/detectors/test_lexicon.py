"""The hand-written word lists."""

from __future__ import annotations

from importlib import resources

import pytest

from nearer.chat.detectors.lexicon import LexiconError, parse_lexicon


def test_the_shipped_lists_parse_and_hold_the_lists_heads_use() -> None:
    text = resources.files("nearer.chat.detectors").joinpath("lexicon.txt").read_text("utf-8")
    categories = set(parse_lexicon(text)["category"].to_list())
    assert {"first", "you", "feel", "caring", "insult", "defensive", "gratitude"} <= categories


def test_entries_are_tokenised_like_messages() -> None:
    lexicon = parse_lexicon("[caring]\nHang In, <3\n")
    assert lexicon["feature"].to_list() == ["hang in", "< 3"]


def test_an_entry_of_three_words_names_its_line() -> None:
    with pytest.raises(LexiconError, match="line 3"):
        parse_lexicon("[caring]\nhugs\nhang in there\n")


def test_an_entry_before_any_section_is_refused() -> None:
    with pytest.raises(LexiconError, match="line 1"):
        parse_lexicon("hugs\n")
