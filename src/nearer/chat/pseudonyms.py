"""Pseudonyms for research: the people of a chat as "Person A", "Person B", … in every output.

A researcher who runs the analyser over other people's chats keeps names out of their tables with
`nearer analyze --pseudonyms`. The chosen pair are "Person A" and "Person B" in report order (`me`
first when given); everyone else who appears in the export follows ("Person C", …) in the order
they first appear. The chat's title goes, and a name or title inside a parser's warning is
replaced too. Message text never reaches a report, so nothing else carries a name — except file
names, which warnings and errors name as given: WhatsApp and DiscordChatExporter name their files
after the chat ("WhatsApp Chat with Alex.txt"), so rename them before a run whose output is shared.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import replace

import polars as pl

from nearer.chat.caveats import Caveat, Kind, kind_of
from nearer.chat.pair import Pair
from nearer.chat.records import ParsedChat

#: What a warning says in place of the chat's title.
TITLE = "(the chat's name)"


def pseudonymised(parsed: ParsedChat, pair: Pair) -> tuple[ParsedChat, Pair]:
    """The chat and the pair with every person's name replaced (module docstring)."""
    names = pseudonyms(pair, parsed.messages["author"])
    messages = parsed.messages.with_columns(pl.col("author").replace_strict(names, default=None))
    titles = dict.fromkeys(filter(None, (parsed.title, *parsed.other_titles)), TITLE)
    hidden = titles | names  # a thread named after a person is that person
    warnings = tuple(_retold(warning, hidden, len(titles)) for warning in parsed.warnings)
    chat = replace(parsed, messages=messages, title=None, other_titles=(), warnings=warnings)
    return chat, Pair(names[pair.first], names[pair.second])


def _retold(warning: str, hidden: Mapping[str, str], titles: int) -> Caveat:
    """`warning` with every name in it hidden, keeping its kind (a plain string is of kind
    OTHER). One that the files name different threads says so without their names: they are
    titles, however a person's name one of them may be, and "(the chat's name), Person A" would
    read as a puzzle rather than two spellings."""
    kind, number = kind_of(warning)
    if kind is Kind.DIFFERENT_TITLES:
        text = f"the files name {titles} different threads, whose names pseudonyms leave out"
        return Caveat(kind, text, number)
    return Caveat(kind, _renamed(_without_folders(warning), hidden), number)


def _without_folders(text: str) -> str:
    """`text` with the folders of the file paths in it left out ("inbox/jordanlee_10153/
    message_1.json" is "message_1.json"): Meta and others name a thread's folder after the
    other person."""
    return re.sub(r"[^\s,;:()\"']*/", "", text)


def pseudonyms(pair: Pair, authors: pl.Series) -> dict[str, str]:
    """Each name's pseudonym: the pair first, then the others in order of appearance."""
    order = dict.fromkeys([*pair.names, *authors.drop_nulls().to_list()])
    return {name: f"Person {_letters(number)}" for number, name in enumerate(order)}


def _letters(number: int) -> str:
    """0 -> "A", 25 -> "Z", 26 -> "AA": as spreadsheet columns, so any number of people fit."""
    letters = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = string.ascii_uppercase[rest] + letters
    return letters


def _renamed(text: str, names: Mapping[str, str]) -> str:
    """`text` with each whole name replaced, longest first ("Alex (2)" before "Alex")."""
    if not names:
        return text
    longest = sorted(names, key=len, reverse=True)
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(name)}(?!\w)" for name in longest))
    return pattern.sub(lambda found: names[found.group(0)], text)
