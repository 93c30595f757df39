"""Which conversation of a Messages database (imessage.py) to read.

A database holds every conversation of the account. Asked for one by name (`--chat`, the web's
chat field), its display name or identifier (the phone number or e-mail address of a chat with
one person, compared without regard to case or spacing) chooses it; a name no chat has lists
them (ChatChoiceNeeded). Otherwise the chat with the most messages is read, and a warning says
so when there are others.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from nearer.chat.pair import folded
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

    def called(self, wanted: str) -> bool:
        names = (self.display_name, self.identifier)
        return any(name and folded(name) == folded(wanted) for name in names)


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


def choose(chats: list[Chat], wanted: str | None, file: str) -> tuple[Chat | None, list[str]]:
    """The chat to read and the warnings to give: the one called `wanted` (the largest of them
    if several are), else the largest; None when the database has no chats (all messages are
    read). Raises ChatChoiceNeeded when no chat is called `wanted`."""
    if wanted is not None:
        called = [chat for chat in chats if chat.called(wanted)]
        if not called:
            choices = list(dict.fromkeys(chat.title for chat in chats if chat.title))
            raise ChatChoiceNeeded(file, choices, f'no chat is called "{wanted}"')
        return called[0], []
    if len(chats) < 2:
        return (chats[0] if chats else None), []
    largest = chats[0]
    return largest, [
        f"the database holds {len(chats)} chats; read the one with the most messages "
        f"({largest.title}, {largest.messages} rows); choose another with its name or number "
        "(--chat). One person's phone and e-mail chats are not merged."
    ]
