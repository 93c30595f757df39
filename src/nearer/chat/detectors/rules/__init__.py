"""Phrase rules the word lists cannot express, applied to all texts at once: "r:<rule>" is 1.0
where the text matches the rule's pattern and 0.0 elsewhere.

The patterns are data, one module per kind of act: asking (questions, asking to hear more,
advice), conflict (blame, defence, scorn, insults, mock praise, sarcasm, and the praise, comfort
and apologies that borrow their words) and warmth (understanding, validation, thanks, formulas,
sympathy, tenderness); address holds how a message names the partner. They were written by
reading how people phrase these acts, and checked against the evaluation sets' errors (never
fitted to them).
"""

from __future__ import annotations

import polars as pl

from nearer.chat.detectors.rules import asking, conflict, warmth

RULES: dict[str, str] = {**asking.RULES, **conflict.RULES, **warmth.RULES}
_CASED = {"shouts"}  # rules that look at letter case


# A rule that holds unless one of its exceptions matches, as polars regexes have no look-around:
# applied in order, so an exception may have its own ("do you ever listen to me?" blames after
# all).
UNLESS: dict[str, tuple[str, ...]] = {
    "asks_habit": ("habit_blame",),
    "always_never": ("asks_habit",),
    "moved_thanks": ("laughs", "unthankful"),
    "social_formula": ("moved_thanks",),
}


def rule_signals(texts: pl.Series) -> pl.DataFrame:
    """One row per text, in order: an "r:<rule>" Float64 column (0/1) per rule in RULES, each
    rule in UNLESS 0.0 where one of its exceptions matches."""
    text = texts.cast(pl.String).fill_null("").str.replace_all("[’‘`´]", "'")
    # Matching lower-cased text is much faster than case-insensitive matching.
    frame = pl.DataFrame({"text": text, "lower": text.str.to_lowercase()})
    frame = frame.select(
        pl.col("text" if name in _CASED else "lower")
        .str.contains(pattern)
        .cast(pl.Float64)
        .alias(f"r:{name}")
        for name, pattern in RULES.items()
    )
    for rule, exceptions in UNLESS.items():
        excused = pl.max_horizontal(pl.col(f"r:{name}") for name in exceptions)
        frame = frame.with_columns(pl.col(f"r:{rule}") * (1.0 - excused))
    return frame
