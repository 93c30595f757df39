"""Plain text: the same regex matches, at the fast automaton's speed.

The regex engine's fast automaton cannot see a Unicode word boundary (`\\b`) past a character
outside ASCII, and falls back to a much slower one for every such text: a fifth of a chat's
messages, with their emoji and accents. `plain` stands in for each character outside ASCII with an
ASCII one of its kind — a word character for a letter, mark or digit, a space character for a
space, another character for the rest — so an ASCII pattern with ASCII word boundaries
(`ascii_boundaries`) matches plain text exactly where the pattern matches the text itself.
`reads_plain` says which patterns can; `contains` splits a pattern into the alternatives that can
and those that cannot (an emoji, an accented word) and reads each where it must.
"""

from __future__ import annotations

import functools
import re

import polars as pl

#: What `plain` puts for a letter, mark or digit outside ASCII; for a space; for anything else.
_WORDLIKE, _SPACE, _OTHER = "_", "\x0b", "\x7f"
# What a pattern must not hold to read plain text as it reads the text: characters outside ASCII;
# classes or escapes naming them (\p, \x, \u, Unicode digits) or the stand-ins (\v, a range
# other than a-z, A-Z or 0-9, which may span "_", "\x0b" or "\x7f"); POSIX classes, which are
# ASCII only; flags that fold case, leave Unicode or read comments (a "|" in a comment would cut
# a branch); \b{…} boundaries; the stand-ins themselves; an escaped backslash.
_NOT_PLAIN = re.compile(
    r"[^\x00-\x7f]|\\[pPxuUdDv\\]|\(\?[a-zA-Z-]*[iuxUR]|\[:\^?[a-z]+:\]|\\b\{|_|\x0b|\x7f"
)
# A class, "[^a-z0-9'-]" (a class inside a class is refused as "[:" or left whole), and a range
# in one.
_CLASS = re.compile(r"\[\^?\]?(?:\\.|[^\]\\])*\]")
_RANGE = re.compile(r"(\\.|[^\\])-(\\.|[^\\\]])")
_PLAIN_RANGES = {("a", "z"), ("A", "Z"), ("0", "9")}
# A group of flags for the rest of the pattern, "(?s)", as a pattern may open with.
_FLAGS = re.compile(r"\(\?[a-zA-Z-]+\)")


def plain(lower: pl.Expr) -> pl.Expr:
    """The text with every character outside ASCII stood in for by an ASCII one of its kind."""
    return (
        lower.str.replace_all(r"[^\x00-\x7F\W]", _WORDLIKE)
        .str.replace_all(r"[^\x00-\x7F\S]", _SPACE)
        .str.replace_all(r"[^\x00-\x7F]", _OTHER)
    )


def reads_plain(pattern: str) -> bool:
    """Whether `ascii_boundaries(pattern)` matches plain text exactly where `pattern` matches
    the text itself."""
    if _NOT_PLAIN.search(pattern):
        return False
    ranges = (_RANGE.findall(found.group()[1:-1]) for found in _CLASS.finditer(pattern))
    return all(tuple(pair) in _PLAIN_RANGES for found in ranges for pair in found)


def ascii_boundaries(pattern: str) -> str:
    """`pattern` with its word boundaries made ASCII ones, for plain text (see reads_plain)."""
    if not reads_plain(pattern):
        raise ValueError(f"this pattern cannot read plain text: {pattern[:60]!r}")
    return pattern.replace(r"\b", r"(?-u:\b)").replace(r"\B", r"(?-u:\B)")


def contains(pattern: str, text: pl.Expr, plain_text: pl.Expr) -> pl.Expr:
    """Where `pattern` matches `text`, reading the alternatives it can in `plain_text` (the
    text's `plain` form). Null text gives null."""
    fast, slow = _parted(pattern)
    found = [plain_text.str.contains(fast)] if fast else []
    found += [text.str.contains(slow)] if slow else []
    return pl.any_horizontal(found) if len(found) > 1 else found[0]


@functools.cache
def _parted(pattern: str) -> tuple[str | None, str | None]:
    """The pattern's alternatives that read plain text (with ASCII word boundaries) and the
    others, each joined into one pattern; None where there are none."""
    cut = branches(pattern)
    fast = [branch for branch in cut if reads_plain(branch)]
    slow = [branch for branch in cut if not reads_plain(branch)]
    return (ascii_boundaries("|".join(fast)) if fast else None), ("|".join(slow) or None)


def branches(pattern: str) -> list[str]:
    """The pattern's alternatives at its top level, each carrying the flags it opens with; the
    whole pattern, uncut, where flags are set anywhere after its opening."""
    opening = _FLAGS.match(pattern)
    flags = opening.group() if opening else ""
    rest = pattern[len(flags) :]
    if _FLAGS.search(rest):
        return [pattern]
    return [flags + part for part in _top_level_split(rest)]


def _top_level_split(pattern: str) -> list[str]:
    """The pattern cut at each `|` outside groups and classes."""
    parts, start, depth, in_class, index = [], 0, 0, 0, 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class += {"[": 1, "]": -1}.get(char, 0)
        elif char == "[":
            in_class = 1
            if pattern[index + 1 : index + 2] == "]" or pattern[index + 1 : index + 3] == "^]":
                index += 2 if pattern[index + 1] == "]" else 3  # "[]…]", "[^]…]": a literal ]
                continue
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
        index += 1
    return [*parts, pattern[start:]]
