"""Small explicit chats for the analyser's tests, built by `make_*` functions.

The cast: sam and alex, a couple. A message row is (minutes after MONDAY 09:00, author, text) or
(minutes, author, text, kind); `author` None is a system line.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

import polars as pl
import pytest

from nearer.chat import demo, signals
from nearer.chat.conversations import annotate
from nearer.chat.language import check
from nearer.chat.pair import Pair, choose_pair, pair_messages
from nearer.chat.pipeline import analyze_parsed
from nearer.chat.records import ChatFile, ParsedChat, TableBuilder
from nearer.chat.report import Report

SAM, ALEX = "Sam", "Alex"
MONDAY = datetime(2024, 3, 4, 9, 0)  # noqa: DTZ001 - chats are naive local time; a Monday
Row = tuple[float, str | None, str] | tuple[float, str | None, str, str]


def at(minutes: float) -> datetime:
    return MONDAY + timedelta(minutes=minutes)


def make_table(rows: Iterable[Row]) -> pl.DataFrame:
    """The normalised message table (records.SCHEMA) for these rows, in this order."""
    builder = TableBuilder()
    for line, row in enumerate(rows, start=1):
        minutes, author, text = row[0], row[1], row[2]
        kind = row[3] if len(row) == 4 else ("system" if author is None else "text")
        builder.add(at(minutes), author, text, kind, line)
    return builder.build()


def make_chat(rows: Iterable[Row], title: str | None = None) -> ParsedChat:
    return ParsedChat("whatsapp", make_table(rows), date_order="dmy", title=title)


def make_messages(rows: Iterable[Row]) -> pl.DataFrame:
    """The pair's messages annotated with conversations and turns (conversations.annotate)."""
    chat = make_chat(rows)
    return annotate(pair_messages(chat.messages, choose_pair(chat.participants)))


#: Stand-in detectors for testing the signal logic: plain keyword rules, so a test's verdicts
#: do not move when the real (learnt) detectors improve. Responsiveness needs a context.
KEYWORDS = {
    "emotional_disclosure": r"\bi\s*(?:'m|am|feel|felt)\b.*"
    r"\b(?:sad|anxious|lonely|worried|nervous|stressed)\b",
    "factual_disclosure": r"\b(?:my|i)\b",
    "gratitude": r"\b(?:thanks|thank you|grateful)\b",
    "caring": r"\b(?:i'm sorry|hugs|that sucks|here for you|sounds hard)\b",
    "understanding": r"\b(?:i understand|makes sense)\b",
    "asking_more": r"\?",
    "contempt": r"\b(?:whatever|ridiculous|pathetic|grow up)\b|🙄",
    "criticism": r"\byou (?:always|never)\b",
    "defensiveness": r"\b(?:that's not true|not my fault)\b",
    "affection": r"\b(?:love you|miss you|babe)\b|❤|😘|🥰",
    "apology": r"\b(?:sorry|my bad)\b",
    "positive": r"\b(?:great|love|happy|lovely|amazing|proud|best)\b",
    "negative": r"\b(?:sad|hate|awful|stressed|exhausted)\b",
    "question": r"\?",
}
RESPONSIVE = ("caring", "understanding", "asking_more")


def keyword_detect(texts: pl.Series, contexts: pl.Series | None = None) -> pl.DataFrame:
    """The detectors' contract (chat.detectors.detect) with KEYWORDS as the rules."""
    answers = (
        contexts.is_not_null() if contexts is not None else pl.repeat(False, len(texts), eager=True)
    )
    frame = pl.DataFrame({"t": texts.str.to_lowercase().str.replace_all("’", "'"), "c": answers})
    return frame.select(
        (pl.col("t").str.contains(rule) & (pl.col("c") if name in RESPONSIVE else True)).alias(
            f"{name}_yes"
        )
        for name, rule in KEYWORDS.items()
    )


def make_marked(rows: Iterable[Row], english: bool | None = None) -> signals.Marked:
    """Annotated and marked by every signal family (signals.mark) with the keyword detectors;
    the language is checked unless `english` says."""
    chat = make_chat(rows)
    pair = choose_pair(chat.participants)
    messages = annotate(pair_messages(chat.messages, pair))
    is_english = check(messages).english if english is None else english
    return signals.mark(messages, pair, is_english, keyword_detect)


def make_pair() -> Pair:
    return Pair(SAM, ALEX)


def measure(rows: Iterable[Row], english: bool = True) -> dict[str | None, dict[str, object]]:
    """Whole-chat metrics per person name (None: the couple) for these rows."""
    marked = make_marked(rows, english)
    table = signals.settle(signals.measure(marked, pl.lit(MONDAY.date())), english)
    return {row["person"]: row for row in table.iter_rows(named=True)}


def exchange(start: float, *lines: tuple[str, str], gap: float = 2) -> list[Row]:
    """Consecutive messages `gap` minutes apart from `start`."""
    return [(start + i * gap, author, text) for i, (author, text) in enumerate(lines)]


def daily(days: int, lines: Sequence[tuple[str, str]], first_day: int = 0) -> list[Row]:
    """The same exchange every day at 09:00, for `days` days."""
    rows: list[Row] = []
    for day in range(first_day, first_day + days):
        rows += exchange(day * 24 * 60, *lines)
    return rows


def demo_table(start: date = date(2024, 1, 8), days: int = 120) -> pl.DataFrame:
    """The demo chat as a message table, classified as the WhatsApp parser would."""
    builder = TableBuilder()
    edited = " <This message was edited>"
    for line, (moment, author, text) in enumerate(demo.messages(start, days), start=1):
        kind = "system" if author is None else "text"
        if text == "<Media omitted>":
            kind, text = "media", ""
        elif text == "This message was deleted":
            kind, text = "deleted", ""
        elif text.endswith(edited):
            kind, text = "edited", text.removesuffix(edited)
        builder.add(moment, author, text, kind, line)
    return builder.build()


def demo_file(start: date = date(2024, 1, 8)) -> ChatFile:
    return ChatFile(demo.file_name(), demo.generate(start))


@pytest.fixture(scope="session")
def demo_report() -> Report:
    """The demo couple's whole report (about 120 days), read with the keyword detectors."""
    return analyze_parsed(ParsedChat("whatsapp", demo_table()), detector=keyword_detect)
