"""Sentences and how a message gathers its sentences' signals."""

from __future__ import annotations

import polars as pl

from nearer.chat.detectors.model import shipped_model
from nearer.chat.detectors.signals import learnt_signals, sentence_tokens


def test_sentences_end_at_runs_of_stops_and_every_text_keeps_one() -> None:
    tokens, owners = sentence_tokens(pl.Series(["Hi! How are you?! ok", None, "fine"]))
    assert owners.to_list() == [0, 0, 0, 2, 1]
    assert tokens.filter(pl.col("row") == 1)["word"].to_list() == ["how", "are", "you", "?", "!"]


def test_a_caring_sentence_counts_inside_a_long_message() -> None:
    alone = learnt_signals(pl.Series(["I'm so sorry."]), shipped_model())
    inside = learnt_signals(
        pl.Series(["I'm so sorry. The bus was late and the shop was shut and it rained."]),
        shipped_model(),
    )
    assert inside["d:support"][0] >= alone["d:support"][0]


def test_whole_message_counts_add_up_over_sentences() -> None:
    frame = learnt_signals(pl.Series(["I did. I went. I saw."]), shipped_model())
    assert frame["all:n:first"][0] > frame["n:first"][0]
