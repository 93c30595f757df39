"""Which two people of the chat the import is about, and which of them is the uploader.

A chat of two people needs only to know which one is the uploader: the name they give, else the
participant whose name matches their display name. A group chat also needs the partner. When
either is missing the page asks, listing the names (which are shown, never stored).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nearer.chat.pair import ChatChoiceError, as_written, folded


@dataclass(frozen=True)
class Choice:
    """What is known so far: `me` and `partner` are names in the chat, or None when not chosen."""

    people: tuple[str, ...]
    me: str | None
    partner: str | None

    @property
    def pair(self) -> tuple[str, str] | None:
        return (self.me, self.partner) if self.me and self.partner else None

    @property
    def group(self) -> bool:
        return len(self.people) > 2


def choose(people: Sequence[str], me: str, partner: str, display_name: str) -> Choice:
    """The choice from the form's `me` and `partner` (blank when not given) and the uploader's
    display name. Raises ChatChoiceError when fewer than two people wrote, when a name given is
    not one of the chat's, or when both names are the same person."""
    names = tuple(people)
    if len(names) < 2:
        listed = ", ".join(names) or "nobody"
        raise ChatChoiceError(f"this chat needs messages from two people; found {listed}", names)
    me, partner = _given(me, names), _given(partner, names)
    if me and me == partner:
        raise ChatChoiceError(f"{me} was chosen twice; choose yourself and your partner", names)
    mine = me or _matching(names, display_name)
    theirs = partner if partner and partner != mine else None
    if theirs is None and mine is not None and len(names) == 2:
        theirs = next(name for name in names if name != mine)
    return Choice(names, mine, theirs)


def _given(name: str, names: tuple[str, ...]) -> str:
    """A name from the form as the chat writes it; "" when none was given. ChatChoiceError when
    it is not a name of the chat (a form tampered with, or a chat changed since)."""
    if not name.strip():
        return ""
    written = as_written(name, names)
    if written not in names:
        raise ChatChoiceError(f"“{name.strip()}” did not write in this chat", names)
    return written


def _matching(names: tuple[str, ...], display_name: str) -> str | None:
    """The one name equal to the display name (as `folded`), or failing that sharing its first
    word."""
    wanted = folded(display_name)
    if not wanted:
        return None
    same = [name for name in names if folded(name) == wanted]
    if len(same) == 1:
        return same[0]
    first = wanted.split()[0]
    close = [name for name in names if (folded(name).split() or [""])[0] == first]
    return close[0] if len(close) == 1 else None
