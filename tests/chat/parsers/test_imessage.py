"""macOS Messages chat.db, from small synthetic databases with the real layout (make_chatdb)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nearer.chat import parsers
from nearer.chat.caveats import Kind, kind_of
from nearer.chat.parsers import imessage
from nearer.chat.parsers.imessage_body import decode_body
from nearer.chat.records import SCHEMA, ChatChoiceNeeded, ChatFile, ChatParseError, ParsedChat
from tests.chat.fixtures.imessage.make_chatdb import (
    CHRISTMAS_2019_S,
    NS,
    ChatDb,
    attributed_body,
)

CHRISTMAS_2019 = datetime.fromisoformat("2019-12-25T20:53:20")  # case 41, naive UTC
PARTNER = "+15551234567"
T0 = CHRISTMAS_2019_S * NS


def make_couple(legacy: bool = False) -> tuple[ChatDb, int, int]:
    """A database with one 1:1 chat between me and the partner: (db, chat, partner handle)."""
    db = ChatDb(legacy=legacy)
    partner = db.handle(PARTNER)
    return db, db.chat(PARTNER, partner), partner


def parse_db(db: ChatDb, **options: Any) -> ParsedChat:
    return imessage.parse([ChatFile("chat.db", db.to_bytes(**options))])


def rows(db: ChatDb) -> list[dict[str, Any]]:
    return parse_db(db).messages.to_dicts()


# Dates (case 41) --------------------------------------------------------------------------


def test_dates_in_nanoseconds_and_in_seconds_give_the_same_utc_time() -> None:
    db, chat, partner = make_couple()
    db.message(chat, T0, text="ns", handle_id=partner)
    legacy, old_chat, old_partner = make_couple(legacy=True)
    legacy.message(old_chat, CHRISTMAS_2019_S, text="s", handle_id=old_partner)
    modern_chat, legacy_chat = parse_db(db), parse_db(legacy)
    assert modern_chat.messages["timestamp"].to_list() == [CHRISTMAS_2019]
    assert legacy_chat.messages["timestamp"].to_list() == [CHRISTMAS_2019]
    assert modern_chat.tz_hint == legacy_chat.tz_hint == "utc"


def test_rows_come_in_date_order_with_the_rowid_as_line() -> None:
    db, chat, partner = make_couple()
    db.message(chat, T0 + 60 * NS, text="synced late, sent second", handle_id=partner)
    db.message(chat, T0, text="sent first", is_from_me=1)
    messages = rows(db)
    assert [m["text"] for m in messages] == ["sent first", "synced late, sent second"]
    assert [m["line"] for m in messages] == [2, 1]
    assert [m["index"] for m in messages] == [0, 1]


def test_rows_without_a_representable_date_are_left_out_with_a_warning() -> None:
    db, chat, partner = make_couple()
    db.message(chat, T0, text="fine", handle_id=partner)
    db.message(chat, None, text="no date", handle_id=partner)
    db.message(chat, -99_999_999_999, text="3170 years before 2001", handle_id=partner)
    chat_ = parse_db(db)
    assert chat_.messages["text"].to_list() == ["fine"]
    assert "left out 2 rows without a readable date from 1900 to 2099" in chat_.warnings
    assert [kind_of(w) for w in chat_.warnings] == [(Kind.UNDATED, 2)]


def test_a_row_dated_zero_or_in_words_has_no_date() -> None:
    db, chat, partner = make_couple()
    db.message(chat, T0, text="fine", handle_id=partner)
    db.message(chat, 0, text="Messages' placeholder: 1 January 2001", handle_id=partner)
    db.message(chat, "abc", text="a date in words reads as 0", handle_id=partner)
    chat_ = parse_db(db)
    assert chat_.messages["text"].to_list() == ["fine"]
    assert "left out 2 rows without a readable date from 1900 to 2099" in chat_.warnings


# Bodies (case 42) -------------------------------------------------------------------------


def test_a_date_outside_the_tables_range_is_left_out_with_the_others() -> None:
    db, chat, partner = make_couple()
    db.message(chat, T0, text="fine", handle_id=partner)
    db.message(chat, -(102 * 365 * 86_400), text="1899, before 1900", handle_id=partner)
    db.message(chat, 3_155_760_000 * NS, text="2101, after 2099", handle_id=partner)
    chat_ = parse_db(db)
    assert chat_.messages["text"].to_list() == ["fine"]
    assert "left out 2 rows without a readable date from 1900 to 2099" in chat_.warnings


def test_null_text_is_read_from_attributed_body() -> None:
    db, chat, partner = make_couple()
    db.message(
        chat,
        T0,
        text=None,
        attributedBody=attributed_body("Dinner at 8? 👨‍👩‍👧"),
        handle_id=partner,
    )
    db.message(
        chat, T0 + NS, text=None, attributedBody=attributed_body("Yes", mutable=True), is_from_me=1
    )
    assert [m["text"] for m in rows(db)] == ["Dinner at 8? 👨‍👩‍👧", "Yes"]


@pytest.mark.parametrize("size", [127, 128, 300, 40_000])
def test_attributed_body_lengths_of_one_two_and_four_bytes(size: int) -> None:
    body = attributed_body("é" * (size // 2) + "a" * (size % 2))
    assert decode_body(body) == "é" * (size // 2) + "a" * (size % 2)


def test_object_replacement_character_means_media_with_the_rest_as_caption() -> None:
    db, chat, partner = make_couple()
    guid = db.message(
        chat, T0, text=None, attributedBody=attributed_body("\ufffcLook!"), handle_id=partner
    )
    db.attach(guid, "IMG_0042.HEIC", "image/heic")
    db.message(chat, T0 + NS, text="\ufffc", is_from_me=1)
    look, photo = rows(db)
    assert (look["kind"], look["text"]) == ("media", "Look!")
    assert (photo["kind"], photo["text"]) == ("media", "")


def test_attachment_join_alone_makes_media() -> None:
    db, chat, partner = make_couple()
    guid = db.message(chat, T0, text="voice note", handle_id=partner, is_audio_message=1)
    db.attach(guid, "Audio Message.caf", "audio/x-caf")
    assert rows(db)[0]["kind"] == "media"


LINK_BALLOON = "com.apple.messages.URLBalloonProvider"


def test_a_link_sent_with_a_rich_preview_is_text_not_media() -> None:
    db, chat, partner = make_couple()
    url = "https://example.com/article"
    link = db.message(chat, T0, text=url, balloon_bundle_id=LINK_BALLOON, handle_id=partner)
    db.preview(link)
    db.message(chat, T0 + NS, text="nice read", is_from_me=1)
    assert [(m["kind"], m["text"]) for m in rows(db)] == [("text", url), ("text", "nice read")]


def test_a_link_balloon_whose_preview_is_not_joined_is_still_text() -> None:
    db, chat, partner = make_couple()
    url = "https://example.com/"
    db.message(chat, T0, text=url, balloon_bundle_id=LINK_BALLOON, handle_id=partner)
    db.db.execute("UPDATE message SET cache_has_attachments = 1")
    (message,) = rows(db)
    assert (message["kind"], message["text"]) == ("text", url)


def test_plugin_payloads_alone_are_no_media_but_a_photo_beside_them_is() -> None:
    db, chat, partner = make_couple()
    payload_only = db.message(chat, T0, text="https://example.com/", handle_id=partner)
    db.preview(payload_only)
    with_photo = db.message(chat, T0 + NS, text="\ufffclook", handle_id=partner)
    db.preview(with_photo)
    db.attach(with_photo, "IMG_0042.HEIC", "image/heic")
    assert [(m["kind"], m["text"]) for m in rows(db)] == [
        ("text", "https://example.com/"),
        ("media", "look"),
    ]


def test_a_preview_is_told_by_its_file_name_when_there_is_no_transfer_name() -> None:
    db, chat, partner = make_couple()
    link = db.message(chat, T0, text="https://example.com/", handle_id=partner)
    db.preview(link)
    db.db.execute("ALTER TABLE attachment DROP COLUMN transfer_name")  # as older databases
    assert rows(db)[0]["kind"] == "text"


def test_unreadable_attributed_body_gives_an_empty_text_message() -> None:
    db, chat, partner = make_couple()
    db.message(
        chat, T0, text=None, attributedBody=b"\x04\x0bstreamtyped\x81\xe8\x03", handle_id=partner
    )
    assert [(m["kind"], m["text"]) for m in rows(db)] == [("text", "")]


def test_invalid_utf8_in_text_is_read_leniently() -> None:
    db, chat, partner = make_couple()
    db.message(chat, T0, text="placeholder", handle_id=partner)
    db.message(chat, T0 + NS, text="fine", is_from_me=1)
    db.db.execute("UPDATE message SET text = CAST(X'436166E9' AS TEXT) WHERE ROWID = 1")
    # "Caf" + a Latin-1 é: U+FFFD, which is also the app-balloon placeholder and goes.
    assert [m["text"] for m in rows(db)] == ["Caf", "fine"]


def test_text_is_normalised_to_nfc_and_zwj_survives() -> None:
    db, chat, partner = make_couple()
    db.message(chat, T0, text="Cafe\u0301 ❤️\u200d🔥", handle_id=partner)
    assert rows(db)[0]["text"] == "Café ❤️\u200d🔥"


# Tapbacks (case 43) -----------------------------------------------------------------------


def test_tapback_is_a_reaction_on_the_target_guid_never_a_message() -> None:
    db, chat, partner = make_couple()
    target = db.message(chat, T0, text="I got the job!", is_from_me=1)
    db.message(
        chat,
        T0 + NS,
        text="Loved “I got the job!”",
        handle_id=partner,
        associated_message_type=2000,
        associated_message_guid=f"p:0/{target}",
    )
    db.message(
        chat,
        T0 + 2 * NS,
        text="Laughed at a link",
        is_from_me=1,
        associated_message_type=2003,
        associated_message_guid=f"bp:{target}",
    )
    message, loved, laughed = rows(db)
    assert message["kind"] == "text" and message["message_id"] == target
    assert (loved["kind"], loved["text"], loved["target_id"]) == ("reaction", "loved", target)
    assert loved["author"] == PARTNER
    assert (laughed["text"], laughed["target_id"], laughed["author"]) == ("laughed", target, "Me")


def test_withdrawn_tapback_cancels_the_same_persons_tapback() -> None:
    db, chat, partner = make_couple()
    target = db.message(chat, T0, text="hi", is_from_me=1)
    part = f"p:0/{target}"
    db.message(
        chat, T0 + NS, handle_id=partner, associated_message_type=2001, associated_message_guid=part
    )
    db.message(
        chat, T0 + 2 * NS, is_from_me=1, associated_message_type=2002, associated_message_guid=part
    )
    db.message(
        chat,
        T0 + 3 * NS,
        handle_id=partner,
        associated_message_type=3001,
        associated_message_guid=part,
    )
    assert [(m["author"], m["text"]) for m in rows(db)] == [("Me", "hi"), ("Me", "disliked")]


def test_custom_emoji_and_sticker_tapbacks() -> None:
    db, chat, partner = make_couple()
    target = db.message(chat, T0, text="home safe", is_from_me=1)
    db.message(
        chat,
        T0 + NS,
        handle_id=partner,
        associated_message_type=2006,
        associated_message_emoji="🫶",
        associated_message_guid=f"p:0/{target}",
    )
    db.message(
        chat,
        T0 + 2 * NS,
        handle_id=partner,
        associated_message_type=1000,
        associated_message_guid=f"p:0/{target}",
    )
    assert [m["text"] for m in rows(db)[1:]] == ["🫶", "sticker"]


# Edits, unsends, replies, authors --------------------------------------------------------


def test_edited_message_is_edited_with_its_final_text() -> None:
    db, chat, _ = make_couple()
    db.message(
        chat,
        T0,
        text=None,
        attributedBody=attributed_body("See you at 3"),
        is_from_me=1,
        date_edited=T0 + 30 * NS,
    )
    assert [(m["kind"], m["text"]) for m in rows(db)] == [("edited", "See you at 3")]


def test_unsent_and_retracted_messages_are_deleted() -> None:
    db, chat, partner = make_couple()
    db.message(chat, T0, text=None, is_from_me=1, date_edited=T0 + 60 * NS)
    db.message(chat, T0 + NS, text=None, handle_id=partner, date_retracted=T0 + 90 * NS)
    assert [(m["kind"], m["text"]) for m in rows(db)] == [("deleted", ""), ("deleted", "")]


def test_reply_points_at_the_message_it_answers() -> None:
    db, chat, partner = make_couple()
    question = db.message(chat, T0, text="Are you ok?", is_from_me=1)
    db.message(chat, T0 + NS, text="Better now", handle_id=partner, thread_originator_guid=question)
    assert rows(db)[1]["target_id"] == question


def test_my_messages_are_me_and_the_partners_carry_their_handle() -> None:
    db, chat, partner = make_couple()
    db.message(chat, T0, text="hi", is_from_me=1)
    db.message(chat, T0 + NS, text="hey", handle_id=partner)
    chat_ = parse_db(db)
    assert [m["author"] for m in chat_.messages.to_dicts()] == ["Me", PARTNER]
    assert set(chat_.participants) == {"Me", PARTNER}


# Group actions and chat choice -----------------------------------------------------------


def test_group_actions_are_system_lines_by_the_person_who_acted() -> None:
    db = ChatDb()
    ana, ben = db.handle("ana@example.org"), db.handle("+447700900123")
    group = db.chat("chat123456", ana, ben, display_name="Us")
    db.message(group, T0, text="hello all", handle_id=ana)
    db.message(group, T0 + NS, item_type=1, group_action_type=0, other_handle=ben, handle_id=ana)
    db.message(group, T0 + 2 * NS, item_type=2, group_title="Weekend", is_from_me=1)
    db.message(group, T0 + 3 * NS, item_type=3, group_action_type=0, handle_id=ben)
    db.message(group, T0 + 4 * NS, item_type=6, handle_id=ana)
    messages = rows(db)
    assert [m["kind"] for m in messages] == ["text", "system", "system", "system", "call"]
    assert (
        messages[1]["text"] == "added +447700900123" and messages[1]["author"] == "ana@example.org"
    )
    assert (messages[2]["author"], messages[2]["text"]) == (
        "Me",
        "named the conversation “Weekend”",
    )
    assert messages[3]["text"] == "left the conversation"


def test_a_database_of_several_chats_asks_which_most_messages_first() -> None:
    with pytest.raises(ChatChoiceNeeded) as asked:
        imessage.parse([ChatFile("chat.db", two_chats().to_bytes())])
    assert asked.value.choices == (PARTNER, "Sam")
    assert str(asked.value) == (
        f'chat.db: the export holds 2 chats; choose one: "{PARTNER}" (id 1), "Sam" (id 2)'
    )


def two_chats() -> ChatDb:
    """Three messages with the partner, one in a chat named "Sam" with a friend."""
    db, chat, partner = make_couple()
    friend = db.handle("friend@example.org")
    other = db.chat("friend@example.org", friend, display_name="Sam")
    for second in range(3):
        db.message(chat, T0 + second * NS, text=f"us {second}", handle_id=partner)
    db.message(other, T0, text="not us", handle_id=friend)
    return db


@pytest.mark.parametrize("called", ["Sam", "sam", "Friend@Example.org"])
def test_a_chat_asked_for_by_name_or_address_is_read_whatever_its_size(called: str) -> None:
    db = two_chats()
    chosen = imessage.parse([ChatFile("chat.db", db.to_bytes())], chat=called)
    assert chosen.messages["text"].to_list() == ["not us"] and chosen.title == "Sam"


def test_a_chat_no_chat_is_called_lists_the_chats() -> None:
    with pytest.raises(ChatChoiceNeeded) as refused:
        imessage.parse([ChatFile("chat.db", two_chats().to_bytes())], chat="Alex")
    assert refused.value.choices == (PARTNER, "Sam")
    assert str(refused.value).startswith('chat.db: no chat is called "Alex"; the export holds 2')


def split_conversation() -> ChatDb:
    """One conversation in two chats of one number, as Messages splits iMessage and SMS: three
    messages by iMessage (chat 1) and, between them, two by SMS (chat 2)."""
    db, imessage_chat, partner = make_couple()
    sms_chat = db.chat(PARTNER, db.handle(PARTNER, service="SMS"), service="SMS")
    for second in range(3):
        db.message(
            imessage_chat, T0 + 2 * second * NS, text=f"imessage {second}", handle_id=partner
        )
    for second in range(2):
        db.message(sms_chat, T0 + (2 * second + 1) * NS, text=f"sms {second}", handle_id=partner)
    return db


SPLIT_IN_ORDER = ["imessage 0", "sms 0", "imessage 1", "sms 1", "imessage 2"]


def with_friend(db: ChatDb, messages: int = 1) -> ChatDb:
    """`db` with a chat named "Sam" with someone else, so that a conversation must be chosen."""
    friend = db.handle("friend@example.org")
    other = db.chat("friend@example.org", friend, display_name="Sam")
    for second in range(messages):
        db.message(other, T0 + second * NS, text="not us", handle_id=friend)
    return db


def same_person(db: ChatDb, *handles: int, person: str | None = "PCID-ana") -> None:
    """Give `handles` one person_centric_id (None: none), as Messages links one contact's."""
    for handle in handles:
        db.db.execute("UPDATE handle SET person_centric_id = ? WHERE ROWID = ?", (person, handle))


def phone_and_email(person: str | None = "PCID-ana") -> ChatDb:
    """The partner's chat by phone number (chat 1: two messages) and by e-mail (chat 2: one
    message from them, one from me), their two handles given `person`."""
    db, phone_chat, phone = make_couple()
    email = db.handle("ana@example.org")
    email_chat = db.chat("ana@example.org", email)
    same_person(db, phone, email, person=person)
    db.message(phone_chat, T0, text="by phone", handle_id=phone)
    db.message(email_chat, T0 + NS, text="by email", handle_id=email)
    db.message(email_chat, T0 + 2 * NS, text="mine by email", is_from_me=1, handle_id=email)
    db.message(phone_chat, T0 + 3 * NS, text="by phone again", handle_id=phone)
    return db


def test_an_imessage_and_an_sms_chat_of_one_number_are_read_as_one_conversation() -> None:
    parsed = parse_db(split_conversation())
    assert parsed.messages["text"].to_list() == SPLIT_IN_ORDER
    assert parsed.title == PARTNER and set(parsed.participants) == {PARTNER}


@pytest.mark.parametrize("called", ["1", "2", PARTNER, f" {PARTNER} "])
def test_any_id_or_address_of_a_split_conversation_reads_it_whole(called: str) -> None:
    data = with_friend(split_conversation()).to_bytes()
    chosen = imessage.parse([ChatFile("chat.db", data)], chat=called)
    assert chosen.messages["text"].to_list() == SPLIT_IN_ORDER


def test_a_split_conversation_is_listed_once_by_its_first_chats_id() -> None:
    with pytest.raises(ChatChoiceNeeded) as asked:
        imessage.parse([ChatFile("chat.db", with_friend(split_conversation()).to_bytes())])
    assert (asked.value.choices, asked.value.ids) == ((PARTNER, "Sam"), ("1", "3"))
    assert str(asked.value).endswith(f'choose one: "{PARTNER}" (id 1), "Sam" (id 3)')


def test_a_message_joined_to_two_chats_of_a_conversation_is_read_and_counted_once() -> None:
    db, imessage_chat, partner = make_couple()
    sms_chat = db.chat(PARTNER, db.handle(PARTNER, service="SMS"), service="SMS")
    for second in range(3):
        db.message(imessage_chat, T0 + second * NS, text=f"both {second}", handle_id=partner)
        (rowid,) = db.db.execute("SELECT MAX(ROWID) FROM message").fetchone()
        db.db.execute("INSERT INTO chat_message_join VALUES (?, ?, 0)", (sms_chat, rowid))
    with_friend(db, messages=4)
    with pytest.raises(ChatChoiceNeeded) as asked:  # 3 messages, not 6: after Sam's 4
        imessage.parse([ChatFile("chat.db", db.to_bytes())])
    assert asked.value.choices == ("Sam", PARTNER)
    chosen = imessage.parse([ChatFile("chat.db", db.to_bytes())], chat=PARTNER)
    assert chosen.messages["text"].to_list() == ["both 0", "both 1", "both 2"]


def test_handles_of_one_person_are_one_conversation_under_their_first_address() -> None:
    parsed = parse_db(phone_and_email())
    assert parsed.title == f"{PARTNER}, ana@example.org"
    assert [(m["author"], m["text"]) for m in parsed.messages.to_dicts()] == [
        (PARTNER, "by phone"),
        (PARTNER, "by email"),
        ("Me", "mine by email"),
        (PARTNER, "by phone again"),
    ]


@pytest.mark.parametrize("called", ["ana@example.org", "ANA@example.org", "2"])
def test_either_address_of_one_person_names_their_whole_conversation(called: str) -> None:
    data = with_friend(phone_and_email()).to_bytes()
    chosen = imessage.parse([ChatFile("chat.db", data)], chat=called)
    assert chosen.messages.height == 4 and set(chosen.participants) == {"Me", PARTNER}


def test_a_tapback_withdrawn_from_another_address_of_the_same_person_is_withdrawn() -> None:
    db = phone_and_email()
    phone, email = 1, 2  # phone_and_email's chats, and handles, by number
    target = db.message(phone, T0 + 4 * NS, text="I got the job!", is_from_me=1)
    part = f"p:0/{target}"
    db.message(
        phone,
        T0 + 5 * NS,
        handle_id=phone,
        associated_message_type=2000,
        associated_message_guid=part,
    )
    db.message(
        email,
        T0 + 6 * NS,
        handle_id=email,
        associated_message_type=3000,
        associated_message_guid=part,
    )
    assert "reaction" not in parse_db(db).messages["kind"].to_list()


@pytest.mark.parametrize("person", [None, ""])
def test_handles_without_a_person_in_common_stay_apart(person: str | None) -> None:
    with pytest.raises(ChatChoiceNeeded) as asked:
        parse_db(phone_and_email(person=person))
    assert asked.value.choices == (PARTNER, "ana@example.org")


def test_a_database_without_person_ids_still_merges_the_chats_of_one_number() -> None:
    db = split_conversation()
    db.db.execute("ALTER TABLE handle DROP COLUMN person_centric_id")
    assert parse_db(db).messages["text"].to_list() == SPLIT_IN_ORDER


def test_group_chats_are_never_merged() -> None:
    db, chat, partner = make_couple()
    friend = db.handle("friend@example.org")
    groups = [db.chat(f"chat{n}", partner, friend, display_name="Us") for n in (1, 2)]
    left_alone = db.chat("chat3", partner, display_name="Trip")  # the others left the group
    db.db.execute("UPDATE chat SET style = 43 WHERE ROWID = ?", (left_alone,))
    for at, where in enumerate((chat, *groups, left_alone)):
        db.message(where, T0 + at * NS, text=f"in chat {where}", handle_id=partner)
    with pytest.raises(ChatChoiceNeeded) as asked:
        parse_db(db)
    assert asked.value.choices == (PARTNER, "Us (id 2)", "Us (id 3)", "Trip")
    one_to_one = imessage.parse([ChatFile("chat.db", db.to_bytes())], chat=PARTNER)
    assert one_to_one.messages["text"].to_list() == [f"in chat {chat}"]


def test_a_name_as_written_case_included_comes_before_the_same_name_in_other_case() -> None:
    db = two_chats()
    stranger = db.handle("ben@example.org")
    ben = db.chat("ben@example.org", stranger, display_name="sam")
    db.message(ben, T0, text="not Sam's", handle_id=stranger)
    data = db.to_bytes()
    assert imessage.parse([ChatFile("chat.db", data)], chat="sam").messages["text"].to_list() == [
        "not Sam's"
    ]
    assert imessage.parse([ChatFile("chat.db", data)], chat="Sam").messages["text"].to_list() == [
        "not us"
    ]
    with pytest.raises(ChatChoiceNeeded, match='2 chats are called "SAM"'):
        imessage.parse([ChatFile("chat.db", data)], chat="SAM")


def test_messages_outside_any_chat_are_all_read_when_no_chat_has_messages() -> None:
    db, _, partner = make_couple()
    db.message(None, T0, text="orphan", handle_id=partner)
    assert [m["text"] for m in rows(db)] == ["orphan"]


def test_single_chat_gets_no_warning_and_its_display_name_as_title() -> None:
    db = ChatDb()
    partner = db.handle(PARTNER)
    chat = db.chat(PARTNER, partner, display_name="Sam ❤️")
    db.message(chat, T0, text="hi", handle_id=partner)
    parsed = parse_db(db)
    assert parsed.title == "Sam ❤️" and parsed.warnings == ()


# Opening the bytes ------------------------------------------------------------------------


def test_a_wal_mode_database_opens_in_memory() -> None:
    db, chat, partner = make_couple()
    db.message(chat, T0, text="from a live chat.db", handle_id=partner)
    assert parse_db(db, wal=True).messages["text"].to_list() == ["from a live chat.db"]


def test_sniff_wants_sqlite_with_messages_tables() -> None:
    db, chat, partner = make_couple()
    db.message(chat, T0, text="hi", handle_id=partner)
    other = sqlite3.connect(":memory:")
    other.execute("CREATE TABLE notes (body TEXT)")
    assert imessage.sniff([ChatFile("notes.txt", b"x"), ChatFile("chat.db", db.to_bytes(wal=True))])
    assert not imessage.sniff([ChatFile("notes.db", other.serialize())])
    assert not imessage.sniff([ChatFile("chat.txt", b"[1/29/18, 23:33:03] Alice: hi")])
    assert not imessage.sniff([ChatFile("chat.db", b"SQLite format 3\x00" + b"\x00" * 90)])


def test_other_sqlite_database_is_refused_by_name() -> None:
    other = sqlite3.connect(":memory:")
    other.execute("CREATE TABLE notes (body TEXT)")
    with pytest.raises(ChatParseError, match="not a Messages database") as error:
        imessage.parse([ChatFile("notes.db", other.serialize())])
    assert error.value.file == "notes.db"


def test_a_damaged_or_other_database_is_named_so_when_detected() -> None:
    whole = two_chats().to_bytes()
    with pytest.raises(ChatParseError, match=r"the database cannot be read .*copy chat\.db again"):
        parsers.parse([ChatFile("chat.db", whole[: len(whole) // 2])])
    other = sqlite3.connect(":memory:")
    other.execute("CREATE TABLE notes (body TEXT)")
    with pytest.raises(ChatParseError, match=r"notes\.db: not a Messages database"):
        parsers.parse([ChatFile("notes.db", other.serialize())])


def test_files_that_are_not_databases_are_refused() -> None:
    with pytest.raises(ChatParseError, match="no SQLite database"):
        imessage.parse([ChatFile("chat.txt", b"hello")])
    with pytest.raises(ChatParseError, match="cannot read"):
        imessage.parse([ChatFile("chat.db", b"SQLite format 3\x00" + b"\xff" * 200)])


# Robustness -------------------------------------------------------------------------------


def make_seed() -> bytes:
    db, chat, partner = make_couple()
    target = db.message(
        chat, T0, text=None, attributedBody=attributed_body("\ufffcLook!"), handle_id=partner
    )
    db.attach(target, "IMG_1.jpg")
    db.message(
        chat,
        T0 + NS,
        is_from_me=1,
        associated_message_type=2000,
        associated_message_guid=f"p:0/{target}",
    )
    db.message(chat, T0 + 2 * NS, text="edited", is_from_me=1, date_edited=T0 + 3 * NS)
    db.message(chat, T0 + 4 * NS, item_type=2, group_title="Us", handle_id=partner)
    return db.to_bytes()


SEED = make_seed()


def parses_or_refuses(files: list[ChatFile]) -> None:
    assert isinstance(imessage.sniff(files), bool)
    try:
        chat = imessage.parse(files)
    except ChatParseError:
        return
    assert chat.messages.schema == SCHEMA
    assert len(chat.messages.to_dicts()) == chat.messages.height  # every value fits Python


def test_the_seed_database_parses() -> None:
    assert imessage.parse([ChatFile("chat.db", SEED)]).messages.height == 4


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=4000))
def test_random_bytes_parse_or_are_refused(data: bytes) -> None:
    parses_or_refuses([ChatFile("chat.db", data)])
    parses_or_refuses([ChatFile("chat.db", b"SQLite format 3\x00" + data)])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, len(SEED) - 1), st.binary(min_size=1, max_size=16)), max_size=6
    )
)
def test_mutated_database_parses_or_is_refused(edits: list[tuple[int, bytes]]) -> None:
    data = bytearray(SEED)
    for position, chunk in edits:
        data[position : position + len(chunk)] = chunk
    parses_or_refuses([ChatFile("chat.db", bytes(data))])


@settings(max_examples=200, deadline=None)
@given(
    st.binary(max_size=300),
    st.one_of(st.none(), st.text(max_size=20)),
    st.integers(-(2**63), 2**63 - 1),
)
def test_random_column_values_parse(body: bytes, text: str | None, date: int) -> None:
    db, chat, partner = make_couple()
    db.message(
        chat,
        date,
        text=text,
        attributedBody=b"NSString\x01\x94\x84\x01+" + body,
        handle_id=partner,
        associated_message_type=date % 5000,
        associated_message_guid=text,
    )
    parses_or_refuses([ChatFile("chat.db", db.to_bytes())])


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_typedstream_decoder_never_raises(data: bytes) -> None:
    result = decode_body(b"NSString\x01\x94\x84\x01+" + data)
    assert result is None or isinstance(result, str)


def test_a_database_of_one_chat_asked_for_another_says_there_is_none_to_choose() -> None:
    db, chat, partner = make_couple()
    db.message(chat, T0, text="us", handle_id=partner)
    with pytest.raises(ChatChoiceNeeded) as refused:
        imessage.parse([ChatFile("chat.db", db.to_bytes())], chat="Bob")
    assert str(refused.value) == (
        f'chat.db: no chat is called "Bob"; the export holds one chat, "{PARTNER}" (id 1), so '
        "there is none to choose"
    )


def test_invisible_characters_and_spaces_at_a_handles_edges_make_no_other_person() -> None:
    db, chat, partner = make_couple()
    written = db.handle(f"\u200e{PARTNER}\u00a0")
    db.message(chat, T0, text="one", handle_id=partner)
    db.message(chat, T0 + NS, text="two", handle_id=written)
    assert [m["author"] for m in rows(db)] == [PARTNER, PARTNER]
