"""Which conversation of a Messages database (imessage.py) to read.

A database holds every conversation of the account. With one chat, that is read. With several,
one must be asked for (`--chat`, the web's chat field): by its display name or identifier (the
phone number or e-mail address of a chat with one person), or its id (the chat's row), by the
one rule of chat_names: as written first, case included, then case and spacing aside. A
conversation is often split in two chats of one identifier (an iMessage chat and an SMS chat
with the same number), and two groups may share a name: such chats are listed with their ids,
and a name that fits several asks which. Without a choice, or for a name no chat has,
ChatChoiceNeeded lists them, the chats with the most messages first.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from nearer.chat.parsers.chat_names import distinct, named
from nearer.chat.records import ChatChoiceNeeded


@dataclass(frozen=True)
class Chat:
    rowid: int
    display_name: str | None
    identifier: str | None
    messages: int

    @property
    def title(self) -> str | None:
        return self.display_name or self.identifier or None

    @property
    def label(self) -> str:
        return self.title or f"unnamed chat {self.rowid}"

    def names(self) -> tuple[str | None, ...]:
        return (self.display_name, self.identifier)


def chats_in(db: sqlite3.Connection, tables: set[str]) -> list[Chat]:
    """The database's chats that hold messages, most messages first."""
    if "chat_message_join" not in tables:
        return []
    rows = db.execute(
        "SELECT c.ROWID, CAST(c.display_name AS TEXT), CAST(c.chat_identifier AS TEXT),"
        " COUNT(*) AS n FROM chat c JOIN chat_message_join j ON j.chat_id = c.ROWID"
        " GROUP BY c.ROWID ORDER BY n DESC, c.ROWID"
    ).fetchall()
    return [Chat(*row) for row in rows]


def choose(chats: list[Chat], wanted: str | None, file: str) -> Chat | None:
    """The chat to read: the one `wanted` names, else the only one; None when the database has
    no chats (all messages are read). Raises ChatChoiceNeeded when there are several and none
    is asked for, or `wanted` names none or several: the largest conversation may be with
    anyone, and reading someone else's is no small mistake."""
    if wanted is None and len(chats) < 2:
        return chats[0] if chats else None
    ids = [str(chat.rowid) for chat in chats]
    choices = distinct([chat.label for chat in chats], ids)
    choice_of = dict(zip(chats, choices, strict=True))
    ways = (lambda chat: (choice_of[chat],), Chat.names, lambda chat: (str(chat.rowid),))
    found = [] if wanted is None else named(chats, wanted, *ways)
    if len(found) == 1:
        return found[0]
    raise ChatChoiceNeeded(file, choices, _not_one(wanted, found), ids)


def _not_one(wanted: str | None, found: list[Chat]) -> str:
    """Why `wanted` chose no single chat of those it names, `found`; "" when none was named."""
    if wanted is None:
        return ""
    if not found:
        return f'no chat is called "{wanted}"'
    shown = ", ".join(f'"{chat.label}" (id {chat.rowid})' for chat in found)
    return f'{len(found)} chats are called "{wanted}" ({shown})'
