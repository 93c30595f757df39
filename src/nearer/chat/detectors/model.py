"""The detectors' learnt weights and word lists, packed so one lookup scores every detector.

A feature (word, word pair or length word) carries a weight for each linear model and a 0/1 flag
for each word list. Summing dozens of float columns over tens of millions of features is what makes
scoring slow, so the values are packed: each weight is quantised to 8 bits (0..255, 128 meaning
zero) and four values share one UInt64 in 16-bit lanes. A message has fewer than 256 features
(features.MAX_TOKENS), so a lane's sum stays below 256 * 255 < 2**16 and never spills into the
next lane; one integer sum per packed column adds up four detectors at once.
"""

from __future__ import annotations

import functools
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

import polars as pl

from nearer.chat.detectors.features import feature_keys
from nearer.chat.detectors.lexicon import parse_lexicon

LANES = 4
LANE = 1 << 16
ZERO = 128  # the quantised value of a zero weight
_STEPS = 127  # quantised steps either side of zero


@dataclass(frozen=True)
class Head:
    """A detector's score: sigmoid(bias + sum of weight * signal); `threshold` decides yes.

    A signal name "a*b" means the product of signals a and b."""

    bias: float
    weights: Mapping[str, float]
    threshold: float


@dataclass(frozen=True)
class Model:
    """Packed features: `index` maps a feature key to its row of `packed` (p0, p1, ...).

    `lanes` names what each lane holds, in order ("w:<weights>" or "n:<word list>"); `scales`
    turns a weight lane's quantised sum back into a logit. `heads` are the learnt detectors."""

    index: pl.DataFrame
    packed: pl.DataFrame
    lanes: tuple[str, ...]
    scales: Mapping[str, float]
    heads: Mapping[str, Head]


def build_model(weights: pl.DataFrame, lexicon: pl.DataFrame, heads: Mapping[str, Head]) -> Model:
    """Pack `weights` (a `feature` column and one Float column per linear model) and `lexicon`
    (`feature`, `category` rows, from lexicon.parse_lexicon) into a Model."""
    flags = lexicon.with_columns(pl.lit(1, pl.Int64).alias("flag")).pivot(
        on="category", index="feature", values="flag", aggregate_function="max"
    )
    flags = flags.rename({c: f"n:{c}" for c in flags.columns if c != "feature"})
    weight_names = [c for c in weights.columns if c != "feature"]
    merged = weights.rename({c: f"w:{c}" for c in weight_names}).join(
        flags, on="feature", how="full", coalesce=True
    )
    scales = {
        f"w:{c}": max(float(weights.select(pl.col(c).abs().max()).item() or 0.0), 1e-6) / _STEPS
        for c in weight_names
    }
    lane_values = [
        _quantised(pl.col(name), scales[name]) if name in scales else pl.col(name).fill_null(0)
        for name in merged.columns[1:]
    ]
    values = merged.select(pl.col("feature"), *lane_values)
    return Model(
        index=pl.DataFrame({"key": feature_keys(values["feature"])}).with_row_index("slot"),
        packed=_packed(values.drop("feature")),
        lanes=tuple(values.columns[1:]),
        scales=scales,
        heads=dict(heads),
    )


def _quantised(column: pl.Expr, scale: float) -> pl.Expr:
    steps = (column.fill_null(0.0) / scale).round().clip(-_STEPS, _STEPS)
    return (steps + ZERO).cast(pl.Int64)


def _packed(values: pl.DataFrame) -> pl.DataFrame:
    columns = []
    for start in range(0, values.width, LANES):
        lanes = values.columns[start : start + LANES]
        word = sum(
            (pl.col(name).cast(pl.UInt64) * (LANE**i) for i, name in enumerate(lanes)),
            pl.lit(0, pl.UInt64),
        )
        columns.append(word.alias(f"p{start // LANES}"))
    return values.select(columns)


def parse_heads(text: str) -> dict[str, Head]:
    """Heads from their JSON form: {"<detector>": {"bias", "weights", "threshold"}}."""
    return {
        name: Head(float(spec["bias"]), dict(spec["weights"]), float(spec["threshold"]))
        for name, spec in json.loads(text).items()
    }


def heads_json(heads: Mapping[str, Head]) -> str:
    """The JSON form parse_heads reads, rounded to 6 decimals so that retraining on the same
    data writes the same file (sums in another order differ in the last bits)."""
    document = {
        name: {
            "bias": round(h.bias, 6),
            "weights": {k: round(v, 6) for k, v in h.weights.items()},
            "threshold": h.threshold,
        }
        for name, h in heads.items()
    }
    return json.dumps(document, indent=1, sort_keys=True) + "\n"


@functools.cache
def shipped_model() -> Model:
    """The model installed with nearer (weights.parquet, lexicon.txt, heads.json), loaded once."""
    files = resources.files(__package__)
    weights = pl.read_parquet(io.BytesIO(files.joinpath("weights.parquet").read_bytes()))
    lexicon = parse_lexicon(files.joinpath("lexicon.txt").read_text(encoding="utf-8"))
    heads = parse_heads(files.joinpath("heads.json").read_text(encoding="utf-8"))
    return build_model(weights, lexicon, heads)
