"""Near-duplicate detection for content text.

Two texts are near-duplicates when the Jaccard similarity of their content-word sets reaches
`NEAR_DUPLICATE_AT`. Content words are lower-cased alphabetic words minus common function words,
so "What made you smile today?" and "What made you laugh today?" share {made, today} of
{made, smile, laugh, today}: 0.5, allowed; a reworded copy of the same question is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

NEAR_DUPLICATE_AT = 0.6

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")

FUNCTION_WORDS = frozenset(
    """
    a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its itself
    just me more most my myself no nor not now of off on once only or other our ours ourselves out
    over own same she should so some such than that the their theirs them themselves then there
    these they this those through to too under until up very was we were what when where which
    while who whom why will with would you your yours yourself yourselves you're i'm it's that's
    what's there's let's don't can't won't isn't didn't doesn't one ever something someone thing
    things way time times us
    """.split()
)


def content_words(text: str) -> frozenset[str]:
    """The set of lower-cased words in `text` that are not function words."""
    words = _WORD.findall(text.lower())
    return frozenset(w for w in words if w not in FUNCTION_WORDS)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|a ∩ b| / |a ∪ b| in [0, 1]; two empty sets count as identical (1.0)."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def near_duplicates(
    texts: Iterable[tuple[str, str]], threshold: float = NEAR_DUPLICATE_AT
) -> Iterator[tuple[str, str, float]]:
    """Yield (id_a, id_b, similarity) for every pair of (id, text) at or above `threshold`."""
    sets = [(key, content_words(text)) for key, text in texts]
    for i, (key_a, words_a) in enumerate(sets):
        for key_b, words_b in sets[i + 1 :]:
            score = jaccard(words_a, words_b)
            if score >= threshold:
                yield key_a, key_b, score
