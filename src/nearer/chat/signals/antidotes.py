"""The antidotes to the four horsemen, and repair attempts (Gottman).

- **Softened start-up** (antidote to criticism): one message with an I-statement about a feeling
  ("I feel left out", "I'm worried") and a request ("could we", "please", "I need"), free of
  criticism and contempt. Counted wherever it occurs: a gentle complaint often keeps a talk from
  becoming a conflict at all.
- **Appreciation** (antidote to contempt) is the gratitude signal (appreciation.py).
- **Taking responsibility** (antidote to defensiveness): an apology, or owning a part or
  granting a point ("my fault", "you're right", "fair enough").
- **Self-soothing** (antidote to stonewalling): asking for a pause ("I need a break", "let's
  talk later").
- **Repair attempt**: inside a conflict episode, a message that is not itself hostile and that
  apologises, takes responsibility, asks for a pause, jokes, or shows affection, understanding or
  care. Whether a repair works depends on the receiver; text cannot show that.
"""

from __future__ import annotations

import polars as pl

from nearer.chat.metrics import Metric
from nearer.chat.periods import by_person_and_couple, couple_only, flag_counts, share
from nearer.chat.tokens import found_alternation, has_words

PAUSE = (
    "i need a break", "need a break", "take a break", "let's take a break", "let's pause",
    "can we pause", "pause this", "take a breather", "need a breather", "need some space",
    "need some time", "i need a minute", "give me a minute", "need a moment", "step away",
    "cool off", "let's talk later", "talk later", "talk about this later", "talk about it later",
    "come back to this", "sleep on it", "i'm getting overwhelmed", "i'm flooded",
)  # fmt: skip
RESPONSIBILITY = (
    "my fault", "my bad", "you're right", "you are right", "i was wrong", "i shouldn't have",
    "i should have", "fair point", "fair enough", "that's fair", "good point", "i take that back",
    "i overreacted", "i was out of line", "i messed up", "i'll do better", "my part", "i own that",
    "i agree",
)  # fmt: skip
FEELINGS = (
    "sad", "hurt", "lonely", "alone", "worried", "anxious", "scared", "afraid", "stressed",
    "overwhelmed", "frustrated", "upset", "disappointed", "left out", "ignored", "unheard",
    "unappreciated", "invisible", "tired", "exhausted", "nervous", "uneasy", "annoyed", "neglected",
    "forgotten", "overlooked", "taken for granted", "on my own", "disconnected", "far apart",
)  # fmt: skip
REQUESTS = (
    "could you", "can you", "would you", "will you", "please", "i need", "i'd like",
    "i would like", "i'd love", "can we", "could we", "would it be ok", "it would help",
    "it'd help", "would you mind", "let's",
)  # fmt: skip
_HEDGES = r"(?:\s+(?:feeling|a bit|a little|kind of|kinda|really|so|pretty|quite|very))*"
_I_AM = r"(?:^|\W)i(?:'m|\s+am|'ve\s+been|\s+have\s+been|\s+feel|\s+felt|\s+was|\s+get|\s+got)"
# Boundaries spelled as the characters around the words, for speed (tokens.found_alternation):
# after the spaces, a feeling's first letter always starts a word.
I_FEEL = _I_AM + _HEDGES + r"\s+" + found_alternation(FEELINGS).removeprefix(r"(?:^|\W)")

METRICS = (
    Metric("soft_startups", "Gentle ways of raising a complaint", "count", count=True),
    Metric("responsibility", "Apologies and owning a part", "count", count=True),
    Metric("self_soothing", "Asking for a pause", "count", count=True),
    Metric("repairs", "Repair attempts in tense stretches", "count", count=True),
    Metric("repaired_episodes", "Tense stretches with a repair attempt", "count", count=True,
           scopes=("couple",)),
    Metric("repair_share", "Tense stretches with a repair attempt", "%", scopes=("couple",),
           closer="higher", min_spread=10.0),
)  # fmt: skip
TURN_FLAGS = ("pause",)


def mark(frame: pl.LazyFrame) -> pl.LazyFrame:
    """Adds pause, soft_startup, responsibility and repair (Boolean)."""
    lower = pl.col("lower")
    harsh = pl.col("criticism_yes") | pl.col("contempt_yes")
    flagged = frame.with_columns(
        has_words(lower, PAUSE).alias("pause"),
        (lower.str.contains(I_FEEL).fill_null(False) & has_words(lower, REQUESTS) & ~harsh).alias(
            "soft_startup"
        ),
        (pl.col("apology_yes") | has_words(lower, RESPONSIBILITY)).alias("responsibility"),
    )
    mending = pl.any_horizontal(
        "responsibility", "pause", "humour", "affection_yes", "understanding_yes", "caring_yes"
    )
    return flagged.with_columns(
        (pl.col("in_conflict") & ~pl.col("hostile") & mending).alias("repair")
    )


def measure(frame: pl.LazyFrame, turns: pl.LazyFrame) -> pl.LazyFrame:
    named = {
        "soft_startups": pl.col("soft_startup"),
        "responsibility": pl.col("responsibility"),
        "self_soothing": pl.col("pause"),
        "repairs": pl.col("repair"),
    }
    counts = by_person_and_couple(frame, flag_counts(named))
    episodes = (
        frame.filter(pl.col("episode").is_not_null())
        .group_by("episode")
        .agg(pl.col("period").first(), pl.col("repair").any())
    )
    repaired = couple_only(
        episodes,
        [
            pl.len().alias("_episodes"),
            pl.col("repair").sum().cast(pl.UInt32).alias("repaired_episodes"),
        ],
    ).with_columns(share("repaired_episodes", "_episodes").alias("repair_share"))
    return counts.join(
        repaired.drop("_episodes"), on=["period", "scope", "person"], how="left", nulls_equal=True
    )
