"""Message-level detectors: for each English message, a 0-1 score per signal and a decision.

Learnt parts (linear models over words and word pairs, trained on GoEmotions and OffMyChest by
training/train_detectors.py) ship as data beside this module and load on first use; hand-written
word lists (lexicon.txt), phrase rules (rules/) and heads (written_heads.py) cover what no
licensed data can train; nudges (nudges.py) reorder a few scores under their threshold without
deciding. Everything runs as polars expressions over all messages at once.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import polars as pl

from nearer.chat.detectors.heads import add_logits, probability
from nearer.chat.detectors.model import Head, Model, shipped_model
from nearer.chat.detectors.nudges import nudged
from nearer.chat.detectors.signals import learnt_signals
from nearer.chat.detectors.written_heads import NUDGES, WRITTEN_HEADS

DETECTORS: tuple[str, ...] = (
    "emotional_disclosure",
    "factual_disclosure",
    "gratitude",
    "caring",
    "understanding",
    "asking_more",
    "contempt",
    "criticism",
    "defensiveness",
    "affection",
    "apology",
    "positive",
    "negative",
    "question",
)
_CHUNK = 100_000
# What a reply answers counts as a disclosure to the degree either disclosure detector says so.
_DISCLOSURES = ("emotional_disclosure", "factual_disclosure")
# What a reply takes from the message it answers ("ctx:<name>"; see _context_signals).
_TOLD = ("disclosure", "formula")


class _Thresholds(Mapping[str, float]):
    """Each detector's decision threshold on its score; the learnt ones load on first use."""

    def __getitem__(self, name: str) -> float:
        return _heads()[name].threshold

    def __iter__(self) -> Iterator[str]:
        return iter(DETECTORS)

    def __len__(self) -> int:
        return len(DETECTORS)


THRESHOLDS: Mapping[str, float] = _Thresholds()


def detect(texts: pl.Series, contexts: pl.Series | None = None) -> pl.DataFrame:
    """One row per text, in order. For every name in DETECTORS: column `<name>` (Float64, 0-1
    score) and `<name>_yes` (Boolean decision at that detector's threshold). `contexts` holds,
    per text, the message it answers (null where none); responsiveness detectors (caring,
    understanding, asking_more) use it, and a text that answers nothing reads as no reply.
    English only; callers check the language."""
    if contexts is not None and len(contexts) != len(texts):
        raise ValueError(f"{len(contexts)} contexts for {len(texts)} texts")
    if len(texts) > _CHUNK:  # bounded memory: a chunk's features take a few hundred MB
        return pl.concat(
            detect(texts.slice(start, _CHUNK), _slice(contexts, start))
            for start in range(0, len(texts), _CHUNK)
        )
    model = shipped_model()
    frame = learnt_signals(texts, model)
    context = _context_signals(texts, contexts, frame, model)
    frame = frame.hstack([*context.get_columns(), _no_context(texts, contexts)])
    frame = add_logits(frame, WRITTEN_HEADS)
    heads = _heads()
    columns: list[pl.Expr] = []
    for name in DETECTORS:
        threshold = heads[name].threshold
        score = probability(pl.col(f"d:{name}"))
        if name in NUDGES:  # reorders scores under the threshold, never across it
            score = nudged(score, NUDGES[name], threshold)
        columns += [score.alias(name), (score >= threshold).alias(f"{name}_yes")]
    return frame.select(columns)


def _slice(contexts: pl.Series | None, start: int) -> pl.Series | None:
    return None if contexts is None else contexts.slice(start, _CHUNK)


def _disclosure(frame: pl.DataFrame) -> pl.Series:
    """How much each text of `frame` (learnt signals and rules) discloses, 0-1. A bare social
    formula ("thanks", "thank you!", "ok") discloses nothing: its thanks words lift the learnt
    scores, yet a reply to it answers no disclosure (as emotional_disclosure discounts it)."""
    likeliest = pl.max_horizontal(probability(pl.col(f"d:{name}")) for name in _DISCLOSURES)
    told = likeliest * (1.0 - pl.col("r:social_formula"))
    return frame.select(told.alias("disclosure"))["disclosure"]


def _no_context(texts: pl.Series, contexts: pl.Series | None) -> pl.Series:
    """1.0 for a text that answers nothing (no context, or a blank one), else 0.0."""
    if contexts is None:
        return pl.Series("ctx:none", [1.0] * len(texts), pl.Float64)
    blank = contexts.cast(pl.String).str.strip_chars().fill_null("") == ""
    return blank.cast(pl.Float64).alias("ctx:none")


def _context_signals(
    texts: pl.Series, contexts: pl.Series | None, frame: pl.DataFrame, model: Model
) -> pl.DataFrame:
    """Per text, what the message it answers holds: "ctx:disclosure", how much it was a
    disclosure (0-1), and "ctx:formula", 1.0 where it was a bare social formula ("ok", "sure",
    "thanks!"), which leaves a reply nothing to understand. Both are 0 without a context or with
    a blank one, which answers nothing as in `_no_context`."""
    if contexts is not None:
        contexts = contexts.cast(pl.String)
        contexts = pl.select(
            pl.when(contexts.str.strip_chars() != "").then(contexts).alias("context")
        )["context"]
    if contexts is None or contexts.null_count() == len(contexts):
        zeros = pl.Series([0.0] * len(texts), dtype=pl.Float64)
        return pl.DataFrame({f"ctx:{column}": zeros for column in _TOLD})
    # In a chat the message answered is usually another text of the same batch: reuse its score.
    known = _told(texts.cast(pl.String), frame).drop_nulls("text").unique("text", keep="first")
    asked = pl.DataFrame({"text": contexts.cast(pl.String)})
    answered = asked.join(known, on="text", how="left", maintain_order="left")
    unknown = answered.filter(pl.col("disclosure").is_null() & pl.col("text").is_not_null())
    if unknown.height:
        fresh = unknown["text"].unique(maintain_order=True)
        scored = _told(fresh, learnt_signals(fresh, model))
        answered = answered.join(scored, on="text", how="left", maintain_order="left", suffix="_")
        answered = answered.select(
            "text", *(pl.coalesce(column, f"{column}_").alias(column) for column in _TOLD)
        )
    return answered.select(pl.col(column).fill_null(0.0).alias(f"ctx:{column}") for column in _TOLD)


def _told(texts: pl.Series, frame: pl.DataFrame) -> pl.DataFrame:
    """Each text beside how much it discloses and whether it is a bare social formula."""
    formula = frame["r:social_formula"].alias("formula")
    return pl.DataFrame({"text": texts, "disclosure": _disclosure(frame), "formula": formula})


def _heads() -> Mapping[str, Head]:
    return {**shipped_model().heads, **WRITTEN_HEADS}
