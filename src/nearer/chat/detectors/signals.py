"""Per-message signals the detectors' heads combine: model sums, word-list counts, length.

For each text: "w:<model>" is the sum of that linear model's weights over the text's features (a
logit without its bias), "n:<list>" is log(1 + occurrences of that word list), and "tokens" is
log(1 + number of tokens). Everything is computed for all texts at once.
"""

from __future__ import annotations

import polars as pl

from nearer.chat.detectors.features import keys, lengths, words
from nearer.chat.detectors.heads import add_logits
from nearer.chat.detectors.model import LANE, LANES, ZERO, Model
from nearer.chat.detectors.rules import rule_signals

# Tokens that end a sentence; a run of them ("?!") ends it once.
_ENDS = (".", "!", "?")
# What a message keeps of its sentences' signals (see message_signals).
_KEPT = ("d:", "n:", "tokens")


def learnt_signals(texts: pl.Series, model: Model) -> pl.DataFrame:
    """Every signal and learnt logit ("d:<head>") per text, in order.

    Words are scored sentence by sentence, because the learnt models were trained on sentences
    and short comments and a long message is many of those (see message_signals); phrase rules
    ("r:<rule>") look at the whole message."""
    tokens, owners = sentence_tokens(texts)
    per_sentence = add_logits(token_signals(tokens, model, len(owners)), model.heads)
    messages = message_signals(per_sentence, owners, len(texts))
    return pl.concat([messages, rule_signals(texts)], how="horizontal")


def sentence_tokens(texts: pl.Series) -> tuple[pl.DataFrame, pl.Series]:
    """Tokens numbered by sentence, and the text each sentence belongs to.

    Returns (`row` = sentence number, `word`) and a UInt32 Series of text positions, one per
    sentence in sentence order. A text without tokens gets one empty sentence."""
    tokens = words(texts).rename({"row": "text"})
    end = pl.col("word").is_in(_ENDS)
    starts = (pl.col("text") != pl.col("text").shift(1)).fill_null(True) | (
        end.shift(1).fill_null(False) & ~end
    )
    tokens = tokens.with_columns((starts.cum_sum() - 1).cast(pl.UInt32).alias("row"))
    firsts = tokens.filter(pl.col("row") != pl.col("row").shift(1).fill_null(2**32 - 1))
    every = pl.DataFrame({"text": pl.arange(0, len(texts), eager=True, dtype=pl.UInt32)})
    empty = every.join(firsts.select("text"), on="text", how="anti")["text"]
    owners = pl.concat([firsts["text"], empty])
    return tokens.select("row", "word"), owners


def message_signals(per_sentence: pl.DataFrame, owners: pl.Series, texts: int) -> pl.DataFrame:
    """Per-sentence signals gathered per text, one row per text in order.

    Each logit "d:<head>", word-list count "n:<list>" and "tokens" becomes its largest value over
    the text's sentences ("is there a sentence that ..."); counts also get "all:<name>", the same
    log(1 + count) over the whole message. Weight sums ("w:") stay with their sentences."""
    kept = [c for c in per_sentence.columns if c.startswith(_KEPT)]
    counts = [c for c in kept if not c.startswith("d:")]
    frame = per_sentence.select(kept).with_columns(owners.alias("text"))
    several = frame["text"].is_duplicated()
    # Most chat messages are one sentence: only the others need gathering.
    single = frame.filter(~several).with_columns(pl.col(c).alias(f"all:{c}") for c in counts)
    gathered = (
        frame.filter(several)
        .group_by("text")
        .agg(
            pl.all().max(),
            *[pl.col(c).exp().sub(1.0).sum().log1p().alias(f"all:{c}") for c in counts],
        )
    )
    every = pl.DataFrame({"text": pl.arange(0, texts, eager=True, dtype=pl.UInt32)})
    both = pl.concat([single, gathered.select(single.columns)])
    return every.join(both, on="text", how="left").drop("text")


def token_signals(tokens: pl.DataFrame, model: Model, count: int) -> pl.DataFrame:
    """One row per text (`count` of them, in order) with a Float64 column per lane of `model`
    and "tokens", from `tokens` as words() gives them."""
    found = keys(tokens, count).join(model.index, on="key", how="inner").sort("row")
    gathered = model.packed[found["slot"]].with_columns(found["row"].set_sorted())
    sums = gathered.group_by("row").agg(pl.len().alias("matched"), pl.all().sum())
    every = pl.DataFrame({"row": pl.arange(0, count, eager=True, dtype=pl.UInt32)})
    frame = every.with_columns(lengths(tokens, count)).join(sums, on="row", how="left")
    return frame.fill_null(0).select(
        *[_lane(model, index, name) for index, name in enumerate(model.lanes)],
        pl.col("tokens").cast(pl.Float64).log1p(),
    )


def _lane(model: Model, index: int, name: str) -> pl.Expr:
    packed = pl.col(f"p{index // LANES}")
    value: pl.Expr = (packed // (LANE ** (index % LANES)) % LANE).cast(pl.Float64)
    if name in model.scales:
        # Every matched feature added ZERO to this lane whatever its weight.
        return ((value - ZERO * pl.col("matched")) * model.scales[name]).alias(name)
    return value.log1p().alias(name)
