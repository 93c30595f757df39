"""The published lexicon tools the chat-analyser issue compares nearer with, where they apply.

VADER (Hutto & Gilbert, 2014; the `vaderSentiment` package) scores sentiment from -1 to 1 (its
"compound" score); NRCLex (the `nrclex` package) looks words up in the NRC Emotion Lexicon
(Mohammad & Turney) and counts the emotion categories they carry. Both are installed as nearer's
`eval` extra for `make eval` alone, never imported by the package. NRCLex is handed nearer's own
lower-case words (`load_token_list`), so TextBlob and NLTK data are never needed.

Where each applies, and its decision (the tools' own usual cut-offs):
- positive tone: VADER compound >= 0.05; NRC words of positive, joy or trust.
- negative tone: VADER compound <= -0.05; NRC words of negative, anger, fear, sadness or disgust.
- emotional disclosure: |VADER compound| >= 0.05 (any feeling); NRC words of any of its eight
  emotions.
- contempt and criticism: VADER compound <= -0.05; NRC words of anger or disgust.
The score for ROC-AUC is the compound score turned the way the signal asks (its negative for
negative tone, contempt and criticism, its size for disclosure), and for NRC the number of
different matching words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

VADER = "VADER (compound score)"
NRC = "NRCLex (NRC emotion words)"
CUT = 0.05  # VADER's authors: compound >= 0.05 positive, <= -0.05 negative
EMOTIONS = ("anger", "anticipation", "disgust", "fear", "joy", "sadness", "surprise", "trust")


@dataclass(frozen=True)
class Applies:
    """How one signal is read from VADER's compound score and which NRC categories count."""

    compound: Callable[[float], float]
    categories: tuple[str, ...]


APPLIES = {
    "positive": Applies(lambda c: c, ("positive", "joy", "trust")),
    "negative": Applies(lambda c: -c, ("negative", "anger", "fear", "sadness", "disgust")),
    "emotional_disclosure": Applies(abs, EMOTIONS),
    "contempt": Applies(lambda c: -c, ("anger", "disgust")),
    "criticism": Applies(lambda c: -c, ("anger", "disgust")),
}


def baseline_scores(signal: str, texts: pl.Series) -> list[tuple[str, pl.Series, pl.Series]]:
    """(method, score, decision) for each tool that applies to `signal`; none where neither
    does or the tools are not installed."""
    applies = APPLIES.get(signal)
    if applies is None:
        return []
    rows = []
    compound = vader_compound(texts)
    if compound is not None:
        turned = pl.Series([applies.compound(c) for c in compound], dtype=pl.Float64)
        rows.append((VADER, turned, turned >= CUT))
    counts = nrc_counts(texts, applies.categories)
    if counts is not None:
        rows.append((NRC, counts.cast(pl.Float64), counts >= 1))
    return rows


def vader_compound(texts: pl.Series) -> list[float] | None:
    """VADER's compound score of each text; None when vaderSentiment is not installed."""
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        return None
    analyser = SentimentIntensityAnalyzer()
    return [analyser.polarity_scores(text or "")["compound"] for text in texts.to_list()]


def nrc_counts(texts: pl.Series, categories: tuple[str, ...]) -> pl.Series | None:
    """How many different words of each text carry one of `categories` in the NRC lexicon;
    None when nrclex is not installed."""
    try:
        from nrclex import NRCLex
    except ImportError:
        return None
    lexicon = NRCLex()
    wanted = set(categories)
    words = texts.fill_null("").str.to_lowercase().str.extract_all(r"[a-z]+(?:'[a-z]+)?")
    counts = []
    for tokens in words.to_list():
        lexicon.load_token_list(tokens or [])
        counts.append(sum(1 for word in lexicon.affect_dict.values() if wanted & set(word)))
    return pl.Series(counts, dtype=pl.Int64)
