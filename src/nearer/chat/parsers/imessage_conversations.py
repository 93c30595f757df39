"""Which chats of a Messages database are one conversation (imessage_chats).

Messages keeps a `chat` row per address and service, so a couple's one conversation is often
several chats: an iMessage chat and an SMS chat of the same number (when a message falls back to
SMS), or a chat with the partner's phone number and one with their iCloud address. Read apart,
each is part of the conversation, and its figures are wrong without a word: fewer messages,
longer silences, replies that seem never to come. So one-to-one chats whose other party is the
same person are one conversation: a handle address in common (case and invisible characters
aside, whatever the service), or a `handle.person_centric_id` in common (Messages' own link of
one person's handles; older databases lack the column, and NULL links nothing), directly or
through another such chat.

Group chats are never merged: a group of the same people is another conversation, read by
others. A chat is one-to-one when Messages marks it so (`style` 45), or, unmarked, when it has
exactly one other person (`chat_handle_join`); a group (`style` 43) or a chat of several people
never is. This module only groups the rows; imessage_chats reads them and names the result.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nearer.chat.pair import folded

_GROUP = 43
_ONE_TO_ONE = 45


@dataclass(frozen=True)
class Handle:
    """One of a chat's other people: `address` (phone number or e-mail, None if the row has
    none) and `person` (person_centric_id; None when absent, NULL or empty)."""

    address: str | None
    person: str | None


@dataclass(frozen=True)
class ChatRow:
    """A `chat` row with messages: `style` None where the database has no such column or value,
    `messages` how many messages are joined to it."""

    rowid: int
    display_name: str | None
    identifier: str | None
    style: int | None
    handles: tuple[Handle, ...]
    messages: int

    def one_to_one(self) -> bool:
        """True for a chat with one other person (module docstring)."""
        if self.style == _GROUP or len(self.handles) > 1:
            return False
        return self.style == _ONE_TO_ONE or len(self.handles) == 1

    def addresses(self) -> tuple[str, ...]:
        """The chat's identifier, then, one-to-one, its other person's address: a group's
        members' addresses name the group no more than they name their own chats."""
        shown = (self.identifier, *(h.address for h in self.handles if self.one_to_one()))
        return tuple(address for address in shown if address and folded(address))


def merged(rows: Sequence[ChatRow]) -> list[tuple[ChatRow, ...]]:
    """`rows` grouped into conversations: one-to-one chats linked by an address or a person
    in common (transitively) together, every other chat alone. Conversations come in the order
    of their first row in `rows`, and rows keep their order within one."""
    first = list(range(len(rows)))  # union-find: a row's link towards its group's first row

    def root(at: int) -> int:
        while first[at] != at:
            first[at] = first[first[at]]
            at = first[at]
        return at

    owner: dict[str, int] = {}  # a key's first row
    for at, row in enumerate(rows):
        for key in _keys(row):
            one, other = root(at), root(owner.setdefault(key, at))
            first[max(one, other)] = min(one, other)
    groups: dict[int, list[ChatRow]] = {}
    for at, row in enumerate(rows):
        groups.setdefault(root(at), []).append(row)
    return [tuple(group) for group in groups.values()]


def _keys(row: ChatRow) -> set[str]:
    """What names a one-to-one chat's other person: each address, folded, and each person id;
    nothing for any other chat, which then links to none."""
    if not row.one_to_one():
        return set()
    people = {f"person:{h.person}" for h in row.handles if h.person}
    return people | {f"address:{folded(address)}" for address in row.addresses()}
