"""Which two people of the chat the import is about, and which of them is the uploader.

A chat of two people needs only to know which one is the uploader: the name they give, else the
participant whose name matches their display name. A group chat also needs the partner. When
either is missing the page asks, listing the names (which are shown, never stored).

People who go by one display name ("Alex" and "Alex (2)", pair.namesakes) are never told apart
by a name: not the account's, whoever wrote first, and not a name typed, which is all of theirs.
The page asks, showing what each sent, and each is chosen as pair.choosable writes them
("Alex (1)", "Alex (2)").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from nearer.chat.pair import (
    ChatChoiceError,
    Sent,
    as_written,
    choosable,
    folded,
    has_namesakes,
    namesakes,
    numbered,
)


@dataclass(frozen=True)
class Choice:
    """What is known so far: `me` and `partner` are names in the chat, or None when not chosen."""

    people: tuple[str, ...]
    me: str | None
    partner: str | None
    sent: Mapping[str, Sent] = field(default_factory=dict, compare=False)

    @property
    def pair(self) -> tuple[str, str] | None:
        return (self.me, self.partner) if self.me and self.partner else None

    @property
    def group(self) -> bool:
        return len(self.people) > 2

    @property
    def options(self) -> tuple[Option, ...]:
        """Each person as the page offers them; namesakes with what they sent."""
        return tuple(
            Option(name, choosable(name, self.people), self._told(name)) for name in self.people
        )

    def choices_for(self, field: str) -> tuple[str, ...]:
        """The names `field` ("me" or "partner") may take, as they are sent (pair.choosable):
        anyone of the chat for `me`; for `partner`, anyone but `me` once that is known."""
        return tuple(
            option.value
            for option in self.options
            if field != "partner" or not self.me or option.name != self.me
        )

    def _told(self, name: str) -> Sent | None:
        return self.sent.get(name) if has_namesakes(name, self.people) else None


@dataclass(frozen=True)
class Option:
    """A person of the chat on the page: `name` as shown, `value` as sent back, and `sent`, what
    they sent, for namesakes (None for anyone else)."""

    name: str
    value: str
    sent: Sent | None


class WrongName(ChatChoiceError):
    """A name given is not one of the chat's, or both names are the same person. `field` is the
    form field to send again ("me" or "partner"); `choice` is what is known without it, to ask
    again."""

    def __init__(self, message: str, field: str, choice: Choice) -> None:
        super().__init__(message, choice.people)
        self.field, self.choice = field, choice


def choose(
    people: Sequence[str],
    me: str,
    partner: str,
    display_name: str,
    sent: Mapping[str, Sent] | None = None,
    partner_name: str = "",
) -> Choice:
    """The choice from the form's `me` and `partner` (blank when not given) and the display
    names of the uploader and of their partner (`partner_name`); `sent` (pair.sent_by) tells
    namesakes apart on the page. Raises ChatChoiceError when fewer than two people wrote, and
    WrongName when a name given is not one of the chat's, both names are the same person, or
    the uploader's is the partner's (`_the_partners`)."""
    names = tuple(people)
    if len(names) < 2:
        listed = ", ".join(names) or "nobody"
        raise ChatChoiceError(f"this chat needs messages from two people; found {listed}", names)
    if namesakes(me, names):  # typed, it is theirs all alike: ask
        me = ""
    wanted_me, wanted_partner = _written(me, names), _written(partner, names)
    if wanted_me:
        mine = wanted_me if wanted_me in names else None
    else:
        mine = _matching(names, display_name)
    theirs = wanted_partner if wanted_partner in names and wanted_partner != mine else None
    if theirs is None and mine is not None and len(names) == 2:
        theirs = next(name for name in names if name != mine)
    known = Choice(names, mine, theirs, sent or {})
    if wanted_me and mine is None:
        raise WrongName(f"“{me.strip()}” did not write in this chat", "me", known)
    if wanted_partner and wanted_partner not in names:
        raise WrongName(f"“{partner.strip()}” did not write in this chat", "partner", known)
    if wanted_me and wanted_me == wanted_partner:
        problem = f"{mine} was chosen twice; choose yourself and your partner"
        raise WrongName(problem, "partner", known)
    if mine is not None and _the_partners(mine, display_name, partner_name):
        problem = f"“{mine}” is your partner's name in nearer; choose yourself"
        raise WrongName(problem, "me", Choice(names, None, None, sent or {}))
    return known


def _the_partners(mine: str, display_name: str, partner_name: str) -> bool:
    """Whether the name given for the uploader is exactly the partner's display name, and not
    the uploader's own: the partner's figures would be shown as the uploader's, or a chat of the
    partner's with someone else taken for the couple's."""
    me, partner = folded(display_name), folded(partner_name)
    return bool(partner) and partner != me and folded(mine) == partner


def _written(name: str, names: tuple[str, ...]) -> str:
    """A name from the form as the chat writes it, which the caller checks is one of `names` (it
    is not when the form was tampered with, or the chat changed since); "" when none was
    given."""
    return as_written(name, names) if name.strip() else ""


def _matching(names: tuple[str, ...], display_name: str) -> str | None:
    """The one name equal to the display name (as `folded`), or failing that sharing its first
    word; never one of namesakes, nor a label the parsers numbered ("Alex (2)": another "Alex"
    is in the chat, if only by a reaction)."""
    wanted = folded(display_name)
    if not wanted or namesakes(display_name, names):
        return None
    same = [name for name in names if folded(name) == wanted]
    if len(same) == 1:
        return same[0]
    first = wanted.split()[0]
    close = [name for name in names if (folded(name).split() or [""])[0] == first]
    return close[0] if len(close) == 1 and not numbered(close[0]) else None
