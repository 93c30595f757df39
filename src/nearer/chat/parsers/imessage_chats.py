"""Which conversation of a Messages database (imessage.py) to read.

A database holds every conversation of the account, and Messages often splits one over several
chats (an iMessage and an SMS chat of one number, a phone number's and an e-mail address's chat
of one person): those one-to-one chats are one conversation (imessage_conversations), listed
once and read whole, whichever of them is named. With one conversation, that is read. With
several, one must be asked for (`--chat`, the web's chat field): by its display name, by an
identifier (the phone number or e-mail address of a conversation with one person; a merged
one is listed under all of them, "+15551234567, ana@example.org"), or its id (the row of its
first chat; the row of any of its chats names it too), by the one rule of chat_names: as written
first, case included, then case and spacing aside. Two groups may share a name: they are listed
with their ids, and a name that fits several asks which. Without a choice, or for a name no
conversation has, ChatChoiceNeeded lists them, those with the most messages first.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from nearer.chat.pair import folded
from nearer.chat.parsers.chat_names import distinct, named
from nearer.chat.parsers.imessage_conversations import ChatRow, Handle, merged
from nearer.chat.records import ChatChoiceNeeded
from nearer.chat.sender_names import sender_name


@dataclass(frozen=True)
class Conversation:
    """One chat, or the one-to-one chats of one person: `rowids` ascending; `display_names`,
    `identifiers` (each chat's, or its other person's address where it has none) and
    `addresses` (those and the other person's addresses) distinct, case aside, in the chats'
    order; `messages` counted once each."""

    rowids: tuple[int, ...]
    display_names: tuple[str, ...]
    identifiers: tuple[str, ...]
    addresses: tuple[str, ...]
    messages: int

    @property
    def id(self) -> str:
        """The row of its first chat: a merged conversation keeps it as chats join later."""
        return str(self.rowids[0])

    @property
    def title(self) -> str | None:
        return next(iter(self.display_names), None) or ", ".join(self.identifiers) or None

    @property
    def label(self) -> str:
        return self.title or f"unnamed chat {self.id}"

    def names(self) -> tuple[str, ...]:
        return (*self.display_names, *self.addresses)

    def ids(self) -> tuple[str, ...]:
        return tuple(str(rowid) for rowid in self.rowids)

    def author(self, name: str) -> str:
        """The name `name`, a sender's address, is written as: in a merged conversation each
        address of the other person is their first identifier (one person, not one a chat),
        else `name`."""
        if len(self.rowids) > 1 and folded(name) in {folded(a) for a in self.addresses}:
            return sender_name(self.identifiers[0])
        return name


def chats_in(db: sqlite3.Connection, tables: set[str]) -> list[Conversation]:
    """The database's conversations that hold messages, most messages first."""
    if "chat_message_join" not in tables:
        return []
    style = "CAST(c.style AS INTEGER)" if "style" in _columns(db, "chat") else "NULL"
    rows = db.execute(
        f"SELECT c.ROWID, CAST(c.display_name AS TEXT), CAST(c.chat_identifier AS TEXT), {style},"
        " COUNT(*) FROM chat c JOIN chat_message_join j ON j.chat_id = c.ROWID"
        " GROUP BY c.ROWID ORDER BY c.ROWID"
    ).fetchall()
    handles = _handles(db, tables)
    chats = [ChatRow(r, name, id, style, handles.get(r, ()), n) for r, name, id, style, n in rows]
    found = [_conversation(db, group) for group in merged(chats)]
    return sorted(found, key=lambda chat: (-chat.messages, chat.rowids[0]))


def _columns(db: sqlite3.Connection, table: str) -> set[str]:
    return {str(row[1]).lower() for row in db.execute(f"PRAGMA table_info({table})")}


def _handles(db: sqlite3.Connection, tables: set[str]) -> dict[int, tuple[Handle, ...]]:
    """Each chat's other people (chat_handle_join), distinct; none where the table is not."""
    if "chat_handle_join" not in tables:
        return {}
    if not {"chat_id", "handle_id"} <= _columns(db, "chat_handle_join"):
        return {}
    person = "CAST(h.person_centric_id AS TEXT)"
    if "person_centric_id" not in _columns(db, "handle"):
        person = "NULL"
    found = db.execute(
        f"SELECT DISTINCT j.chat_id, CAST(h.id AS TEXT), {person} FROM chat_handle_join j"
        " JOIN handle h ON h.ROWID = j.handle_id ORDER BY j.chat_id, h.ROWID"
    ).fetchall()
    handles: dict[int, tuple[Handle, ...]] = {}
    for chat, address, someone in found:
        handles[chat] = (*handles.get(chat, ()), Handle(address, someone))
    return handles


def _conversation(db: sqlite3.Connection, chats: tuple[ChatRow, ...]) -> Conversation:
    """The conversation of `chats`; a message joined to several of them is counted once."""
    messages = chats[0].messages
    if len(chats) > 1:
        marks = ", ".join("?" for _ in chats)
        sql = f"SELECT COUNT(DISTINCT message_id) FROM chat_message_join WHERE chat_id IN ({marks})"
        (messages,) = db.execute(sql, tuple(chat.rowid for chat in chats)).fetchone()
    names = [chat.display_name for chat in chats if chat.display_name]
    identifiers = [address for chat in chats for address in chat.addresses()[:1]]
    addresses = [address for chat in chats for address in chat.addresses()]
    rowids = tuple(chat.rowid for chat in chats)
    return Conversation(rowids, _once(names), _once(identifiers), _once(addresses), int(messages))


def _once(names: list[str]) -> tuple[str, ...]:
    """`names` without repeats, case and spacing aside, each as first written."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(folded(name), name)
    return tuple(seen.values())


def choose(chats: list[Conversation], wanted: str | None, file: str) -> Conversation | None:
    """The conversation to read: the one `wanted` names, else the only one; None when the
    database has no chats (all messages are read). Raises ChatChoiceNeeded when there are
    several and none is asked for, or `wanted` names none or several: the largest conversation
    may be with anyone, and reading someone else's is no small mistake."""
    if wanted is None and len(chats) < 2:
        return chats[0] if chats else None
    ids = [chat.id for chat in chats]
    choices = distinct([chat.label for chat in chats], ids)
    choice_of = dict(zip(chats, choices, strict=True))
    ways = (lambda chat: (choice_of[chat],), Conversation.names, Conversation.ids)
    found = [] if wanted is None else named(chats, wanted, *ways)
    if len(found) == 1:
        return found[0]
    raise ChatChoiceNeeded(file, choices, _not_one(wanted, found), ids)


def _not_one(wanted: str | None, found: list[Conversation]) -> str:
    """Why `wanted` chose no single chat of those it names, `found`; "" when none was named."""
    if wanted is None:
        return ""
    if not found:
        return f'no chat is called "{wanted}"'
    shown = ", ".join(f'"{chat.label}" (id {chat.id})' for chat in found)
    return f'{len(found)} chats are called "{wanted}" ({shown})'
