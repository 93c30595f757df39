"""Train the learnt parts of nearer's message detectors and write them into the package.

    python training/train_detectors.py [--data ../shared/eval-data]

Reads GoEmotions (Apache-2.0, google-research) and the CL-Aff 2020 OffMyChest sentences (CC BY 4.0,
kj2013/claff-offmychest; the `author` column is dropped on reading and never used). No other data
set trains anything: EPITOME, UCC and AnnoMI are for evaluation only (evaluation/run_eval.py).

Three parts of each set, so that no reported figure comes from data that trained or tuned anything:
- fitting: GoEmotions train.tsv less a tenth of it; OffMyChest threads in folds 1-4 (`fold`),
  three at a time;
- tuning (thresholds, and the L2 strengths, chosen by hand from this part's figures): that tenth
  of train.tsv (`is_tuning_row`); each of OffMyChest folds 1-4 in turn, scored by a model fitted
  on the other three, the threshold chosen on the four together (a fifth of the data is too few
  sentences to choose a threshold on alone);
- held out for evaluation/run_eval.py only: GoEmotions dev.tsv, OffMyChest fold 0.
Once a threshold is chosen, the shipped model is refitted on fitting and tuning parts together
and keeps that threshold. Everything is deterministic (full-batch training from zeros, no random
draws). Writes src/nearer/chat/detectors/weights.parquet and heads.json.
Needs numpy (a development dependency only; the package scores with polars alone).
"""

from __future__ import annotations

import argparse
import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from nearer.chat.detectors.features import feature_strings, words
from nearer.chat.detectors.lexicon import parse_lexicon
from nearer.chat.detectors.model import Head, Model, build_model, heads_json
from nearer.chat.detectors.signals import learnt_signals, token_signals

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "nearer" / "chat" / "detectors"
DEFAULT_DATA = ROOT.parent / "shared" / "eval-data"

GOEMOTIONS_POSITIVE = (
    "admiration amusement approval caring desire excitement gratitude joy love optimism pride "
    "relief"
).split()
GOEMOTIONS_NEGATIVE = (
    "anger annoyance disappointment disapproval disgust embarrassment fear grief nervousness "
    "remorse sadness"
).split()
GOEMOTIONS_CONFLICT = "anger annoyance disapproval disgust".split()
DISCLOSURE_SIGNALS = (
    "n:feel n:first n:people n:life n:past n:you n:distress n:affection n:apology n:gratitude "
    "n:caring n:insult n:understanding n:defensive n:absolute tokens n:first*n:feel "
    "n:first*n:people n:first*n:life n:first*n:past n:first*n:distress w:emotion w:upbeat "
    "w:negative w:love w:gratitude w:apology w:curiosity w:support w:conflict w:caring_words "
    "n:first*w:emotion n:first*w:negative n:you*w:support"
).split()


@dataclass(frozen=True)
class Task:
    """One linear model: its data set, target, extra (dense) signals and strength of L2."""

    name: str
    source: str  # "goemotions" or "offmychest"
    target: str  # a column of the prepared data set
    dense: tuple[str, ...] = ()
    l2: float = 10.0
    metric: str = "f1"  # what its threshold maximises on the tuning part: "f1" or "macro"
    # Terms set by hand and added to the head after fitting, for what the training data
    # mislabel for couples (GoEmotions calls "miss you" sadness and "sorry" remorse).
    fixed: tuple[tuple[str, float], ...] = ()


STAGE_ONE = (
    Task("gratitude", "goemotions", "gratitude", ("n:gratitude", "n:you", "tokens"), 1.0),
    # GoEmotions' love; the affection detector (written_heads.py) adds the couple's own words.
    Task("love", "goemotions", "love", ("n:affection", "n:positive_emoji", "n:you"), 3.0),
    Task("apology", "goemotions", "remorse", ("n:apology", "n:first", "tokens"), 3.0),
    # GoEmotions' positive emotions; the positive detector (written_heads.py) drops mock praise.
    Task("upbeat", "goemotions", "positive", ("n:positive_emoji", "n:feel", "tokens"), 10.0),
    Task(
        "negative",
        "goemotions",
        "negative",
        ("n:negative_emoji", "n:insult", "n:distress", "tokens"),
        10.0,
        fixed=(("n:affection", -2.5), ("n:apology", -3.5), ("n:reassurance", -2.0)),
    ),
    Task("emotion", "goemotions", "emotion", ("n:feel", "tokens"), 10.0),
    Task("caring_words", "goemotions", "caring", ("n:caring", "n:you"), 10.0),
    Task("curiosity", "goemotions", "curiosity", ("n:you", "tokens"), 10.0),
    Task("conflict", "goemotions", "conflict", ("n:insult", "n:you", "n:absolute"), 10.0),
    Task("support", "offmychest", "Emo_support", ("n:caring", "n:you"), 30.0),
)
STAGE_TWO = (
    Task(
        "emotional_disclosure",
        "offmychest",
        "Emotional_disclosure",
        DISCLOSURE_SIGNALS,
        300.0,
        "macro",
    ),
    Task(
        "factual_disclosure",
        "offmychest",
        "Information_disclosure",
        DISCLOSURE_SIGNALS,
        300.0,
        "macro",
    ),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    data = parser.parse_args().data
    sets = {"goemotions": [goemotions(data)], "offmychest": offmychest_rounds(data)}
    lexicon = parse_lexicon((PACKAGE / "lexicon.txt").read_text(encoding="utf-8"))
    weights: dict[str, pl.DataFrame] = {}
    heads: dict[str, Head] = {}
    for stage in (STAGE_ONE, STAGE_TWO):
        earlier = dict(weights)  # a stage's dense signals use only earlier stages' models
        for task in stage:
            rounds = sets[task.source]
            weights[task.name], heads[task.name], report = fit(task, rounds, earlier, lexicon)
            print(f"{task.name}: {report}", flush=True)
    table = prune(joined(weights))
    table.write_parquet(PACKAGE / "weights.parquet", compression="zstd", compression_level=19)
    (PACKAGE / "heads.json").write_text(heads_json(heads), encoding="utf-8")
    print(f"wrote {table.height} features x {table.width - 1} models")


def goemotions(data: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(fitting, tuning) parts of train.tsv, with one 0/1 column per label and the groups nearer
    uses. dev.tsv is never read here: it is for evaluation/run_eval.py."""
    labels = (data / "goemotions" / "labels.txt").read_text().split()

    def read(split: str) -> pl.DataFrame:
        frame = pl.read_csv(
            data / "goemotions" / f"{split}.tsv",
            separator="\t",
            has_header=False,
            new_columns=["text", "ids", "id"],
            quote_char=None,
            schema_overrides={"ids": pl.String},
        )
        ids = pl.col("ids").str.split(",").cast(pl.List(pl.Int64))
        frame = frame.with_columns(
            ids.list.contains(i).cast(pl.Int8).alias(name) for i, name in enumerate(labels)
        )
        return frame.with_columns(
            pl.max_horizontal(GOEMOTIONS_POSITIVE).alias("positive"),
            pl.max_horizontal(GOEMOTIONS_NEGATIVE).alias("negative"),
            pl.max_horizontal(GOEMOTIONS_CONFLICT).alias("conflict"),
            (1 - pl.col("neutral")).alias("emotion"),
        )

    train = read("train")
    tuning = train["id"].map_elements(is_tuning_row, return_dtype=pl.Boolean)
    return train.filter(~tuning), train.filter(tuning)


def is_tuning_row(key: str) -> bool:
    """The fixed tenth of GoEmotions train.tsv that tunes thresholds instead of fitting."""
    return _hashed(key) % 10 == 0


def fold(thread: str) -> int:
    """An OffMyChest thread's fold, 0-4: 0 is held out for evaluation, 1-4 fit and tune."""
    return _hashed(thread) % 5


def _hashed(key: str) -> int:
    return int(hashlib.sha1(key.encode()).hexdigest(), 16)


def offmychest_rounds(data: Path) -> list[tuple[pl.DataFrame, pl.DataFrame]]:
    """Four rounds of (fitting threads, tuning threads) over folds 1-4: each fold tunes once,
    fitted on the other three; the first round tunes on fold 1. Rows have `text`, `id` and the
    labels; the held-out fold 0 is left out."""
    frame = offmychest_sentences(data)
    kept = frame.select("text", "id", *OFFMYCHEST_LABELS)
    rounds = []
    for tuning in (1, 2, 3, 4):
        fitting = (frame["fold"] >= 1) & (frame["fold"] != tuning)
        rounds.append((kept.filter(fitting), kept.filter(frame["fold"] == tuning)))
    return rounds


OFFMYCHEST_LABELS = ("Emotional_disclosure", "Information_disclosure", "Emo_support")


def offmychest_sentences(data: Path) -> pl.DataFrame:
    """Every labelled sentence, without the `author` column (licence terms): `full_text` as
    exported, `text` cleaned, the thread `id`, the labels (Int8) and the thread's `fold`."""
    path = data / "offmychest-claff2020" / "labeled_training_set.csv"
    frame = pl.read_csv(path, infer_schema_length=0).drop("author")
    # The export spells Windows-1252 quotes as "<U+0092>"; chat text has real apostrophes.
    text = (
        pl.col("full_text")
        .str.replace_all(r"<U\+009[12]>", "'")
        .str.replace_all(r"<U\+009[34]>", '"')
        .str.replace_all(r"<U\+[0-9A-F]{4}>", " ")
    )
    labels = [pl.col(c).cast(pl.Int8) for c in OFFMYCHEST_LABELS]
    frame = frame.select("full_text", text.alias("text"), "id", *labels)
    return frame.with_columns(frame["id"].map_elements(fold, return_dtype=pl.Int64).alias("fold"))


def joined(weights: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """One table: `feature` and a Float32 weight column per model (0 where a model lacks it)."""
    table = pl.DataFrame(schema={"feature": pl.String})
    for frame in weights.values():
        table = table.join(frame, on="feature", how="full", coalesce=True)
    return table.fill_null(0.0)


def prune(table: pl.DataFrame) -> pl.DataFrame:
    """Drop features whose every weight is too small to move a score, to keep the file small."""
    strongest = pl.max_horizontal(pl.col(c).abs() for c in table.columns[1:])
    return table.filter(strongest >= 0.02).sort("feature")


class Sparse:
    """A 0/1 feature matrix as (row, column) pairs, with dense columns appended."""

    def __init__(
        self, rows: np.ndarray, cols: np.ndarray, values: np.ndarray, shape: tuple[int, int]
    ):
        self.rows, self.cols, self.values, self.shape = rows, cols, values, shape

    def dot(self, w: np.ndarray) -> np.ndarray:
        return np.bincount(self.rows, self.values * w[self.cols], minlength=self.shape[0])

    def tdot(self, r: np.ndarray) -> np.ndarray:
        return np.bincount(self.cols, self.values * r[self.rows], minlength=self.shape[1])


def design(texts: pl.Series, vocabulary: pl.DataFrame, dense: np.ndarray) -> Sparse:
    """Binary word and pair features of `texts` known to `vocabulary`, then the dense columns."""
    found = feature_strings(words(texts), len(texts)).unique().join(vocabulary, on="feature")
    n, width = len(texts), vocabulary.height
    dense_rows = np.repeat(np.arange(n), dense.shape[1])
    dense_cols = width + np.tile(np.arange(dense.shape[1]), n)
    return Sparse(
        np.concatenate([found["row"].to_numpy().astype(np.int64), dense_rows]),
        np.concatenate([found["column"].to_numpy().astype(np.int64), dense_cols]),
        np.concatenate([np.ones(found.height), dense.ravel()]),
        (n, width + dense.shape[1]),
    )


def dense_signals(texts: pl.Series, names: tuple[str, ...], model: Model) -> np.ndarray:
    """The named signals (products allowed) of `texts`, through the package's own scorer."""
    frame = token_signals(words(texts), model, len(texts))
    columns = []
    for name in names:
        first, _, second = name.partition("*")
        value = frame[first].to_numpy()
        columns.append(value * frame[second].to_numpy() if second else value)
    return np.stack(columns, axis=1) if columns else np.zeros((len(texts), 0))


def logistic_fit(
    x: Sparse, y: np.ndarray, l2: np.ndarray, steps: int = 400
) -> tuple[np.ndarray, float]:
    """Weights and bias minimising mean log-loss + sum(l2 * w**2) / (2n), by full-batch Adam."""
    n = x.shape[0]
    w, b = np.zeros(x.shape[1]), float(np.log(max(y.mean(), 1e-3) / max(1 - y.mean(), 1e-3)))
    m, v, mb, vb = np.zeros_like(w), np.zeros_like(w), 0.0, 0.0
    for t in range(1, steps + 1):
        p = 1.0 / (1.0 + np.exp(-(x.dot(w) + b)))
        r = (p - y) / n
        g, gb = x.tdot(r) + l2 * w / n, float(r.sum())
        m, v = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g * g
        mb, vb = 0.9 * mb + 0.1 * gb, 0.999 * vb + 0.001 * gb * gb
        w -= 0.1 * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
        b -= 0.1 * (mb / (1 - 0.9**t)) / (np.sqrt(vb / (1 - 0.999**t)) + 1e-8)
    return w, b


def fit(
    task: Task,
    rounds: list[tuple[pl.DataFrame, pl.DataFrame]],
    earlier: dict[str, pl.DataFrame],
    lexicon: pl.DataFrame,
) -> tuple[pl.DataFrame, Head, str]:
    """Train one task: its feature weights, its head, a report on the tuning rows.

    Each round is (fitting rows, tuning rows): a model fitted on the first scores the second,
    and the threshold is the one that does best on the tuning rows of every round together.
    The shipped model is then refitted on the first round's rows, both parts, and keeps that
    threshold."""
    truths, probabilities = [], []
    for train, tune in rounds:
        truths.append(tune[task.target].to_numpy().astype(bool))
        probabilities.append(_tuning_probabilities(task, train, tune, earlier, lexicon))
    truth, probability = np.concatenate(truths), np.concatenate(probabilities)
    threshold = best_threshold(truth, probability, task.metric)
    weights, head = linear(task, pl.concat(rounds[0]), earlier, lexicon)
    final = Head(head.bias, head.weights, threshold)
    return weights, final, report(truth, probability, threshold)


def _tuning_probabilities(
    task: Task,
    train: pl.DataFrame,
    tune: pl.DataFrame,
    earlier: dict[str, pl.DataFrame],
    lexicon: pl.DataFrame,
) -> np.ndarray:
    """The probabilities a model fitted on `train` gives `tune`'s texts, scored as shipped:
    through build_model (quantised weights) and the package's heads."""
    weights, head = linear(task, train, earlier, lexicon)
    shipped = build_model(joined({**earlier, task.name: weights}), lexicon, {task.name: head})
    scores = learnt_signals(tune["text"], shipped)
    return 1.0 / (1.0 + np.exp(-scores[f"d:{task.name}"].to_numpy()))


def linear(
    task: Task, train: pl.DataFrame, earlier: dict[str, pl.DataFrame], lexicon: pl.DataFrame
) -> tuple[pl.DataFrame, Head]:
    """The task's feature weights and its head (threshold 0.5), fitted on `train`."""
    features = feature_strings(words(train["text"]), train.height).unique()
    vocabulary = (
        features.group_by("feature")
        .len()
        .filter(pl.col("len") >= 2)
        .sort("feature")
        .with_row_index("column")
        .select("feature", pl.col("column").cast(pl.Int64))
    )
    model = build_model(joined(earlier), lexicon, {})
    x = design(train["text"], vocabulary, dense_signals(train["text"], task.dense, model))
    # Dense signals are few and general, so they are barely shrunk.
    l2 = np.concatenate([np.full(vocabulary.height, task.l2), np.full(len(task.dense), 0.1)])
    w, b = logistic_fit(x, train[task.target].to_numpy().astype(float), l2)
    split = vocabulary.height
    weights = vocabulary.select("feature", pl.Series(task.name, w[:split], pl.Float32))
    terms = {f"w:{task.name}": 1.0, **dict(zip(task.dense, map(float, w[split:]), strict=True))}
    for name, weight in task.fixed:
        terms[name] = terms.get(name, 0.0) + weight
    return weights, Head(b, terms, 0.5)


def best_threshold(truth: np.ndarray, scores: np.ndarray, metric: str) -> float:
    """The probability threshold (0.05..0.95 in steps of 0.01) that maximises `metric`."""
    candidates = np.round(np.arange(0.05, 0.951, 0.01), 2)
    values = [classification(truth, scores >= t)[metric] for t in candidates]
    return float(candidates[int(np.argmax(values))])


def classification(truth: np.ndarray, decided: np.ndarray) -> dict[str, float]:
    """Precision, recall and F1 of the positive class, and macro-F1 over both classes."""

    def f1(t: np.ndarray, d: np.ndarray) -> tuple[float, float, float]:
        tp = float((t & d).sum())
        precision, recall = tp / max(d.sum(), 1), tp / max(t.sum(), 1)
        return precision, recall, 2 * precision * recall / max(precision + recall, 1e-12)

    precision, recall, positive = f1(truth, decided)
    negative = f1(~truth, ~decided)[2]
    return {
        "precision": precision,
        "recall": recall,
        "f1": positive,
        "macro": (positive + negative) / 2,
    }


def roc_auc(truth: np.ndarray, scores: np.ndarray) -> float:
    """Area under the ROC curve (ties count half)."""
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    _, inverse, counts = np.unique(scores[order], return_inverse=True, return_counts=True)
    mean_rank = np.bincount(inverse, np.arange(1, len(scores) + 1)) / counts
    ranks[order] = mean_rank[inverse]
    positives = truth.sum()
    negatives = len(truth) - positives
    return float((ranks[truth].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def report(truth: np.ndarray, probabilities: np.ndarray, threshold: float) -> str:
    scores = classification(truth, probabilities >= threshold)
    figures = ", ".join(f"{k} {v:.3f}" for k, v in scores.items())
    return f"tuning-part AUC {roc_auc(truth, probabilities):.3f}, {figures} at {threshold:.2f}"


if __name__ == "__main__":
    main()
