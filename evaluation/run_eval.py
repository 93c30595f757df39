"""Score nearer's message detectors on public labelled data and write docs/accuracy.md.

    python evaluation/run_eval.py [--data ../shared/eval-data] [--out docs/accuracy.md]

Every figure comes from `nearer.chat.detectors.detect`, the same call `nearer detect` makes. The
data are read from ../shared/eval-data (beside the repository) and never copied into it; where
that folder is absent the script says so and exits without touching the docs. nearer's own
hand-labelled couple messages (tests/chat/detectors/couple_messages.jsonl) are measured too.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from baselines import baseline_scores  # run as a script, its folder is on the path
from reference import Split, reference_scores
from report import REFERENCE, write_report
from train_detectors import goemotions as goemotions_development  # put on the path by reference
from train_detectors import offmychest_rounds, offmychest_sentences

from nearer.chat.detectors import DETECTORS, THRESHOLDS, detect

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "eval-data"
DEFAULT_OUT = ROOT / "docs" / "accuracy.md"
COUPLE_MESSAGES = ROOT / "tests" / "chat" / "detectors" / "couple_messages.jsonl"
# Groups of the couple set: messages that are not hostile, and the hostile group of a detector.
FRIENDLY = ("warm", "affection", "logistics")
HOSTILE = {"contempt": "contempt", "criticism": "criticism", "defensiveness": "defensive"}
HELD_OUT = "held out: never read while writing rules or choosing biases"

GOEMOTIONS_POSITIVE = (
    "admiration amusement approval caring desire excitement gratitude joy love optimism pride "
    "relief"
).split()
GOEMOTIONS_NEGATIVE = (
    "anger annoyance disappointment disapproval disgust embarrassment fear grief nervousness "
    "remorse sadness"
).split()

# Keyword rules: the simplest thing a reader might try, shown beside each detector.
KEYWORDS = {
    "emotional_disclosure": r"(?i)\b(i|i'm|im|me|my)\b.*\b(feel|felt|sad|happy|angry|scared|"
    r"afraid|hurt|love|hate|lonely|anxious|upset|worried|glad|miss)\b",
    "factual_disclosure": r"(?i)\b(i|i'm|im|me|my|we|our)\b",
    "gratitude": r"(?i)\b(thanks?|thank you|grateful|appreciate)\b",
    "affection": r"(?i)\b(love you|miss you|xoxo|babe|sweetheart)\b|❤|😘|🥰",
    "apology": r"(?i)\b(sorry|apologi[sz]e|my bad|forgive me)\b",
    "positive": r"(?i)\b(good|great|love|happy|awesome|nice|glad|wonderful|amazing|thanks?)\b",
    "negative": r"(?i)\b(bad|sad|hate|angry|awful|terrible|upset|annoyed|worst|sucks?)\b",
    "caring": r"(?i)\b(sorry|hope|hugs?|take care|here for you|that sucks)\b",
    "understanding": r"(?i)\b(i understand|me too|same here|i know how|i get it|been there)\b",
    "asking_more": r"\?",
    "question": r"\?",
    "contempt": r"(?i)\b(stupid|idiot|pathetic|ridiculous|whatever|grow up|clueless)\b",
    "criticism": r"(?i)\byou (always|never)\b|\b(stupid|idiot|selfish|lazy)\b",
}


@dataclass(frozen=True)
class Case:
    """One detector measured on one labelled set."""

    signal: str
    dataset: str
    texts: pl.Series
    truth: pl.Series  # Boolean
    contexts: pl.Series | None = None
    note: str = ""
    reference: Split | None = None  # where to fit the TF-IDF reference model, if anywhere


def half_b(keys: pl.Series) -> pl.Series:
    """The half of an evaluation set never read while writing rules or choosing the written
    heads' biases (by a hash of its key); half A is the development half."""
    return _hashed(keys) % 2 == 1


def _hashed(keys: pl.Series) -> pl.Series:
    return keys.cast(pl.String).map_elements(
        lambda key: int(hashlib.sha1(key.encode()).hexdigest(), 16) % 10, return_dtype=pl.Int64
    )


def half_a_split(keys: pl.Series, texts: pl.Series, truth: pl.Series) -> Split:
    """Half A for the reference model: a fifth of it (by key) tunes, the rest fits."""
    hashed = _hashed(keys)
    fit, tune = hashed.is_in([2, 4, 6, 8]), hashed == 0
    return Split(texts.filter(fit), truth.filter(fit), texts.filter(tune), truth.filter(tune))


def development_split(rounds: list[tuple[pl.DataFrame, pl.DataFrame]], column: str) -> Split:
    """The rounds of fitting and tuning parts nearer's own models were tuned on: the reference
    is fitted on the first round's fitting part, its threshold chosen on every tuning part."""
    first, *more = (
        Split(fit["text"], fit[column] == 1, tune["text"], tune[column] == 1)
        for fit, tune in rounds
    )
    return Split(first.fit, first.fit_truth, first.tune, first.tune_truth, tuple(more))


def offmychest(data: Path) -> list[Case]:
    whole = offmychest_sentences(data)  # cleaned as training/train_detectors.py cleans it
    frame = whole.filter(pl.col("fold") == 0)
    text = frame["text"]
    name = "OffMyChest, held-out fifth of threads (fold 0)"
    rounds = offmychest_rounds(data)
    return [
        Case(
            signal,
            name,
            text,
            frame[column] == 1,
            note=f"OffMyChest label noise: {conflicting(whole, column)}",
            reference=development_split(rounds, column),
        )
        for signal, column in (
            ("emotional_disclosure", "Emotional_disclosure"),
            ("factual_disclosure", "Information_disclosure"),
        )
    ]


def conflicting(frame: pl.DataFrame, column: str) -> str:
    """How many sentences that occur more than once in the whole file carry both labels."""
    same = pl.col("full_text").str.to_lowercase().str.strip_chars()
    repeated = frame.group_by(same).agg(pl.len(), pl.col(column).n_unique().alias("labels"))
    repeated = repeated.filter(pl.col("len") > 1)
    both = repeated.filter(pl.col("labels") > 1).height
    return f"{both} of {repeated.height} sentences that occur more than once carry both labels"


def goemotions(data: Path) -> list[Case]:
    labels = (data / "goemotions" / "labels.txt").read_text().split()
    frame = pl.read_csv(
        data / "goemotions" / "dev.tsv",
        separator="\t",
        has_header=False,
        quote_char=None,
        new_columns=["text", "ids", "id"],
        schema_overrides={"ids": pl.String},
    )
    ids = frame["ids"].str.split(",").cast(pl.List(pl.Int64))

    def has(*names: str) -> pl.Series:
        wanted = [labels.index(n) for n in names]
        return ids.list.eval(pl.element().is_in(wanted)).list.any()

    name = "GoEmotions dev (held out)"
    gratitude = development_split([goemotions_development(data)], "gratitude")
    return [
        Case("gratitude", name, frame["text"], has("gratitude"), reference=gratitude),
        Case(
            "affection",
            name,
            frame["text"],
            has("love"),
            note='GoEmotions\' love includes love of things ("I love this song", "love that '
            "show\"), which nearer's affection, tenderness between partners, leaves out on "
            'purpose unless the love reaches the partner ("love how you laugh")',
        ),
        Case(
            "apology",
            name,
            frame["text"],
            has("remorse"),
            note='GoEmotions\' remorse includes condolence ("sorry to hear that", "so sorry '
            "that happened\"), which nearer's apology, the antidote of taking responsibility, "
            "leaves out on purpose: it is care, not owning a part",
        ),
        Case("positive", name, frame["text"], has(*GOEMOTIONS_POSITIVE)),
        Case("negative", name, frame["text"], has(*GOEMOTIONS_NEGATIVE)),
    ]


def epitome(data: Path) -> list[Case]:
    cases = []
    for signal, file in [
        ("caring", "emotional-reactions"),
        ("understanding", "interpretations"),
        ("asking_more", "explorations"),
    ]:
        frame = pl.read_csv(data / "epitome-reddit" / f"{file}-reddit.csv")
        truth = frame["level"] >= 1
        name = f"EPITOME {file}"
        cases.append(
            Case(
                signal,
                f"{name}, all",
                frame["response_post"],
                truth,
                frame["seeker_post"],
                "all: half A (development) and half B together",
            )
        )
        b = frame.filter(half_b(frame["sp_id"]))
        cases.append(
            Case(
                signal,
                f"{name}, half B",
                b["response_post"],
                b["level"] >= 1,
                b["seeker_post"],
                HELD_OUT,
                half_a_split(frame["sp_id"], frame["response_post"], truth),
            )
        )
    return cases


def ucc(data: Path) -> list[Case]:
    frame = pl.read_csv(data / "ucc-unhealthy-comments" / "val.csv")
    contempt = (frame["condescending"] == 1) | (frame["sarcastic"] == 1)
    criticism = (
        (frame["hostile"] == 1) | (frame["antagonize"] == 1) | (frame["generalisation_unfair"] == 1)
    )
    b = half_b(frame["_unit_id"])
    name = "UCC val"
    return [
        Case(
            "contempt",
            f"{name} (condescending or sarcastic), all",
            frame["comment"],
            contempt,
            note="all: half A (development) and half B together",
        ),
        Case(
            "contempt",
            f"{name} (condescending or sarcastic), half B",
            frame["comment"].filter(b),
            contempt.filter(b),
            note=HELD_OUT,
            reference=half_a_split(frame["_unit_id"], frame["comment"], contempt),
        ),
        Case(
            "criticism",
            f"{name} (hostile, antagonise or unfair generalisation)",
            frame["comment"],
            criticism,
        ),
    ]


def annomi(data: Path) -> list[Case]:
    turns = pl.read_csv(data / "annomi" / "AnnoMI-simple.csv").sort("transcript_id", "utterance_id")
    answered = (pl.col("interlocutor").shift() == "client") & (
        pl.col("transcript_id").shift() == pl.col("transcript_id")
    )
    frame = turns.with_columns(
        pl.when(answered).then(pl.col("utterance_text").shift()).alias("client_turn")
    ).filter(pl.col("interlocutor") == "therapist")
    behaviour = frame["main_therapist_behaviour"]
    name = "AnnoMI therapist turns"
    return [
        Case("question", f"{name} (question)", frame["utterance_text"], behaviour == "question"),
        Case(
            "understanding",
            f"{name} (reflection)",
            frame["utterance_text"],
            behaviour == "reflection",
            frame["client_turn"],
            note="reflections, with the client turn just before as context (none where the "
            "therapist spoke twice in a row)",
        ),
    ]


def couple_messages(path: Path = COUPLE_MESSAGES) -> list[dict[str, object]]:
    """Per harsh detector: how often friendly couple messages are marked (false positives) and
    how often its own hostile group is caught (recall), on nearer's hand-labelled set."""
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]
    groups = pl.Series([r["group"] for r in rows])
    scored = detect(pl.Series([r["text"] for r in rows]))
    figures = []
    for signal in ("contempt", "criticism", "defensiveness", "negative"):
        said = pl.Series([r["labels"][signal] for r in rows])
        friendly = groups.is_in(FRIENDLY) & ~said
        caught = groups == HOSTILE[signal] if signal in HOSTILE else said & (groups == "sad")
        decided = scored[f"{signal}_yes"]
        figures.append(
            {
                "signal": signal,
                "messages": len(rows),
                "friendly": int(friendly.sum()),
                "false_positives": int((decided & friendly).sum()),
                "hostile": int(caught.sum()),
                "caught": int((decided & caught).sum()),
            }
        )
    return figures


SOURCES: dict[str, Callable[[Path], list[Case]]] = {
    "offmychest-claff2020": offmychest,
    "goemotions": goemotions,
    "epitome-reddit": epitome,
    "ucc-unhealthy-comments": ucc,
    "annomi": annomi,
}


def measure(case: Case) -> list[dict[str, object]]:
    """Rows of figures for the detector, an always-yes baseline, the keyword rule, VADER and
    NRCLex where they apply (baselines.py) and the TF-IDF reference where one is fitted."""
    scored = detect(case.texts, case.contexts)
    score = scored[case.signal]
    rows = [row(case, "nearer", score, scored[f"{case.signal}_yes"])]
    always = pl.Series([1.0] * len(case.texts))
    rows.append(row(case, "always yes", None, always >= 0.5))
    if case.signal in KEYWORDS:
        hit = case.texts.fill_null("").str.contains(KEYWORDS[case.signal])
        rows.append(row(case, "keyword rule", hit.cast(pl.Float64), hit))
    for method, lexicon_score, lexicon_decided in baseline_scores(case.signal, case.texts):
        rows.append(row(case, method, lexicon_score, lexicon_decided))
    if case.reference is not None:
        score, decided = reference_scores(case.reference, case.texts)
        rows.append(row(case, REFERENCE, score, decided))
    return rows


def row(case: Case, method: str, score: pl.Series | None, decided: pl.Series) -> dict[str, object]:
    truth = case.truth.fill_null(False)
    tp = int((truth & decided).sum())
    fp = int((~truth & decided).sum())
    fn = int((truth & ~decided).sum())
    tn = len(truth) - tp - fp - fn
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-12)
    npv, specificity = tn / max(tn + fn, 1), tn / max(tn + fp, 1)
    f1_negative = 2 * npv * specificity / max(npv + specificity, 1e-12)
    return {
        "signal": case.signal,
        "dataset": case.dataset,
        "method": method,
        "n": len(truth),
        "positives": int(truth.sum()),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "macro_f1": (f1 + f1_negative) / 2,
        "auc": roc_auc(truth, score) if score is not None else None,
        "note": case.note,
    }


def roc_auc(truth: pl.Series, score: pl.Series) -> float | None:
    """Area under the ROC curve, ties counted half (Mann-Whitney U)."""
    positives, negatives = int(truth.sum()), int((~truth).sum())
    if not positives or not negatives:
        return None
    ranks = score.rank("average")
    rank_sum = float(ranks.filter(truth).sum())
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    arguments = parser.parse_args()
    if not arguments.data.is_dir():
        print(f"run_eval: no evaluation data at {arguments.data}; nothing measured, docs kept.")
        return 0
    rows: list[dict[str, object]] = []
    for folder, load in SOURCES.items():
        if not (arguments.data / folder).is_dir():
            print(f"run_eval: {folder} is missing; skipped.")
            continue
        for case in load(arguments.data):
            rows += measure(case)
            print(f"measured {case.signal} on {case.dataset}", flush=True)
    couple = couple_messages()
    write_report(pl.DataFrame(rows), couple, dict(THRESHOLDS), DETECTORS, arguments.out)
    print(f"wrote {arguments.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
