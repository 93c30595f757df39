"""Self-disclosure of feelings and of facts, and how the partner's next turn responds.

The interpersonal process model (Reis & Shaver; Laurenceau 1998): intimacy grows when one
partner discloses and the other responds with understanding, validation and care; disclosing
feelings predicted intimacy more than disclosing facts.

Per turn: an **emotional disclosure** has at least one message the detector reads as sharing a
feeling; a **factual disclosure** shares something personal without a feeling. The response is
the other person's next turn in the same conversation: it may show understanding, caring
(validation and care) or ask more (**exploring**: a question the detector reads as asking more,
unless it is about errands, bills or times — "did you pay the bill?" changes the subject — or is
criticism or contempt: "what is wrong with you?" asks nothing); a turn
with none of these is "another reply"; no turn before the conversation ends is "no response".
The chat's final turn is left out: the export cannot show its answer.
"""

from __future__ import annotations

import polars as pl

from nearer.chat.conversations import following
from nearer.chat.metrics import Metric
from nearer.chat.periods import by_person_and_couple, per_100, share

RESPONSES = ("understanding_yes", "caring_yes", "exploring")

METRICS = (
    Metric("emotional_disclosures", "Feelings shared", "count", count=True),
    Metric("factual_disclosures", "Personal news shared", "count", count=True),
    Metric("emotional_disclosures_per_100", "Feelings shared", "per 100 messages",
           closer="higher", trend=True, min_spread=1.0),
    Metric("emotional_share", "Feelings among everything shared", "%", closer="higher",
           min_spread=3.0),
    Metric("disclosures_met", "Feelings met with understanding, care or a question", "count",
           count=True),
    Metric("met_understanding", "Feelings met with understanding", "count", count=True),
    Metric("met_caring", "Feelings met with care", "count", count=True),
    Metric("met_asking_more", "Feelings met with a question", "count", count=True),
    Metric("disclosures_unanswered", "Feelings with no response", "count", count=True),
    Metric("disclosures_met_share", "Feelings met with understanding, care or a question", "%",
           closer="higher", trend=True, min_spread=5.0),
    Metric("disclosures_unanswered_share", "Feelings with no response", "%", closer="lower",
           min_spread=5.0),
)  # fmt: skip
TURN_FLAGS = ("emotional", "factual", *RESPONSES)


def mark(frame: pl.LazyFrame) -> pl.LazyFrame:
    """Adds emotional and factual (Boolean; a message is one or the other, feelings first), and
    exploring (asking more, not about errands: the `errands` column signals.mark adds, and not
    an attack put as a question: "what is wrong with you?" is criticism, not interest)."""
    emotional = pl.col("emotional_disclosure_yes")
    hostile = pl.col("criticism_yes") | pl.col("contempt_yes")
    return frame.with_columns(
        emotional.alias("emotional"),
        (pl.col("factual_disclosure_yes") & ~emotional).alias("factual"),
        (pl.col("asking_more_yes") & ~pl.col("errands") & ~hostile).alias("exploring"),
    )


def measure(frame: pl.LazyFrame, turns: pl.LazyFrame) -> pl.LazyFrame:
    """Counted per discloser: how their disclosures were answered."""
    answered = following(turns, RESPONSES)
    emotional = pl.col("emotional") & ~pl.col("last")
    met = {name: pl.col(f"next_{flag}").fill_null(False) for name, flag in _MET.items()}
    counts = by_person_and_couple(
        answered,
        [
            pl.col("messages").sum().alias("_messages"),
            emotional.sum().cast(pl.UInt32).alias("emotional_disclosures"),
            (pl.col("factual") & ~pl.col("emotional") & ~pl.col("last"))
            .sum()
            .cast(pl.UInt32)
            .alias("factual_disclosures"),
            (emotional & pl.any_horizontal(*met.values()))
            .sum()
            .cast(pl.UInt32)
            .alias("disclosures_met"),
            *((emotional & hit).sum().cast(pl.UInt32).alias(name) for name, hit in met.items()),
            (emotional & ~pl.col("next_in_conversation"))
            .sum()
            .cast(pl.UInt32)
            .alias("disclosures_unanswered"),
        ],
    )
    return (
        counts.with_columns(
            per_100("emotional_disclosures", "_messages").alias("emotional_disclosures_per_100"),
            share("disclosures_met", "emotional_disclosures").alias("disclosures_met_share"),
            share("disclosures_unanswered", "emotional_disclosures").alias(
                "disclosures_unanswered_share"
            ),
            (pl.col("emotional_disclosures") + pl.col("factual_disclosures")).alias("_shared"),
        )
        .with_columns(share("emotional_disclosures", "_shared").alias("emotional_share"))
        .drop("_messages", "_shared")
    )


_MET = {
    "met_understanding": "understanding_yes",
    "met_caring": "caring_yes",
    "met_asking_more": "exploring",
}
