"""Which two people the analysis is about, and their messages as the later stages read them.

The analyser reads a couple: exactly two people. A one-to-one chat names them itself; a group chat
(more than two people sent messages) needs the caller to pick two, and otherwise gets a
`ChatChoiceError` listing everyone who wrote.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

import polars as pl

from nearer.chat.misdated import MISDATED
from nearer.chat.records import SENT_KINDS, ParsedChat
from nearer.chat.tokens import lowered, word_count

#: The table every later stage starts from: the pair's sent messages in file order, plus
#: `lower` (the text as the word lists read it) and `words` (UInt32 word count).
PAIR_COLUMNS = ("index", "timestamp", "author", "text", "kind", "lower", "words")


class ChatChoiceError(ValueError):
    """The chat is not one couple's: too few people, or a group without a chosen pair."""

    def __init__(self, message: str, participants: Sequence[str]) -> None:
        self.participants = tuple(participants)
        super().__init__(message)


@dataclass(frozen=True)
class Pair:
    """The two people analysed, in report order: `me` first when given, else most messages."""

    first: str
    second: str

    @property
    def names(self) -> tuple[str, str]:
        return (self.first, self.second)


def choose_pair(
    participants: Sequence[str], pair: tuple[str, str] | None = None, me: str | None = None
) -> Pair:
    """The pair to analyse from the people who sent messages (most messages first).

    Raises ChatChoiceError when fewer than two people wrote, when more than two wrote and no
    `pair` is given, or when `pair` or `me` names someone who sent nothing.
    """
    people = list(participants)
    listed = listing(people) if people else "nobody"
    me = None if me is None else as_written(me, people)
    pair = None if pair is None else (as_written(pair[0], people), as_written(pair[1], people))
    if pair is not None:
        chosen = _checked(pair, people, listed)
    elif len(people) == 2:
        chosen = (people[0], people[1])
    elif len(people) < 2:
        raise ChatChoiceError(f"needs messages from two people; found {listed}", people)
    else:
        raise ChatChoiceError(
            f"{len(people)} people wrote in this chat ({listed}); choose the two to analyse",
            people,
        )
    if me is not None and me not in chosen:
        raise ChatChoiceError(f'"{me}" is not one of the pair ({listing(chosen)})', people)
    first, second = chosen
    return Pair(second, first) if me == second else Pair(first, second)


def listing(names: Sequence[str]) -> str:
    """Names separated by commas, one with a comma of its own ("Smith, Ana") in quotes, so the
    list reads as many names as it holds."""
    return ", ".join(f'"{name}"' if "," in name else name for name in names)


def as_written(name: str, people: Sequence[str]) -> str:
    """`name` as the chat writes it: itself when someone wrote under it, else the one person
    whose name it is but for case, spacing or Unicode form ("alice" for "Alice"); otherwise
    unchanged, for the caller to refuse."""
    if name in people:
        return name
    wanted = folded(name)
    same = [person for person in people if folded(person) == wanted]
    return same[0] if len(same) == 1 else name


def folded(name: str) -> str:
    """A name as compared with what someone typed: case, spacing and Unicode form evened out."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _checked(pair: tuple[str, str], people: list[str], listed: str) -> tuple[str, str]:
    if len(set(pair)) != 2:
        raise ChatChoiceError("the pair must be two different people", people)
    missing = [name for name in pair if name not in people]
    if missing:
        raise ChatChoiceError(
            f'"{missing[0]}" sent no messages; people in this chat: {listed}', people
        )
    first, second = sorted(pair, key=people.index)  # most messages first, as without a pair
    return first, second


def only_pair(parsed: ParsedChat, pair: tuple[str, str]) -> ParsedChat:
    """`parsed` with the messages of anyone outside `pair` left out (lines without an author,
    such as system lines, stay): what the couple's own summary counts in a group chat."""
    kept = pl.col("author").is_in(list(pair)) | pl.col("author").is_null()
    return replace(parsed, messages=parsed.messages.filter(kept))


def pair_messages(messages: pl.DataFrame, pair: Pair) -> pl.DataFrame:
    """The pair's sent messages (records.SENT_KINDS) in the parser's order, with `lower` and
    `words`.

    The order is never changed: file order is the conversation's order even where a clock jumped
    back (WhatsApp writes some lines out of time order); later stages guard against the jumps.

    Media, deleted and edited messages stay: they are activity. `lower` and `words` are empty for
    a media message without caption and for a deleted one.
    """
    return (
        messages.filter(
            pl.col("kind").is_in(SENT_KINDS)
            & pl.col("author").is_in(pair.names)
            & pl.col("timestamp").is_not_null()  # a message with no time cannot be placed
        )
        .select(
            "index",
            "timestamp",
            "author",
            pl.col("text").fill_null(""),
            pl.col("kind"),
            lowered(pl.col("text").fill_null("")).alias("lower"),
            *([MISDATED] if MISDATED in messages.columns else []),
        )
        .with_columns(word_count(pl.col("lower")).alias("words"))
    )
