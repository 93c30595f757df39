"""Which conversation of a Messages database (imessage.py) to read.

A database holds every conversation of the account. With one chat, that is read. With several,
one must be asked for by name (`--chat`, the web's chat field): its display name or identifier
(the phone number or e-mail address of a chat with one person, compared without regard to case
or spacing). Otherwise, or for a name no chat has, ChatChoiceNeeded lists them, the chats with
the most messages first.
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


def choose(chats: list[Chat], wanted: str | None, file: str) -> Chat | None:
    """The chat to read: the one called `wanted` (the largest of them if several are), else the
    only one; None when the database has no chats (all messages are read). Raises
    ChatChoiceNeeded when there are several and none is asked for, or none is called `wanted`:
    the largest conversation may be with anyone, and reading someone else's is no small
    mistake."""
    if wanted is None and len(chats) < 2:
        return chats[0] if chats else None
    called = [chat for chat in chats if wanted is not None and chat.called(wanted)]
    if called:
        return called[0]
    choices = list(dict.fromkeys(chat.title for chat in chats if chat.title))
    problem = "" if wanted is None else f'no chat is called "{wanted}"'
    raise ChatChoiceNeeded(file, choices, problem)
