"""Is this chat English enough for the English word lists?

Function words (the, and, I, you, to, of...) make up roughly 40–55 % of the words in ordinary
English, chat included, and a few percent in other languages whose words happen to coincide
(German "in", Spanish "me", Dutch "was"). So the share of a chat's words that are on a list of
common English function words separates English from other languages with a wide margin.

Rule: the chat is English when at least `MIN_WORDS` words were written and at least
`MIN_SHARE` (25 %) of them are English function words. A mixed-language chat that is mostly in
another language falls below; one with English in most messages passes. Signals built on English
word lists are then reported as unavailable, with the reason, never computed on the wrong language.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from nearer.chat.tokens import count_words

MIN_SHARE = 0.25
MIN_WORDS = 20

#: Common English function words (our own list): pronouns, articles, auxiliaries, prepositions,
#: conjunctions, negations and a few high-frequency adverbs and quantifiers.
FUNCTION_WORDS = frozenset(
    """
    i me my mine myself we us our ours you your yours he him his she her hers it its they them
    their this that these those what which who whom whose
    a an the
    am is are was were be been being have has had do does did will would shall should can could
    may might must i'm i've i'll i'd you're you've you'll we're we've it's that's don't doesn't
    didn't can't won't isn't aren't wasn't haven't
    to of in on at by for with about from into over after before under up down out off than
    and but or so if because as while when where then
    not no never nothing
    just very too also only really still even now here there all some any much many more most
    how why yes yeah ok okay
    """.split()
)


@dataclass(frozen=True)
class LanguageCheck:
    """`english` decides whether English word-list signals are computed.

    `share` is the fraction (0–1) of words that are English function words; `words` counts the
    words seen; `reason` says, when `english` is False, why the lexicon signals are unavailable.
    """

    english: bool
    share: float
    words: int
    reason: str | None


def check(messages: pl.DataFrame) -> LanguageCheck:
    """Decide from the `lower` and `words` columns of the pair's messages (pair.PAIR_COLUMNS)."""
    totals = messages.select(
        pl.col("words").sum().alias("words"),
        count_words(pl.col("lower"), FUNCTION_WORDS).sum().alias("function"),
    ).row(0)
    words, function = int(totals[0] or 0), int(totals[1] or 0)
    share = function / words if words else 0.0
    if words < MIN_WORDS:
        reason = f"too little text to tell the language ({words} words; {MIN_WORDS} needed)"
        return LanguageCheck(False, share, words, reason)
    if share < MIN_SHARE:
        reason = (
            f"the chat does not look like English ({share:.0%} of its words are common English "
            f"words; {MIN_SHARE:.0%} needed), and these signals use English word lists"
        )
        return LanguageCheck(False, share, words, reason)
    return LanguageCheck(True, share, words, None)
