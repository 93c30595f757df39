"""Which two people the analysis is about, and their messages as the later stages read them.

The analyser reads a couple: exactly two people. A one-to-one chat names them itself; a group chat
(more than two people sent messages) needs the caller to pick two, and otherwise gets a
`ChatChoiceError` listing everyone who wrote.

People who go by one display name are labelled apart by the parsers ("Alex", "Alex (2)", …,
parsers/people.py). Their name alone ("Alex", the name they would type) is theirs all alike,
so it chooses none of them (`namesakes`): each is chosen by their number (`choosable`). Names
alike but for case or an invisible character ("Alex", "alex") are namesakes too, and the
parsers number none of them; so each one without a number gets the lowest that none of its
namesakes carries, in the order the chat lists people: "Alex (1)", "alex (3)" beside
"Alex (2)". Once a chat is parsed, they carry those labels on their rows too
(`numbered_apart`), so a report names them as the choice lists them.

Exports without ids cannot label them apart: Messenger, Instagram and Signal write two "Alex"
as one. Where the export shows it (records.Alike), a pair with that name is refused
(`told_apart`), since one's messages would count as the other's; a pair of two others is
analysed, with a warning that the chat's own figures count the name as one person.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

import polars as pl

from nearer.chat.caveats import Caveat, Kind
from nearer.chat.misdated import MISDATED
from nearer.chat.records import SENT_KINDS, Alike, ParsedChat
from nearer.chat.sender_names import INVISIBLE
from nearer.chat.tokens import lowered, word_count
from nearer.chat.wording import counted

#: The table every later stage starts from: the pair's sent messages in file order, plus
#: `lower` (the text as the word lists read it) and `words` (UInt32 word count).
PAIR_COLUMNS = ("index", "timestamp", "author", "text", "kind", "lower", "words")
#: A label the parsers numbered: "Alex (2)".
_NUMBERED = re.compile(r"(?P<name>.+) \((?P<number>[1-9][0-9]*)\)")
#: What `folded` leaves out wherever it is: characters that show nothing (sender_names).
_UNSEEN = dict.fromkeys(map(ord, INVISIBLE))


class ChatChoiceError(ValueError):
    """The chat is not one couple's: too few people, or a group without a chosen pair."""

    def __init__(self, message: str, participants: Sequence[str]) -> None:
        self.participants = tuple(participants)
        super().__init__(message)


class AlikeError(ChatChoiceError):
    """One of the pair is a name several people go by, whose messages the export writes alike
    (records.Alike): analysed, one's messages would count as the other's."""


@dataclass(frozen=True)
class Pair:
    """The two people analysed, in report order: `me` first when given, else most messages."""

    first: str
    second: str

    @property
    def names(self) -> tuple[str, str]:
        return (self.first, self.second)


@dataclass(frozen=True)
class Sent:
    """What a person sent, to tell namesakes apart: `messages` (records.SENT_KINDS) and the days
    of the first and the last (None when none has a time), and their `id` in the export where
    it gives one (ParsedChat.ids)."""

    messages: int
    first: date | None
    last: date | None = None
    id: str | None = None


def choose_pair(
    participants: Sequence[str],
    pair: tuple[str, str] | None = None,
    me: str | None = None,
    sent: Mapping[str, Sent] | None = None,
) -> Pair:
    """The pair to analyse from the people who sent messages (most messages first).

    Raises ChatChoiceError when fewer than two people wrote, when more than two wrote and no
    `pair` is given, when `pair` or `me` names someone who sent nothing, or when `me` or `pair`
    names namesakes (module docstring), listing them with what each `sent` (`sent_by`) where
    given.
    """
    people = list(participants)
    listed = listing(people) if people else "nobody"
    given = [("yourself", me)] if me is not None else []
    given += [("them", name) for name in pair or () if name not in people]  # a label is one
    for whom, name in given:
        if namesakes(name, people):
            raise ChatChoiceError(_namesakes_named(name, people, sent or {}, whom), people)
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


def namesakes(name: str, people: Sequence[str]) -> tuple[str, ...]:
    """The labels of `people` who go by the display name `name` ("alex": "Alex", "Alex (2)"),
    first one first, when more than one does; () when at most one does, and for a label with
    its number ("Alex (2)")."""
    wanted = folded(name)
    same = [person for person in people if folded(_unnumbered(person)[0]) == wanted]
    return tuple(sorted(same, key=lambda person: _unnumbered(person)[1])) if len(same) > 1 else ()


def has_namesakes(label: str, people: Sequence[str]) -> bool:
    """Whether `label`, one of `people`, is one of namesakes ("Alex (2)" beside "Alex")."""
    return label in namesakes(_unnumbered(label)[0], people)


def numbered(label: str) -> bool:
    """Whether `label` carries a number the parsers give namesakes ("Alex (2)")."""
    return _unnumbered(label)[1] > 1


def choosable(name: str, people: Sequence[str]) -> str:
    """How `name`, one of `people`, is given to choose that person alone: for one of namesakes
    without a number, `name` with the lowest number none of the others carries, the first one
    in `people` first ("Alex (1)"; module docstring); else `name` itself."""
    number = _numbers(namesakes(name, people)).get(name)
    return f"{name} ({number})" if number else name


def _numbers(same: Sequence[str]) -> dict[str, int]:
    """A distinct number for each unnumbered one of namesakes `same` (in its order), skipping
    those the numbered ones carry: {"Alex": 1, "alex": 3} for "Alex", "alex", "Alex (2)"."""
    carried = {_unnumbered(label)[1] for label in same if _NUMBERED.fullmatch(label)}
    numbers: dict[str, int] = {}
    number = 0
    for label in same:
        if not _NUMBERED.fullmatch(label):
            number += 1
            while number in carried:
                number += 1
            numbers[label] = number
    return numbers


def numbered_apart(parsed: ParsedChat) -> ParsedChat:
    """`parsed` with each unnumbered one of namesakes who sent messages labelled, on all their
    rows, as it is chosen ("Alex" beside "Alex (2)" becomes "Alex (1)", "alex" beside "Alex"
    "alex (2)", `choosable`), unless someone else goes by that label already."""
    people = parsed.participants
    taken = set(parsed.messages["author"].drop_nulls().unique().to_list())
    renamed = {name: choosable(name, people) for name in people}
    # Never onto someone else's label: one who sent nothing (a reaction, a system line) is no
    # namesake to skip the number of, yet may go by "Alex (1)"; the two stay apart then, the
    # bare one unnumbered.
    renamed = {name: label for name, label in renamed.items() if label not in taken}
    if not renamed:
        return parsed
    return replace(
        parsed,
        messages=parsed.messages.with_columns(pl.col("author").replace(renamed)),
        ids=tuple((renamed.get(label, label), id) for label, id in parsed.ids),
    )


def sent_by(messages: pl.DataFrame, ids: Sequence[tuple[str, str]] = ()) -> dict[str, Sent]:
    """What each author of the message table (records.SCHEMA) sent (`Sent`), with their id in
    the export from `ids` (ParsedChat.ids)."""
    sent = messages.filter(pl.col("kind").is_in(SENT_KINDS) & pl.col("author").is_not_null())
    day = pl.col("timestamp").dt.date()
    totals = sent.group_by("author").agg(pl.len(), day.min().alias("a"), day.max().alias("z"))
    known = dict(ids)
    return {
        author: Sent(count, first, last, known.get(author))
        for author, count, first, last in totals.iter_rows()
    }


def _unnumbered(label: str) -> tuple[str, int]:
    """The display name a label shows and its number, 1 for none: ("Alex", 2) for "Alex (2)"."""
    match = _NUMBERED.fullmatch(label)
    return (match["name"], int(match["number"])) if match else (label, 1)


def _namesakes_named(
    name: str, people: Sequence[str], sent: Mapping[str, Sent], whom: str = "yourself"
) -> str:
    """The refusal of `name` naming namesakes, each listed as chosen, with what they sent;
    `whom` says who is to be named as listed ("yourself" for `me`, "them" for a pair)."""
    same = namesakes(name, people)
    told = "; ".join(_told(person, people, sent.get(person)) for person in same)
    return f'"{name.strip()}" is {len(same)} people in this chat: {told}; name {whom} as listed'


def _told(person: str, people: Sequence[str], sent: Sent | None) -> str:
    """One of namesakes as chosen, and what they sent: '"Alex (1)" (id user42), 3 messages,
    2024-03-04 to 2024-05-02' ("on 2024-03-04" for one day; no id where the export has none)."""
    shown = f'"{choosable(person, people)}"'
    if sent is None:
        return shown
    if sent.id is not None:
        shown = f"{shown} (id {sent.id})"
    return f"{shown}, {counted(sent.messages, 'message')}{_days(sent)}"


def _days(sent: Sent) -> str:
    """' on 2024-03-04', ' 2024-03-04 to 2024-05-02', or '' without a time."""
    if sent.first is None:
        return ""
    if sent.last is None or sent.last == sent.first:
        return f" on {sent.first.isoformat()}"
    return f", {sent.first.isoformat()} to {sent.last.isoformat()}"


def told_apart(names: Sequence[str], alike: Sequence[Alike], people: Sequence[str]) -> None:
    """Raises AlikeError, listing `people` (who wrote), when one of `names` (the pair, or the
    chat's only two people) is a name of several people the export writes alike (`alike`)."""
    for found in alike:
        if found.name in names:
            raise AlikeError(_alike_named(found), people)


def alike_outside(
    alike: Sequence[Alike], names: Sequence[str], people: Sequence[str]
) -> list[Caveat]:
    """A warning for each name of several people (`alike`) who wrote (`people`) but are not of
    the pair (`names`): the chat's own figures count them as one."""
    return [
        Caveat(
            Kind.NAMESAKES, f"{_alike_shown(found)}; the chat's own figures count them as one", 1
        )
        for found in alike
        if found.name in people and found.name not in names
    ]


def _alike_named(alike: Alike) -> str:
    return (
        f"{_alike_shown(alike)}, but the export names them alike on every message, so whose a "
        "message is cannot be told; analysed, one's messages would count as the other's"
    )


def _alike_shown(alike: Alike) -> str:
    """'"Alex" is 2 people in this chat (message_1.json lists "Alex" twice …)'."""
    many = f"{alike.people} people" if alike.exact else f"at least {alike.people} people"
    return f'"{alike.name}" is {many} in this chat ({alike.shown})'


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
    if not same:  # "Alex (1)": the unnumbered one of namesakes
        same = [person for person in people if folded(choosable(person, people)) == wanted]
    return same[0] if len(same) == 1 else name


def folded(name: str) -> str:
    """A name as compared with what someone typed: case, spacing and Unicode form evened out,
    and characters that show nothing (sender_names.INVISIBLE) left out, since no one can see
    them to type them."""
    shown = unicodedata.normalize("NFC", name).translate(_UNSEEN)
    return " ".join(shown.casefold().split())


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
