"""Bids for connection and how they were met (Gottman): turning toward, away or against.

A **bid** is a turn that asks a question, shares something (a feeling or personal news, or
"look", "guess what") or makes a request ("can you", "let's", "wanna"). The reply is the other
person's next turn in the same conversation:
- **against**: the reply is hostile (criticism, contempt or defensiveness);
- **toward**: the reply engages: it acknowledges ("ok", "aw", "haha", an emoji, a photo), shows
  warmth, understanding, care or interest, answers a question (a reply that is not itself a
  question: "What time are you home?" "Around 6"), or picks up a word of the bid (same first
  five letters, "present" meets "presents"; a shorter word, the start of a longer one, "work"
  meets "working"). Even a minimal acknowledgement counts, as in the research;
- **away**: no reply before the conversation ends, or a reply that does none of this (a change of
  topic).
A hostile turn (criticism, contempt or defensiveness) is no bid, even put as a question or a
request: "Why do you never listen?" asks for nothing. The chat's final turn is left out. Bids are
counted for the person who made them.
"""

from __future__ import annotations

import polars as pl

from nearer.chat.conversations import following, opening
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
_ANSWERS = ("ack", "responsive", "against", "media_message")

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
_BIDS = ("question_yes", "emotional", "factual", "request")
_ENGAGING = ("ack", "responsive", "media_message")
TURN_FLAGS = (*_BIDS, *_ANSWERS)


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
            "understanding_yes", "caring_yes", "exploring", "affection_yes", "positive_yes",
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


def classify(turns: pl.DataFrame, messages: pl.LazyFrame) -> pl.DataFrame:
    """The turns with `bid` (Boolean) and `reply` ("toward", "away", "against"; null if no bid).
    `messages` holds each message's `turn` and `lower`, in order."""
    answered = following(turns.lazy(), (*_ANSWERS, "question_yes")).with_columns(
        # an attack put as a question ("why do you never listen?") asks for no connection
        (pl.any_horizontal(*_BIDS) & ~pl.col("against") & ~pl.col("last")).alias("bid"),
        pl.col("next_against").fill_null(False).alias("_hostile"),
        pl.any_horizontal(
            *(pl.col(f"next_{flag}").fill_null(False) for flag in _ENGAGING),
            pl.col("question_yes") & ~pl.col("next_question_yes").fill_null(True),  # answered
        ).alias("_engaged"),
    )
    # Only a bid answered in its conversation, neither hostile nor engaged otherwise, needs a
    # shared word to decide; reading just those turns and their answers keeps memory low.
    undecided = pl.col("bid") & pl.col("next_in_conversation") & ~pl.col("_hostile")
    pending = answered.filter(undecided & ~pl.col("_engaged")).select("turn").collect()["turn"]
    shared = _sharing(messages, pending)
    engaged = pl.col("_engaged") | pl.col("turn").is_in(shared.implode())
    reply = (
        pl.when(~pl.col("bid"))
        .then(None)
        .when(pl.col("_hostile"))
        .then(pl.lit("against"))
        .when(pl.col("next_in_conversation") & engaged)
        .then(pl.lit("toward"))
        .otherwise(pl.lit("away"))
    )
    return (
        answered.with_columns(reply.alias("reply"))
        .drop("_hostile", "_engaged", "next_question_yes", *(f"next_{flag}" for flag in _ANSWERS))
        .collect()
    )


def opening_stems(messages: pl.LazyFrame) -> dict[str, pl.LazyFrame]:
    """Each turn's distinct stems by kind ({kind: (turn, stem)}) from the words of 3+ letters in
    the turn's first OVERLAP_CHARS characters (its messages' `lower` joined by newlines),
    function words and acknowledgements left out: every word's first five letters ("full"); a
    word of 3 or 4 letters also as itself ("short"), and a longer word's first 3 and 4 letters
    ("start"), so that a short word meets the longer words it begins. `messages` holds whole
    turns, in order. The words are read once; each kind is worked out from them when read."""
    kept = _opening_words(messages).collect().lazy()
    word, short = pl.col("word"), pl.col("word").str.len_chars() < 5
    starts = [
        kept.filter(~short).select("turn", word.str.slice(0, n).alias("stem")) for n in (3, 4)
    ]
    return {
        "full": kept.select("turn", word.str.slice(0, 5).alias("stem")).unique(),
        "short": kept.filter(short).select("turn", word.alias("stem")).unique(),
        "start": pl.concat(starts).unique(),
    }


def _opening_words(messages: pl.LazyFrame) -> pl.LazyFrame:
    """(turn, word): the words of 3+ letters of each turn's opening, function words left out."""
    # A turn's opening lines carry its topic; reading at most OVERLAP_CHARS bounds the cost of
    # very long turns. Each message gives what is left of that budget after the turn's earlier
    # messages and their newlines, so no turn's text is ever joined.
    length = pl.col("lower").str.len_chars().fill_null(0) + 1
    before = length.cum_sum() - length
    offset = before - pl.when(opening(pl.col("turn"))).then(before).forward_fill()
    words = (
        messages.select("turn", "lower", offset.alias("offset"))
        .filter(pl.col("offset") < OVERLAP_CHARS)
        .select(
            "turn",
            pl.col("lower")
            .str.slice(0, OVERLAP_CHARS - pl.col("offset"))
            .str.extract_all(r"[^\W\d_]{3,}")
            .alias("word"),
        )
        .explode("word")
    )
    return words.filter(pl.col("word").is_not_null() & ~pl.col("word").is_in(_STEM_STOP))


#: Which kinds of stem of a bid meet which of its answer: equal stems, or a short word and the
#: start of a longer one, either way round.
_MEETS = (("full", "full"), ("short", "start"), ("start", "short"))


#: Bids whose shared words are read at once: their stems are worked out once for every join,
#: and a batch bounds what that holds (about 20 MB of stems for 100,000 turns and answers).
_BATCH = 100_000


def _sharing(messages: pl.LazyFrame, pending: pl.Series) -> pl.Series:
    """The `pending` turns whose opening stems meet one of the next turn's."""
    return (
        pl.concat(
            [
                _sharing_batch(messages, pending.slice(start, _BATCH))
                for start in range(0, len(pending), _BATCH)
            ],
            how="vertical",
        )
        if len(pending)
        else pending
    )


def _sharing_batch(messages: pl.LazyFrame, pending: pl.Series) -> pl.Series:
    needed = pending.append(pending + 1).implode()  # those turns and their answers
    stems = opening_stems(messages.filter(pl.col("turn").is_in(needed)))
    met = [
        stems[mine]
        .with_columns((pl.col("turn") + 1).alias("next"))
        .join(stems[theirs], left_on=["next", "stem"], right_on=["turn", "stem"], how="semi")
        .select("turn")
        .collect()["turn"]
        for mine, theirs in _MEETS
    ]
    return pl.concat(met).unique()
