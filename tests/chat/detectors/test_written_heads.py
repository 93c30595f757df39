"""Hand-written heads may only name signals the scorer produces."""

from __future__ import annotations

import polars as pl

from nearer.chat.detectors.model import shipped_model
from nearer.chat.detectors.signals import learnt_signals
from nearer.chat.detectors.written_heads import (
    APOLOGY_THRESHOLD,
    EMOTIONAL_DISCLOSURE_THRESHOLD,
    GRATITUDE_THRESHOLD,
    LOVE_THRESHOLD,
    NUDGES,
    UPBEAT_THRESHOLD,
    WRITTEN_HEADS,
)


def test_every_signal_a_written_head_names_exists_before_it() -> None:
    learnt = learnt_signals(pl.Series(["hi"]), shipped_model()).columns
    available = {*learnt, "ctx:disclosure", "ctx:formula", "ctx:none"}
    for name, head in WRITTEN_HEADS.items():
        for signal in head.weights:
            assert set(signal.split("*")) <= available, (name, signal)
        available.add(f"d:{name}")  # a later head may use this one's logit


def test_every_signal_a_nudge_names_exists() -> None:
    learnt = set(learnt_signals(pl.Series(["hi"]), shipped_model()).columns)
    for name, nudge in NUDGES.items():
        assert set(nudge.weights) <= learnt, name


def test_written_heads_decide_at_one_half() -> None:
    assert {head.threshold for head in WRITTEN_HEADS.values()} == {0.5}


def test_written_heads_decide_where_the_learnt_heads_they_build_on_do() -> None:
    # Retraining may move a learnt threshold; the written head's bias must follow it.
    assert shipped_model().heads["love"].threshold == LOVE_THRESHOLD
    assert shipped_model().heads["upbeat"].threshold == UPBEAT_THRESHOLD
    assert shipped_model().heads["gratitude"].threshold == GRATITUDE_THRESHOLD
    assert shipped_model().heads["apology"].threshold == APOLOGY_THRESHOLD
    assert shipped_model().heads["emotional_disclosure"].threshold == EMOTIONAL_DISCLOSURE_THRESHOLD
