"""Words and word pairs of many messages at once, as hashed keys a linear model can look up.

Training and scoring share these functions, so a weight learnt for "so sorry" is found again at
scoring time. Keys are polars hashes: they may differ between polars versions, so the model ships
its features as strings and hashes them when loaded (`feature_keys`), never as stored numbers.
"""

from __future__ import annotations

import polars as pl

# A word keeps its inner apostrophes ("don't"); every other visible character (punctuation, each
# code point of an emoji) is a token of its own, so "?" and "❤" carry weight too.
# Variation selectors, joiners and skin tones only dress an emoji: they are not tokens.
_TOKEN = r"[a-z0-9']+|[^\sa-z0-9'\x{200D}\x{FE0E}\x{FE0F}\x{1F3FB}-\x{1F3FF}]"
_SEED = 20_240_607
_PAIR = 1_000_003
# Only a message's first tokens are scored, which bounds the features of one message (words, pairs
# and the length word) below 256: the scorer's packed sums rely on that bound (see model.py).
MAX_TOKENS = 120
# Message length in words, as a coarse bucket: long messages disclose more than "ok".
_LENGTH_EDGES = (1, 2, 4, 8, 16, 32)


def words(texts: pl.Series) -> pl.DataFrame:
    """One row per token: `row` (UInt32, position of the text) and `word` (lower-case String).

    Null texts and texts without tokens give no rows; only the first MAX_TOKENS tokens count."""
    lowered = texts.cast(pl.String).fill_null("").str.to_lowercase().str.replace_all("[’‘`´]", "'")
    frame = pl.DataFrame({"word": lowered.str.extract_all(_TOKEN).list.head(MAX_TOKENS)})
    return frame.with_row_index("row").explode("word").drop_nulls("word")


def length_feature(count: pl.Expr | pl.Series) -> pl.Expr:
    """The pseudo-word naming a message's length bucket, from its token count."""
    count = pl.lit(count) if isinstance(count, pl.Series) else count
    bucket = pl.lit(len(_LENGTH_EDGES))
    for index, edge in reversed(list(enumerate(_LENGTH_EDGES))):
        bucket = pl.when(count <= edge).then(pl.lit(index)).otherwise(bucket)
    return pl.format("#len{}", bucket)


def lengths(tokens: pl.DataFrame, texts: int) -> pl.Series:
    """Number of tokens of each of `texts` texts (UInt32, in order), from `words` output."""
    # Tokens arrive grouped by row in order, so run lengths count them without hashing.
    runs = tokens["row"].rle().struct.unnest()
    every = pl.DataFrame({"row": pl.arange(0, texts, eager=True, dtype=pl.UInt32)})
    counted = every.join(runs.rename({"value": "row"}), on="row", how="left")
    return counted["len"].fill_null(0).cast(pl.UInt32).alias("tokens")


def keys(tokens: pl.DataFrame, texts: int) -> pl.DataFrame:
    """Hashed features per text: every word, every adjacent pair, one length pseudo-word.

    `tokens` is the output of `words`; `texts` the number of texts, so empty texts still get
    their length feature. Returns `row` (UInt32) and `key` (UInt64), with repeats kept."""
    hashed = tokens.select("row", pl.col("word").hash(seed=_SEED).alias("key"))
    pairs = hashed.select(
        "row",
        _pair_key(pl.col("key"), pl.col("key").shift(-1)),
        same=pl.col("row") == pl.col("row").shift(-1),
    ).filter("same")
    counts = pl.DataFrame({"row": pl.arange(0, texts, eager=True, dtype=pl.UInt32)}).select(
        "row", length_feature(lengths(tokens, texts)).hash(seed=_SEED).alias("key")
    )
    return pl.concat([hashed, pairs.drop("same"), counts])


def feature_strings(tokens: pl.DataFrame, texts: int) -> pl.DataFrame:
    """The features `keys` hashes, as readable strings (`row`, `feature`): for training."""
    pairs = tokens.select(
        "row",
        (pl.col("word") + " " + pl.col("word").shift(-1)).alias("feature"),
        same=pl.col("row") == pl.col("row").shift(-1),
    ).filter("same")
    counts = pl.DataFrame({"row": pl.arange(0, texts, eager=True, dtype=pl.UInt32)}).select(
        "row", length_feature(lengths(tokens, texts)).alias("feature")
    )
    return pl.concat([tokens.rename({"word": "feature"}), pairs.drop("same"), counts])


def feature_keys(features: pl.Series) -> pl.Series:
    """The key of each feature string as `keys` computes it ("so sorry" is a pair)."""
    parts = features.str.split_exact(" ", 1).struct.unnest()
    first = parts["field_0"].hash(seed=_SEED)
    second = parts["field_1"].hash(seed=_SEED)
    frame = pl.DataFrame({"a": first, "b": second, "pair": parts["field_1"].is_not_null()})
    return frame.select(
        pl.when("pair").then(_pair_key(pl.col("a"), pl.col("b"))).otherwise("a").alias("key")
    )["key"]


def _pair_key(first: pl.Expr, second: pl.Expr) -> pl.Expr:
    # Unsigned arithmetic wraps, so this mixes both hashes without overflow errors.
    return (first * _PAIR + second).alias("key")
