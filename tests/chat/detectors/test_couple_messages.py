"""The detectors on couple chat: warm messages must not read as hostile, hostile ones must.

couple_messages.jsonl holds hand-written, hand-labelled messages of the kind partners send each
other (written for nearer, not taken from any data set). Each line has a `group` (warm,
affection, teasing, logistics, sad, criticism, contempt, defensive, apology), the `text` and
`labels`: for every labelled detector, whether the message is one.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import polars as pl
import pytest

from nearer.chat.detectors import DETECTORS, detect

MESSAGES = Path(__file__).with_name("couple_messages.jsonl")
HARSH = ("contempt", "criticism", "defensiveness", "negative")
FRIENDLY = ("warm", "affection", "logistics")
# At most this share of friendly messages may be marked harsh, per detector: a report that calls
# one warm message in twenty contemptuous is already wrong about a couple.
MAX_FALSE_POSITIVES = 0.05


@cache
def scored() -> pl.DataFrame:
    """Every labelled message with its group, labels (`want:<detector>`) and detector output."""
    rows = [json.loads(line) for line in MESSAGES.read_text("utf-8").splitlines() if line]
    labels = pl.DataFrame([{f"want:{k}": v for k, v in row["labels"].items()} for row in rows])
    texts = pl.Series("text", [row["text"] for row in rows])
    groups = pl.Series("group", [row["group"] for row in rows])
    return pl.concat([pl.DataFrame([groups, texts]), labels, detect(texts)], how="horizontal")


def share(frame: pl.DataFrame, column: str) -> float:
    return frame[column].mean() if frame.height else 0.0  # type: ignore[return-value]


def test_the_set_is_large_and_every_line_is_fully_labelled() -> None:
    frame = scored()
    assert frame.height >= 150
    assert frame["text"].n_unique() == frame.height
    labelled = [c.removeprefix("want:") for c in frame.columns if c.startswith("want:")]
    assert set(HARSH) <= set(labelled) <= set(DETECTORS)
    assert frame.select(pl.col("^want:.*$").null_count()).sum_horizontal()[0] == 0


@pytest.mark.parametrize("name", HARSH)
def test_warm_affectionate_and_everyday_messages_are_rarely_marked_harsh(name: str) -> None:
    friendly = scored().filter(pl.col("group").is_in(FRIENDLY) & ~pl.col(f"want:{name}"))
    assert friendly.height >= 80
    wrong = friendly.filter(pl.col(f"{name}_yes"))["text"].to_list()
    assert len(wrong) / friendly.height <= MAX_FALSE_POSITIVES, wrong


def test_enthusiasm_with_exclamation_marks_is_not_contempt() -> None:
    frame = scored().filter(pl.col("text").str.contains("!") & pl.col("group").is_in(FRIENDLY))
    assert frame.height >= 10
    assert frame.filter(pl.col("contempt_yes"))["text"].to_list() == []


def test_playful_teasing_is_mostly_not_contempt_or_criticism() -> None:
    teasing = scored().filter(pl.col("group") == "teasing")
    assert share(teasing, "contempt_yes") <= 0.1
    assert share(teasing, "criticism_yes") <= 0.1


@pytest.mark.parametrize(
    ("group", "name"),
    [("contempt", "contempt"), ("criticism", "criticism"), ("defensive", "defensiveness")],
)
def test_clearly_hostile_messages_are_caught(group: str, name: str) -> None:
    hostile = scored().filter(pl.col("group") == group)
    assert share(hostile, f"{name}_yes") >= 0.7, hostile.filter(~pl.col(f"{name}_yes"))["text"]


def test_mock_praise_is_not_counted_as_warmth() -> None:
    contempt = scored().filter(pl.col("group") == "contempt")
    assert share(contempt, "positive_yes") <= 0.3, contempt.filter("positive_yes")["text"]


def test_sad_disclosures_are_negative_but_not_hostile() -> None:
    sad = scored().filter(pl.col("group") == "sad")
    assert share(sad, "negative_yes") >= 0.7
    assert share(sad, "contempt_yes") == 0.0
    assert share(sad, "defensiveness_yes") == 0.0


def test_apologies_are_apologies_and_not_negative() -> None:
    apologies = scored().filter(pl.col("group") == "apology")
    assert share(apologies, "apology_yes") >= 0.7
    assert share(apologies, "negative_yes") <= 0.3


def test_tender_messages_are_affection() -> None:
    tender = scored().filter(pl.col("want:affection"))
    assert share(tender, "affection_yes") >= 0.7, tender.filter(~pl.col("affection_yes"))["text"]
    others = scored().filter(~pl.col("want:affection"))
    assert share(others, "affection_yes") <= 0.05
