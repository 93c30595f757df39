"""Bids for connection and how they were met (Gottman): turning toward, away or against.

A **bid** is a turn that asks a question, shares something (a feeling or personal news, or
"look", "guess what") or makes a request ("can you", "let's", "wanna"). The reply is the other
person's next turn in the same conversation:
- **against**: the reply is hostile (criticism, contempt or defensiveness);
- **toward**: the reply engages: it acknowledges ("ok", "aw", "haha", an emoji, a photo), shows
  warmth, understanding, care or interest, or picks up a word of the bid (same first five
  letters, so "work" meets "working"). Even a minimal acknowledgement counts, as in the research;
- **away**: no reply before the conversation ends, or a reply that does none of this (a change of
  topic).
The chat's final turn is left out. Bids are counted for the person who made them.
"""

from __future__ import annotations

import polars as pl

from nearer.chat.conversations import following
from nearer.chat.language import FUNCTION_WORDS
from nearer.chat.metrics import Metric
from nearer.chat.periods import by_person_and_couple, flag_counts, share
from nearer.chat.tokens import has_words

REQUESTS = (
    "can you", "could you", "would you", "will you", "please", "pls", "let's", "lets", "wanna",
    "want to", "shall we", "how about", "what about", "come with", "join me", "call me",
    "tell me", "show me", "remind me", "look", "guess what", "check this", "check out",
    "did you see", "you won't believe",
)  # fmt: skip
ACKNOWLEDGEMENTS = (
    "ok", "okay", "k", "kk", "yes", "yeah", "yep", "yup", "sure", "of course", "aw", "aww", "awww",
    "oh", "ooh", "wow", "nice", "cool", "great", "good", "haha", "lol", "really", "omg", "no way",
    "totally", "right", "true", "same", "agreed", "sounds good", "love it", "love that", "thanks",
    "thank you", "hmm", "mm", "ah", "i see", "got it", "noted", "yay", "sweet", "perfect",
)  # fmt: skip
_STEM_STOP = sorted(FUNCTION_WORDS | set(ACKNOWLEDGEMENTS))
OVERLAP_CHARS = 300
_ANSWERS = ("stems", "ack", "responsive", "against", "media_message")

METRICS = (
    Metric("bids", "Bids for connection", "count", count=True),
    Metric("bids_toward", "Bids met by turning toward", "count", count=True),
    Metric("bids_away", "Bids left unanswered or passed over", "count", count=True),
    Metric("bids_against", "Bids met with a hostile reply", "count", count=True),
    Metric("toward_share", "Bids met by turning toward", "%", closer="higher", trend=True,
           min_spread=5.0),
    Metric("against_share", "Bids met with a hostile reply", "%", closer="lower",
           min_spread=3.0),
)  # fmt: skip
TURN_FLAGS = ("question_yes", "emotional", "factual", "request", *_ANSWERS[1:])


def mark(frame: pl.LazyFrame) -> pl.LazyFrame:
    """Adds request, ack, media_message, responsive and against (Boolean)."""
    lower = pl.col("lower")
    return frame.with_columns(
        has_words(lower, REQUESTS).alias("request"),
        (
            has_words(lower, ACKNOWLEDGEMENTS)
            | lower.str.contains(r"\p{Extended_Pictographic}").fill_null(False)
        ).alias("ack"),
        (pl.col("kind") == "media").alias("media_message"),
        pl.any_horizontal(
            "understanding_yes", "caring_yes", "asking_more_yes", "affection_yes", "positive_yes",
            "gratitude_yes", "humour",
        ).alias("responsive"),
        pl.any_horizontal("criticism_yes", "contempt_yes", "defensiveness_yes").alias("against"),
    )  # fmt: skip


def measure(frame: pl.LazyFrame, turns: pl.LazyFrame) -> pl.LazyFrame:
    """Counted for the person who made the bid (turns classified by `classify`)."""
    counts = by_person_and_couple(
        turns.filter(pl.col("bid")),
        flag_counts(
            {
                "bids": pl.col("bid"),
                "bids_toward": pl.col("reply") == "toward",
                "bids_away": pl.col("reply") == "away",
                "bids_against": pl.col("reply") == "against",
            }
        ),
    )
    return counts.with_columns(
        share("bids_toward", "bids").alias("toward_share"),
        share("bids_against", "bids").alias("against_share"),
    )


def classify(turns: pl.LazyFrame) -> pl.LazyFrame:
    """The turns with `bid` (Boolean) and `reply` ("toward", "away", "against"; null if no bid)."""
    # A turn's opening lines carry its topic; reading at most OVERLAP_CHARS bounds the cost of
    # very long turns.
    words = pl.col("lower").str.slice(0, OVERLAP_CHARS).str.extract_all(r"[^\W\d_]{3,}")
    stems = words.list.eval(pl.element().filter(~pl.element().is_in(_STEM_STOP)).str.slice(0, 5))
    answered = following(turns.with_columns(stems.list.unique().alias("stems")), _ANSWERS)
    shared = pl.col("stems").list.set_intersection(pl.col("next_stems")).list.len() > 0
    engaged = pl.any_horizontal(
        shared.fill_null(False),
        *(
            pl.col(f"next_{flag}").fill_null(False)
            for flag in ("ack", "responsive", "media_message")
        ),
    )
    hostile = pl.col("next_against").fill_null(False)
    bid = pl.any_horizontal("question_yes", "emotional", "factual", "request") & ~pl.col("last")
    reply = (
        pl.when(~bid)
        .then(None)
        .when(hostile)
        .then(pl.lit("against"))
        .when(pl.col("next_in_conversation") & engaged)
        .then(pl.lit("toward"))
        .otherwise(pl.lit("away"))
    )
    return answered.with_columns(bid.alias("bid"), reply.alias("reply")).drop(
        "stems", *(f"next_{flag}" for flag in _ANSWERS)
    )
