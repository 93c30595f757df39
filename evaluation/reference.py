"""The yardstick the detectors are set against: a plain TF-IDF logistic regression.

The chat-analyser issue sets its goals just above what this model reaches on its own test splits.
Fitting it here, on the development part of each evaluation set, and scoring it on the same
held-out rows as nearer, shows how hard a split is: a goal measured on another split is only
comparable through it. It is measured, never shipped, so fitting it on EPITOME or UCC (whose terms
allow evaluation only) stays evaluation.

Features are nearer's own words and adjacent word pairs (features.feature_strings, without the
length pseudo-word) seen in at least two fitting texts: sublinear term frequency (1 + log tf)
times smoothed inverse document frequency, each text scaled to unit length. The model is L2
logistic regression at scikit-learn's default strength (C = 1), fitted by the training script's
full-batch Adam; its threshold is the one that maximises macro-F1 on a separate tuning part.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))
from train_detectors import Sparse, best_threshold, logistic_fit

from nearer.chat.detectors.features import feature_strings, words

STEPS = 300


@dataclass(frozen=True)
class Split:
    """Texts and their Boolean labels to fit on, and to choose the threshold on; `rounds` are
    further (fit, tune) pairs of the same data whose tuning rows join in choosing the threshold,
    as nearer's own thresholds are chosen (training/train_detectors.py)."""

    fit: pl.Series
    fit_truth: pl.Series
    tune: pl.Series
    tune_truth: pl.Series
    rounds: tuple[Split, ...] = ()


def reference_scores(split: Split, texts: pl.Series) -> tuple[pl.Series, pl.Series]:
    """The reference model's probability for each of `texts`, and its decision: the model is
    fitted on `split.fit`, its threshold chosen on the tuning rows of `split` and its rounds."""
    truths, tuned = [], []
    for part in (split, *split.rounds):
        vocabulary, idf, w, b = _fitted(part)
        tuned.append(_probability(_tfidf(part.tune, vocabulary, idf), w, b))
        truths.append(part.tune_truth.to_numpy())
    threshold = best_threshold(np.concatenate(truths).astype(bool), np.concatenate(tuned), "macro")
    vocabulary, idf, w, b = _fitted(split)
    scores = _probability(_tfidf(texts, vocabulary, idf), w, b)
    return pl.Series(scores), pl.Series(scores >= threshold)


def _fitted(split: Split) -> tuple[pl.DataFrame, np.ndarray, np.ndarray, float]:
    """The vocabulary, IDF, weights and bias of the model fitted on `split.fit`."""
    vocabulary, idf = _vocabulary(split.fit)
    w, b = logistic_fit(
        _tfidf(split.fit, vocabulary, idf),
        split.fit_truth.cast(pl.Float64).to_numpy(),
        np.ones(vocabulary.height),
        steps=STEPS,
    )
    return vocabulary, idf, w, b


def _probability(x: Sparse, w: np.ndarray, b: float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(x.dot(w) + b)))


def _counts(texts: pl.Series) -> pl.DataFrame:
    """(`row`, `feature`, `tf`): how often each word and word pair occurs in each text."""
    features = feature_strings(words(texts.fill_null("")), len(texts))
    features = features.filter(~pl.col("feature").str.starts_with("#len"))
    return features.group_by("row", "feature").agg(pl.len().alias("tf"))


def _vocabulary(texts: pl.Series) -> tuple[pl.DataFrame, np.ndarray]:
    """Features in at least two of `texts`, numbered (`feature`, `column`), and their IDF."""
    frequency = _counts(texts).group_by("feature").agg(pl.len().alias("df"))
    vocabulary = (
        frequency.filter(pl.col("df") >= 2).sort("feature").with_row_index("column")
    ).with_columns(pl.col("column").cast(pl.Int64))
    df = vocabulary["df"].to_numpy().astype(float)
    return vocabulary.select("feature", "column"), np.log((1 + len(texts)) / (1 + df)) + 1.0


def _tfidf(texts: pl.Series, vocabulary: pl.DataFrame, idf: np.ndarray) -> Sparse:
    """Unit-length TF-IDF rows of `texts` over `vocabulary`."""
    found = _counts(texts).join(vocabulary, on="feature")
    rows = found["row"].to_numpy().astype(np.int64)
    cols = found["column"].to_numpy()
    values = (1.0 + np.log(found["tf"].to_numpy().astype(float))) * idf[cols]
    norms = np.sqrt(np.bincount(rows, values * values, minlength=len(texts)))
    return Sparse(rows, cols, values / norms[rows], (len(texts), vocabulary.height))
