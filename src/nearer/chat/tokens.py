"""Words as the word lists see them: lowercase text, straight apostrophes, whole-word matches.

Every lexicon signal reads the `lower` column that `lowered` builds, and counts with `count_words`,
so "Don’t" and "don't" match the same entry and "us" never matches inside "bus".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import polars as pl

#: A word: letters (any script, with their combining marks) starting at a word boundary, with
#: inner apostrophes ("don't" is one word). Digits and emoji are not words, nor is a token that
#: starts with a digit, so "at 6pm" has one word and "❤️" none; a token that starts with a letter
#: counts once whatever digits follow, so chat's "gr8", "l8r" and "b4" are a word each.
WORD = r"\b\p{L}[\p{L}\p{M}]*(?:'\p{L}[\p{L}\p{M}]*)*"
# WORD's opening `\b` before a letter means "at the start or after a non-word character", and
# the character before a word is never part of the word before it: matching that character
# too counts the same words, and spares the regex engine its slow Unicode word boundary.
_WORD_AFTER = r"(?:^|\W)" + WORD.removeprefix(r"\b")
_ALNUM = re.compile(r"[a-z0-9]")


def lowered(text: pl.Expr) -> pl.Expr:
    """Lowercase with typographic apostrophes made straight; null stays null."""
    return text.str.to_lowercase().str.replace_all("[’‘`´]", "'")


def word_count(lower: pl.Expr) -> pl.Expr:
    """Words in each text (UInt32); 0 for empty or null text."""
    return lower.str.count_matches(_WORD_AFTER).fill_null(0).cast(pl.UInt32)


def alternation(phrases: Iterable[str]) -> str:
    """A whole-word regex for these lowercase words or phrases; longest first so phrases win."""
    return r"\b" + _either(phrases) + r"\b"


def found_alternation(phrases: Iterable[str]) -> str:
    """`alternation` for finding whether a text holds a phrase, never for counting: as in
    `_WORD_AFTER`, its word boundaries are the characters around the phrase (or the text's ends),
    matched with it, which spares the regex engine its slow Unicode word boundary. A boundary
    before a phrase's first character means that only where that character is a letter or a
    digit, so every phrase must start and end with one."""
    phrases = [p.strip() for p in phrases if p.strip()]
    if not all(_ALNUM.match(p[0]) and _ALNUM.match(p[-1]) for p in phrases):
        raise ValueError("a found_alternation phrase starts or ends with a non-word character")
    return r"(?:^|\W)" + _either(phrases) + r"(?:\W|$)"


def _either(phrases: Iterable[str]) -> str:
    ordered = sorted({p.strip() for p in phrases if p.strip()}, key=lambda p: (-len(p), p))
    escaped = (re.escape(p).replace(r"\ ", r"\s+") for p in ordered)
    return "(?:" + "|".join(escaped) + ")"


def count_words(lower: pl.Expr, phrases: Iterable[str]) -> pl.Expr:
    """How many times any of the phrases occurs as whole words (UInt32)."""
    return lower.str.count_matches(alternation(phrases)).fill_null(0).cast(pl.UInt32)


def has_words(lower: pl.Expr, phrases: Iterable[str]) -> pl.Expr:
    """True where any of the phrases occurs as whole words; False for null text."""
    return lower.str.contains(found_alternation(phrases)).fill_null(False)
