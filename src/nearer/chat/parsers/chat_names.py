"""Which of an export's chats a `--chat` names, by one rule for every format that holds several
(docs/chat/formats.md, "One rule for `--chat`"): the one it names as written, case included,
and only then the one it names case and spacing aside ("ben" beside "Ben" is "ben"; "BEN" asks
which). Each format says what names a chat, in the order tried: a chat's label as the list
shows it before its id, so that "99" is the chat called so before the chat whose id it is."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from nearer.chat.pair import folded

Chat = TypeVar("Chat")
#: One way of naming a chat: its names so (None or "": none).
Way = Callable[[Chat], Iterable[str | None]]


def named(chats: Sequence[Chat], wanted: str, *ways: Way[Chat]) -> list[Chat]:
    """The chat `wanted` names, alone in the list: as written, by the first of `ways` that names
    exactly one, else case and spacing aside, so. Failing both, every chat it names in any way
    case and spacing aside (none, or several to ask which of)."""
    written, loose = wanted.strip(), folded(wanted)
    if not loose:  # nothing but spaces names nothing
        return []

    def as_written(name: str) -> bool:
        return name == written

    def loosely(name: str) -> bool:
        return folded(name) == loose

    for test in (as_written, loosely):
        for way in ways:
            found = _named_by(chats, test, (way,))
            if len(found) == 1:
                return found
    return _named_by(chats, loosely, ways)


def distinct(labels: Sequence[str], ids: Sequence[str]) -> list[str]:
    """Each label, with its id after it where another label is the same, case and spacing
    aside (a choice is compared so): "Family (id 12)", "Family (id 31)"."""
    counts = Counter(folded(label) for label in labels)
    return [
        label if counts[folded(label)] == 1 else f"{label} (id {id})"
        for label, id in zip(labels, ids, strict=True)
    ]


def _named_by(
    chats: Sequence[Chat], test: Callable[[str], bool], ways: Sequence[Way[Chat]]
) -> list[Chat]:
    """The chats one of whose names, in any of `ways`, passes `test`."""
    return [
        chat for chat in chats if any(name and test(name) for way in ways for name in way(chat))
    ]
