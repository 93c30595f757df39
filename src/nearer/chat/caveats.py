"""What kind each of the analyser's warnings is, and how to say it without naming anyone.

A warning's text is for the person who ran the analyser on their own export: it may name a file,
a person, the chat's title or a date as written ("WhatsApp Chat with Alex.txt: not UTF-8"). A
`Caveat` is that text (a `str`, so every output that prints warnings prints it as before) with
its `Kind`, one of a small closed set, and where it means something a count (of messages, lines,
files, names). The couple space keeps only the kind and the count, and shows `plain(kind,
count)`: nearer's own sentence, which names no one, no file and no date.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

from nearer.chat.wording import counted


class Kind(StrEnum):
    NO_SENDER = "no_sender"  # sent messages naming no sender, left out of every count
    AMBIGUOUS_DATES = "ambiguous_dates"  # day/month order read one way of two that fit
    MISDATED = "misdated"  # lone messages dated far from their neighbours, read at their time
    NAMESAKES = "namesakes"  # a name of several people, counted as one in the chat's figures
    DUPLICATES = "duplicates"  # messages repeated across the export's files, read once
    REPEATED_FILE = "repeated_file"  # a file given twice, read once
    UNREAD_FILE = "unread_file"  # a file of the upload not read
    ENCODING = "encoding"  # text not in the expected encoding: characters replaced or guessed
    SKIPPED_LINES = "skipped_lines"  # lines before the first message, skipped
    IMPOSSIBLE_DATES = "impossible_dates"  # lines with an impossible date, kept as text
    UNDATED = "undated"  # messages without a readable date, left out
    NEWEST_FIRST = "newest_first"  # rows mostly older than the row above
    NO_PERSON_REACTIONS = "no_person_reactions"  # reactions naming no person, left out
    DIFFERENT_TITLES = "different_titles"  # the files name different threads
    UNKNOWN_NOTICES = "unknown_notices"  # WhatsApp's own lines in a language it lacks, as text
    OTHER = "other"  # a plain string, or a kept kind this version lacks: said in general words


class Caveat(str):
    """One warning: its text (the `str` itself), `kind` and `number`, how many messages, lines,
    files or names it is about (None where no count is meaningful). Not `count`: `str` has one."""

    kind: Kind
    number: int | None

    def __new__(cls, kind: Kind, text: str, number: int | None = None) -> Caveat:
        caveat = super().__new__(cls, text)
        caveat.kind, caveat.number = kind, number
        return caveat

    def __getnewargs__(self) -> tuple[Kind, str, int | None]:  # type: ignore[override]
        """What `copy` and `pickle` pass to `__new__`: `str`'s own would lose the kind."""
        return self.kind, str(self), self.number

    def retold(self, text: str) -> Caveat:
        """The same caveat in other words (a name replaced by a pseudonym)."""
        return Caveat(self.kind, text, self.number)


def kind_of(warning: str) -> tuple[Kind, int | None]:
    """The kind and count of `warning`; OTHER and None for a plain string."""
    if isinstance(warning, Caveat):
        return warning.kind, warning.number
    return Kind.OTHER, None


#: The noun a kind counts, and its sentence: `{n}` the count with that noun, `{was}`, `{it}` and
#: `{them}` in the count's number.
_COUNTED: Mapping[Kind, tuple[str, str]] = MappingProxyType(
    {
        Kind.NO_SENDER: ("message", "{n} named no sender: {it} {was} left out of every count."),
        Kind.MISDATED: (
            "message",
            "{n} {was} dated over a day away from the messages around {them}: {it} {was} read "
            "at their time.",
        ),
        Kind.NAMESAKES: (
            "name",
            "{n} in the chat stood for more than one person: the chat's overall figures count "
            "each as one.",
        ),
        Kind.DUPLICATES: (
            "message",
            "{n} {was} repeated across the export's files: {it} {was} counted once.",
        ),
        Kind.REPEATED_FILE: ("file", "{n} {was} uploaded twice: {it} {was} read once."),
        Kind.UNREAD_FILE: ("file", "{n} of the upload {was} not read."),
        Kind.SKIPPED_LINES: ("line", "{n} before the first message {was} skipped."),
        Kind.IMPOSSIBLE_DATES: (
            "line",
            "{n} had an impossible date or time: {it} {was} read as part of the message before.",
        ),
        Kind.UNDATED: ("message", "{n} had no readable date: {it} {was} left out."),
        Kind.NO_PERSON_REACTIONS: ("reaction", "{n} named no person: {it} {was} left out."),
        Kind.UNKNOWN_NOTICES: (
            "line",
            "{n} looked like WhatsApp's own notices in a language nearer does not know: {it} "
            "{was} counted as text, so the counts of text, media, deleted messages and calls "
            "may be off.",
        ),
    }
)

_PLAIN: Mapping[Kind, str] = MappingProxyType(
    {
        Kind.NO_SENDER: "Some messages name no sender: they are left out of every count.",
        Kind.AMBIGUOUS_DATES: (
            "The dates could be read day first or month first: nearer read them the way that "
            "fitted best, so some days and weeks may be off."
        ),
        Kind.MISDATED: (
            "Some messages were dated over a day away from the messages around them: they were "
            "read at their time."
        ),
        Kind.NAMESAKES: (
            "A name in the chat stood for more than one person: the chat's overall figures "
            "count them as one."
        ),
        Kind.DUPLICATES: "Some messages were repeated across the export's files: counted once.",
        Kind.REPEATED_FILE: "A file was uploaded twice: it was read once.",
        Kind.UNREAD_FILE: "Part of the upload was not read.",
        Kind.ENCODING: (
            "Some of the text was not in the expected encoding: a few characters could not be "
            "read, so a few words may have been missed."
        ),
        Kind.SKIPPED_LINES: "Some lines before the first message were skipped.",
        Kind.IMPOSSIBLE_DATES: (
            "Some lines had an impossible date or time: they were read as part of the message "
            "before."
        ),
        Kind.UNDATED: "Some messages had no readable date: they were left out.",
        Kind.NEWEST_FIRST: (
            "Most of the export's rows were older than the row above them: if it ran newest "
            "first, reply times and conversations are off."
        ),
        Kind.NO_PERSON_REACTIONS: "Some reactions named no person: they were left out.",
        Kind.DIFFERENT_TITLES: "The export's files named different chats: they were read as one.",
        Kind.UNKNOWN_NOTICES: (
            "Some lines looked like WhatsApp's own notices in a language nearer does not know: "
            "they were counted as text, so the counts of text, media, deleted messages and calls "
            "may be off."
        ),
        Kind.OTHER: (
            "Part of the export could not be read as usual: the figures may be a little off."
        ),
    }
)


def plain(kind: Kind, count: int | None = None) -> str:
    """nearer's own sentence for a warning of `kind`, with `count` where given: never a name, a
    file, a title or a date."""
    if count is None or kind not in _COUNTED:
        return _PLAIN[kind]
    noun, sentence = _COUNTED[kind]
    one = count == 1
    return sentence.format(
        n=counted(count, noun),
        was="was" if one else "were",
        it="it" if one else "they",
        them="it" if one else "them",
    )
