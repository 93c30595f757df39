"""What the partner is asked to agree to: which chat, told by what it shows of it.

Agreeing means little if the partner cannot tell which chat it is. An uploader could pick any
chat (one with someone else, or the partner's own with a third person) and name its two people
as they like, so the agreement shows the names the chat gives the two people, who was taken to
be whom, the first and last day and how many messages each sent. Those names are the only words
of the chat nearer keeps, sealed, and only while the partner has yet to answer: agreeing or
withdrawing deletes them (services.agree, services.withdraw).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from nearer.chat.clock import localised
from nearer.chat.misdated import redated
from nearer.chat.pair import only_pair
from nearer.chat.records import ParsedChat
from nearer.chat.summary import summarize


@dataclass(frozen=True)
class Asked:
    """The chat as the partner is asked about it: each of the two as the chat names them."""

    uploader_as: str
    partner_as: str
    uploader_messages: int
    partner_messages: int
    first: date | None
    last: date | None
    people: int = 2  # who wrote in the chat: more than two in a group chat

    def kept(self) -> dict[str, Any]:
        """As `ChatImport.asked` keeps it (JSON)."""
        return {
            "uploader_as": self.uploader_as,
            "partner_as": self.partner_as,
            "uploader_messages": self.uploader_messages,
            "partner_messages": self.partner_messages,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "people": self.people,
        }

    @classmethod
    def from_kept(cls, kept: dict[str, Any]) -> Asked:
        def day(value: object) -> date | None:
            return date.fromisoformat(value) if isinstance(value, str) else None

        return cls(
            uploader_as=str(kept.get("uploader_as", "")),
            partner_as=str(kept.get("partner_as", "")),
            uploader_messages=int(kept.get("uploader_messages", 0)),
            partner_messages=int(kept.get("partner_messages", 0)),
            first=day(kept.get("first")),
            last=day(kept.get("last")),
            people=int(kept.get("people", 2)),
        )


def of(chat: ParsedChat, pair: tuple[str, str], zone: str) -> Asked:
    """What `chat` shows of the two people of `pair` (the uploader's name in the chat, the
    partner's), its days as the analysis will give them: messages dated far from their
    neighbours put right (misdated.redated), on the uploader's clock `zone` (clock.localised)."""
    local = localised(redated(chat), zone)[0]
    summary = summarize(only_pair(local, pair))
    first, last = summary.first, summary.last
    return Asked(
        uploader_as=pair[0],
        partner_as=pair[1],
        uploader_messages=summary.participants.get(pair[0], 0),
        partner_messages=summary.participants.get(pair[1], 0),
        first=first.date() if first else None,
        last=last.date() if last else None,
        people=len(local.participants),
    )
