"""People told apart by the id an export gives them, each shown by a readable label.

Telegram (`from_id`) and Discord (`author.id`, CSV `AuthorID`) give every person an id beside
a display name, and display names repeat: two "Alex" in a group, or a couple who share a first
name. Keyed by name, two people would be one, so a third person's messages would count as the
partner's, and a couple of two "Alex" could not be analysed at all. A parser therefore writes a
provisional author from `People.key` and, once every row is read (and, for several files,
joined and ordered), turns the keys into labels with `People.labelled`:

- an id's label is the display name on its latest row in time (message or reaction) that
  carries one, so a person renamed "Sam", later "Samuel", is "Samuel" whatever order the files
  are given in (at one time, two names: the one that sorts last); the id itself when it never
  carries one (a deleted Telegram account: `user99`);
- when ids share a label, the first to appear in the chat keeps it and the next ones get
  "Alex (2)", "Alex (3)", … in order of their first row (message or reaction), skipping a
  label someone already carries;
- a row with a name but no id keeps the name as written, so it counts as the person who
  carries that name unsuffixed.

Labels are stable for an export: the same files give the same labels, in any order.

WhatsApp gives no ids either, but writes someone not in the exporter's contacts as "~ Alex" and
a contact (or the exporter) as "Alex": one name written both ways is two people, labelled apart
alike by `apart_by_contact`.

Exports without ids (Messenger, Instagram, Signal) cannot be labelled so. Where they still show
that a name is several people, the parser says so (records.Alike) and no pair with that name
is analysed; `reacting_twice` finds one such sign.
"""

from __future__ import annotations

from datetime import datetime

import polars as pl

from nearer.chat.records import SENT_KINDS

#: Starts a provisional author that is an id; never part of a name an export writes.
_ID = "\x00id:"
#: The time of a row without one: before any other.
_NEVER = datetime.min  # noqa: DTZ901 - the table's times are naive


class People:
    """Collects who carries which name while a parser reads (`key`), then labels the table."""

    def __init__(self) -> None:
        self.named: dict[str, tuple[datetime, str]] = {}  # id -> its latest (time, name)
        #: (label, id) of each person `labelled` labelled, for ParsedChat.ids
        self.ids: tuple[tuple[str, str], ...] = ()

    def key(self, person: str | None, name: str | None, when: datetime | None = None) -> str | None:
        """The provisional author of a row at `when` (None: no time) by the person with id
        `person` (None or "": the export gives none) and display name `name` (None or "":
        none); None for neither."""
        if not person:
            return name or None
        if name:
            seen = (when or _NEVER, name)
            self.named[person] = max(self.named.get(person, seen), seen)
        return _ID + person

    def labelled(self, messages: pl.DataFrame) -> pl.DataFrame:
        """`messages` with each provisional author replaced by its label (module docstring)."""
        authors = messages["author"].drop_nulls().unique(maintain_order=True).to_list()
        keys = [author for author in authors if author.startswith(_ID)]
        if not keys:
            return messages
        names = {person: name for person, (_, name) in self.named.items()}
        labels = _labels(keys, names, taken=set(authors) - set(keys))
        self.ids = tuple((label, key[len(_ID) :]) for key, label in labels.items())
        return messages.with_columns(pl.col("author").replace(labels))


def _labels(keys: list[str], names: dict[str, str], taken: set[str]) -> dict[str, str]:
    """A distinct label for each id key, in the order given (first to appear first); `taken`
    holds the names written without an id, which an id's own name joins but no suffix takes."""
    wanted = {key: names.get(key[len(_ID) :], key[len(_ID) :]) for key in keys}
    taken |= set(wanted.values())
    labels: dict[str, str] = {}
    given: set[str] = set()
    for key, name in wanted.items():
        label, number = name, 1
        while label in given or (number > 1 and label in taken):
            number += 1
            label = f"{name} ({number})"
        labels[key] = label
        given.add(label)
    return labels


def apart_by_contact(messages: pl.DataFrame) -> pl.DataFrame:
    """`messages` (records.SCHEMA) with each name that authors sent messages both as a saved
    contact and not (`saved_contact`) labelled apart: whichever of the two sent first keeps the
    name, the other is "Alex (2)" (a higher number for a label someone already carries), on
    each of their rows."""
    sent = messages.filter(pl.col("kind").is_in(SENT_KINDS) & pl.col("author").is_not_null())
    seen = sent.select("author", "saved_contact").unique(maintain_order=True)
    later = seen.filter(pl.col("author").is_duplicated() & ~pl.col("author").is_first_distinct())
    if later.is_empty():
        return messages
    taken = set(messages["author"].drop_nulls().unique().to_list())
    author = pl.col("author")
    for name, saved in later.iter_rows():
        label, number = name, 1
        while label in taken:
            number += 1
            label = f"{name} ({number})"
        taken.add(label)
        mine = (author == name) & (pl.col("saved_contact") == saved)
        author = pl.when(mine).then(pl.lit(label)).otherwise(author)
    return messages.with_columns(author.alias("author"))


def reacting_twice(messages: pl.DataFrame) -> list[tuple[str, int, int]]:
    """Each author of more than one reaction row to one message (`target_id`) of the table
    (records.SCHEMA) as (name, most reactions to one message, line of the first such
    reaction), in order of that line. Where an app keeps one reaction a person per message
    (Signal: a new one replaces the old), each is several people of one name."""
    reactions = messages.filter(
        (pl.col("kind") == "reaction")
        & pl.col("author").is_not_null()
        & pl.col("target_id").is_not_null()
    )
    twice = (
        reactions.group_by("target_id", "author")
        .agg(pl.len().alias("count"), pl.col("line").min())
        .filter(pl.col("count") > 1)
    )
    found = twice.group_by("author").agg(pl.col("count").max(), pl.col("line").min())
    return list(found.sort("line", "author").iter_rows())
