"""Which chats of a Messages database are one conversation, from chat rows built here."""

from __future__ import annotations

from nearer.chat.parsers.imessage_conversations import ChatRow, Handle, merged

GROUP, ONE_TO_ONE = 43, 45


def make_row(
    rowid: int, *handles: Handle, identifier: str | None = None, style: int | None = ONE_TO_ONE
) -> ChatRow:
    """A chat row with one message; its identifier is its first handle's address unless given."""
    if identifier is None and handles:
        identifier = handles[0].address
    return ChatRow(rowid, None, identifier, style, handles, 1)


def rowids(rows: list[ChatRow]) -> list[tuple[int, ...]]:
    return [tuple(row.rowid for row in group) for group in merged(rows)]


PHONE = Handle("+15551234567", None)
PHONE_OF_ANA = Handle("+15551234567", "PCID-ana")
EMAIL_OF_ANA = Handle("ana@example.org", "PCID-ana")
FRIEND = Handle("friend@example.org", "PCID-friend")


def test_chats_linked_through_a_third_are_one_conversation() -> None:
    chats = [make_row(1, PHONE), make_row(2, FRIEND), make_row(3, EMAIL_OF_ANA)]
    assert rowids([*chats, make_row(4, PHONE_OF_ANA)]) == [(1, 3, 4), (2,)]


def test_addresses_are_one_whatever_their_case_and_invisible_edges() -> None:
    shouting = Handle("\u200eANA@example.org", None)
    assert rowids([make_row(1, EMAIL_OF_ANA), make_row(2, shouting)]) == [(1, 2)]


def test_a_chat_without_style_is_one_to_one_only_with_exactly_one_person() -> None:
    unmarked = [make_row(1, PHONE, style=None), make_row(2, PHONE, style=None)]
    assert rowids(unmarked) == [(1, 2)]
    several = make_row(3, PHONE, FRIEND, identifier="chat3", style=None)
    nobody = make_row(4, identifier="+15551234567", style=None)
    assert rowids([make_row(1, PHONE), several, nobody]) == [(1,), (3,), (4,)]


def test_a_marked_one_to_one_chat_without_handles_merges_by_its_identifier() -> None:
    assert rowids([make_row(1, identifier="+15551234567"), make_row(2, PHONE)]) == [(1, 2)]


def test_a_group_merges_with_nothing_even_with_one_person_left() -> None:
    left = make_row(2, PHONE, identifier="+15551234567", style=GROUP)
    assert rowids([make_row(1, PHONE), left, make_row(3, PHONE)]) == [(1, 3), (2,)]


def test_a_groups_members_do_not_name_it() -> None:
    group = make_row(1, PHONE, FRIEND, identifier="chat1", style=GROUP)
    assert group.addresses() == ("chat1",)
    assert make_row(2, PHONE, identifier="x").addresses() == ("x", "+15551234567")
