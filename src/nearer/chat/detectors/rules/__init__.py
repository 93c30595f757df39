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

import functools
import operator

import polars as pl

from nearer.chat.detectors.rules import asking, conflict, warmth
from nearer.chat.plain import ascii_boundaries, contains, plain, reads_plain

RULES: dict[str, str] = {**asking.RULES, **conflict.RULES, **warmth.RULES}
_CASED = {"shouts"}  # rules that look at letter case


# A rule that holds unless one of its exceptions matches, as polars regexes have no look-around:
# applied in order, so an exception may have its own ("do you ever listen to me?" blames after
# all).
UNLESS: dict[str, tuple[str, ...]] = {
    "asks_habit": ("habit_blame",),
    "moved_thanks": ("laughs", "unthankful", "mocks"),
    "social_formula": ("moved_thanks",),
}


# A rule that counts only outside the matches of another where that one holds (after UNLESS):
# the "you always" of a curious "do you always sing in the shower?" blames no one, but blame
# elsewhere in the message still does ("you never listen. do you always sing?").
OUTSIDE: dict[str, str] = {"always_never": "asks_habit"}


def rule_signals(texts: pl.Series) -> pl.DataFrame:
    """One row per text, in order: an "r:<rule>" Float64 column (0/1) per rule in RULES, each
    rule in UNLESS 0.0 where one of its exceptions matches, each rule in OUTSIDE matched with the
    text its other rule matched blanked out where that rule holds."""
    text = texts.cast(pl.String).fill_null("").str.replace_all("[’‘`´]", "'")
    # Matching lower-cased text is much faster than case-insensitive matching, and plain text
    # (nearer.chat.plain) faster again.
    frame = pl.DataFrame({"text": text}).with_columns(
        pl.col("text").str.to_lowercase().alias("lower")
    )
    frame = frame.with_columns(plain(pl.col("lower")).alias("plain"))
    frame = frame.select(
        _matches(name, pattern).cast(pl.Float64).alias(f"r:{name}")
        for name, pattern in RULES.items()
    ).hstack(_outside(frame))
    for rule, exceptions in UNLESS.items():
        excused = pl.max_horizontal(pl.col(f"r:{name}") for name in exceptions)
        frame = frame.with_columns(pl.col(f"r:{rule}") * (1.0 - excused))
    return frame.select(_held(rule) for rule in RULES)


def _matches(name: str, pattern: str) -> pl.Expr:
    """Where the rule's pattern matches: in plain text where it can read it, else in the text."""
    if name in _CASED:
        return pl.col("text").str.contains(pattern)
    return contains(pattern, pl.col("lower"), pl.col("plain"))


def _held(rule: str) -> pl.Expr:
    """The rule's column, read outside its OUTSIDE rule's matches where that rule holds."""
    if rule not in OUTSIDE:
        return pl.col(f"r:{rule}")
    inside = pl.col(f"r:{OUTSIDE[rule]}") > 0.0
    return pl.when(inside).then(f"outside:{rule}").otherwise(f"r:{rule}").alias(f"r:{rule}")


def holds(rule: str, lower: pl.Series) -> pl.Series:
    """Whether each text of `lower` (lowercased with straight apostrophes, as tokens.lowered
    gives it) matches `rule` and none of its exceptions in UNLESS, as rule_signals reads it
    (Boolean; null for null text). Not for the rules that look at case.

    The exceptions are read only in the texts the rule matched: a rule such as a bare social
    formula matches few messages, and its exceptions' patterns cost far more than its own."""
    if rule in _CASED:
        raise ValueError(f"{rule!r} looks at letter case; lowercased text cannot hold it")
    found = lower.str.contains(RULES[rule])
    exceptions = UNLESS.get(rule, ())
    if not exceptions:
        return found
    where = found.fill_null(False).arg_true()
    matched = lower.gather(where)
    excused = functools.reduce(operator.or_, (holds(name, matched) for name in exceptions))
    return found.scatter(where, ~excused)


def _outside(frame: pl.DataFrame) -> list[pl.Series]:
    """Each rule in OUTSIDE (0/1) on the text with its other rule's matches blanked out."""
    return [
        _blanked(frame, rule, inside).cast(pl.Float64).alias(f"outside:{rule}")
        for rule, inside in OUTSIDE.items()
    ]


def _blanked(frame: pl.DataFrame, rule: str, inside: str) -> pl.Series:
    """Whether `rule` matches once `inside`'s matches are blanked out."""
    both = (RULES[inside], RULES[rule])
    if all(map(reads_plain, both)):
        blank, pattern = map(ascii_boundaries, both)
        return frame["plain"].str.replace_all(blank, " ").str.contains(pattern)
    return frame["lower"].str.replace_all(both[0], " ").str.contains(both[1])
