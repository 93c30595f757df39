"""Authors and kinds of WhatsApp messages: fixtures for cases 18-30, then single lines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import pytest

from nearer.chat.parsers import whatsapp
from nearer.chat.parsers.whatsapp_body import classify, name_authors, split_rest
from nearer.chat.records import ChatFile, ParsedChat

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "whatsapp"


def parse_fixture(name: str) -> ParsedChat:
    return whatsapp.parse([ChatFile(name, (FIXTURES / name).read_bytes())])


def rows(name: str) -> list[dict[str, Any]]:
    return parse_fixture(name).messages.to_dicts()


# System lines and authors (cases 18-23) -------------------------------------------------------


def test_android_system_lines_have_no_author_unless_they_name_who_acted() -> None:
    notice, added, left, carol, dave = rows("case18_android_system_without_author.txt")
    assert [m["kind"] for m in (notice, added, left, carol)] == ["system"] * 4
    assert (notice["author"], added["author"]) == (None, None)  # "You" is not a name
    assert (left["author"], carol["author"]) == ("Mallory", "Carol")
    assert (dave["kind"], dave["author"]) == ("text", "Dave")


def test_ios_system_line_is_not_the_partners_message() -> None:
    chat = parse_fixture("case19_ios_system_with_author.txt")
    kinds = chat.messages["kind"].to_list()
    assert kinds == ["system", "system", "text", "deleted", "call"] + ["system"] * 4 + ["text"] * 2
    hana = chat.messages.filter(pl.col("author") == "Hana")
    assert hana["kind"].to_list() == ["text", "call", "text"]
    assert chat.participants == ["Hana", "Max"]


def test_ios_system_actions_keep_the_actor_and_notices_keep_no_one() -> None:
    messages = rows("case19_ios_system_with_author.txt")
    e2e, security, *_ = messages
    assert (e2e["author"], security["author"]) == (None, None)
    created, added_hana, added_max = messages[6:9]
    assert [created["author"], added_hana["author"], added_max["author"]] == ["Boris"] * 3
    assert created["text"] == "Boris created group “Trip 2023”"


def test_ios_deleted_message_and_missed_call_attributed_to_a_person() -> None:
    deleted, call = rows("case19_ios_system_with_author.txt")[3:5]
    assert (deleted["kind"], deleted["author"], deleted["text"]) == ("deleted", "Max", "")
    assert (call["kind"], call["author"], call["missed"]) == ("call", "Hana", True)


def test_sentences_like_system_text_from_a_person_stay_their_words() -> None:
    photos, twice = rows("case19_ios_system_with_author.txt")[-2:]
    assert (photos["kind"], photos["text"]) == ("text", "I added the photos to the album")
    assert (twice["kind"], twice["author"]) == ("text", "Max")


def test_system_text_containing_a_colon_gets_no_made_up_author() -> None:
    renamed, yay, subject = rows("case20_system_text_with_colon.txt")
    assert (renamed["kind"], renamed["author"]) == ("system", "Anna")
    assert renamed["text"] == 'Anna changed the group name from "Trip" to "Trip: Rome"'
    assert (yay["kind"], subject["kind"], subject["author"]) == ("text", "system", "Ben")


def test_authors_with_dashes_and_digits() -> None:
    authors = parse_fixture("case21_authors_with_dash_and_digits.txt").messages["author"]
    assert authors.to_list() == ["Sandrine - French", "My Group 2023", "R2-D2"]


def test_phone_number_author_keeps_its_non_breaking_hyphen() -> None:
    first, _ = rows("case22_phone_number_author.txt")
    assert first["author"] == "+1 (777) 777\u20117777"


def test_non_contact_author_loses_the_tilde_and_is_not_a_saved_contact() -> None:
    ak, maya = rows("case23_non_contact_author.txt")
    assert (ak["author"], ak["saved_contact"], ak["text"]) == ("AK", False, "hi")
    assert (maya["author"], maya["saved_contact"]) == ("Maya", True)


# Bodies: empty, media, deleted, edited, calls, emoji (cases 24-30) ---------------------------


def test_empty_body_without_space_is_a_message_with_its_author() -> None:
    _, carol, _ = rows("case24_empty_body.txt")
    assert (carol["author"], carol["kind"], carol["text"]) == ("Carol", "media", "")


def test_colon_dot_body_is_empty_but_a_real_dot_is_text() -> None:
    placeholder, dot = rows("case24_empty_body_dot.txt")
    assert (placeholder["author"], placeholder["kind"]) == ("John Doe", "media")
    assert (dot["kind"], dot["text"]) == ("text", ".")


@pytest.mark.parametrize(
    "name", ["case25_media_omitted_android.txt", "case25_media_omitted_ios.txt"]
)
def test_media_omitted_in_seven_languages_is_media_without_text(name: str) -> None:
    *media, last = rows(name)
    assert {(m["kind"], m["text"], m["author"]) for m in media} == {("media", "", "Ana")}
    assert last["kind"] == "text"


@pytest.mark.parametrize(
    "body",
    [
        "<Media tidak disertakan>",  # Indonesian
        "<Без медиафайлов>",  # Russian
        "<تم استبعاد الوسائط>",  # Arabic
        "<Medya dahil edilmedi>",  # Turkish
        "<省略影音内容>",  # Chinese: one run of characters
    ],
)
def test_media_left_out_in_an_uncatalogued_language_is_media(body: str) -> None:
    line = read("Ana", body)
    assert (line["kind"], line["text"], line["author"]) == ("media", "", "Ana")


@pytest.mark.parametrize("body", ["<3", "<sigh>", "ok <3 <3", "<2 more>", "<see: below>"])
def test_hearts_single_bracketed_words_and_numbers_stay_text(body: str) -> None:
    assert read("Ana", body)["kind"] == "text"


def test_attachment_with_caption_keeps_the_caption_as_text() -> None:
    photo, voice, german, prose = rows("case26_attachment_with_caption.txt")
    assert (photo["kind"], photo["text"]) == ("media", "Happy Easter\nfrom all of us")
    assert (voice["kind"], voice["text"], german["kind"]) == ("media", "", "media")
    assert (prose["kind"], prose["text"]) == (
        "text",
        "a photo of my notes.jpg (not attached, just text)",
    )


def test_ios_attachments_are_media() -> None:
    kinds = parse_fixture("case26_attachment_ios.txt").messages["kind"].to_list()
    assert kinds == ["media", "media", "media", "text"]


def test_deleted_messages_are_deleted_turns_with_their_author() -> None:
    *deleted, text = rows("case27_deleted.txt")
    assert [(m["kind"], m["text"]) for m in deleted] == [("deleted", "")] * 4
    assert [m["author"] for m in deleted] == ["Ana", "Ben", "Ana", "Ben"]
    assert text["kind"] == "text"


def test_edited_marker_is_removed_and_the_message_is_edited() -> None:
    english, german, multi, html = rows("case28_edited.txt")
    assert (english["kind"], english["text"]) == ("edited", "See you at 3")
    assert (german["kind"], german["text"]) == ("edited", "Bis später")
    assert (multi["kind"], multi["text"]) == ("edited", "first line\nsecond line")
    assert (html["kind"], html["text"]) == ("text", "I wrote <b>bold</b>")


def test_calls_are_calls_and_missed_ones_are_flagged() -> None:
    messages = rows("case29_calls.txt")
    calls = [(m["kind"], m["author"], m["missed"], m["text"]) for m in messages[:6]]
    assert calls == [
        ("call", "Ana", True, ""),
        ("call", "Ben", False, ""),
        ("call", "Ana", True, ""),  # no answer: the other one missed it
        ("call", "Ana", True, ""),
        ("call", "Ben", True, ""),
        ("call", "Ben", False, ""),  # "Ben started a video call"
    ]
    assert messages[6]["kind"] == "text"


def test_zwj_emoji_sequences_survive() -> None:
    family, flag = rows("case30_zwj_emoji.txt")
    assert family["text"] == "👨\u200d👩\u200d👧 ❤\ufe0f\u200d🔥"
    assert "\u200d" in flag["text"]


# Single lines -------------------------------------------------------------------------------------


def split(rest: str) -> dict[str, Any]:
    frame = split_rest(pl.DataFrame({"rest": [rest]}))
    return name_authors(frame).to_dicts()[0]


def read(author: str | None, body: str, hinted: bool = False) -> dict[str, Any]:
    frame = pl.DataFrame(
        {"author": [author], "body": [body], "hinted": [hinted]},
        schema={"author": pl.String, "body": pl.String, "hinted": pl.Boolean},
    )
    return classify(frame).to_dicts()[0]


def test_name_colon_space_splits_author_and_body() -> None:
    line = split("Ana Lopez: see you: at 5")
    assert (line["author"], line["body"], line["saved_contact"]) == (
        "Ana Lopez",
        "see you: at 5",
        True,
    )


@pytest.mark.parametrize("rest", ["Carol:", "John Doe:."])
def test_bare_name_colon_is_an_empty_body(rest: str) -> None:
    line = split(rest)
    assert line["author"] == rest.split(":")[0] and line["body"] == ""


@pytest.mark.parametrize(
    "rest",
    [
        "You added Mallory",
        'Anna changed the subject to "Plans: final"',
        'Ana zmienił temat na "Plan: B"',  # unknown language: a quote before ": " is no name
        "note:no space after the colon",
    ],
)
def test_lines_without_a_name_have_no_author_and_keep_all_their_text(rest: str) -> None:
    line = split(rest)
    assert line["author"] is None and line["body"] == rest


@pytest.mark.parametrize("name", ['Robert "Bob" Smith', "Mamá “Lola”", "«Tata»"])
def test_names_with_paired_quotes_are_names(name: str) -> None:
    line = split(f"{name}: hi")
    assert (line["author"], line["body"]) == (name, "hi")


def test_tilde_marks_someone_not_in_the_contacts() -> None:
    line = split("~\u202fAK: hi")
    assert (line["author"], line["saved_contact"]) == ("AK", False)


def test_invisible_marks_around_a_name_are_dropped() -> None:
    assert split("\u202a+49 170 1234567\u202c: hallo")["author"] == "+49 170 1234567"


def test_plain_text_is_text() -> None:
    assert read("Ana", "hello there") | {} == {
        "author": "Ana",
        "body": "hello there",
        "hinted": False,
        "kind": "text",
        "text": "hello there",
        "missed": False,
        "unexplained": False,
        "worded": False,
    }


def test_a_notice_is_system_whoever_it_is_attributed_to() -> None:
    line = read("Hana", "Your security code with Hana changed. Tap to learn more.")
    assert (line["kind"], line["author"]) == ("system", None)


@pytest.mark.parametrize(
    "body",
    [
        "Messages to this chat and calls are now secured with end-to-end encryption.",
        "\u200eMessages to this chat and calls are now secured with end-to-end encryption.",
        "Nachrichten in diesem Chat sowie Anrufe sind jetzt mit Ende-zu-Ende-Verschlüsselung"
        " geschützt.",
    ],
)
def test_the_old_ios_encryption_notice_under_the_partners_name_is_no_message(body: str) -> None:
    line = read("Sam", body)
    assert (line["kind"], line["author"]) == ("system", None)


def test_an_action_counts_only_under_its_actors_name_or_with_the_system_mark() -> None:
    assert read("Boris", "Boris added Hana")["kind"] == "system"
    assert read("Hana", "Boris added Hana")["kind"] == "text"
    marked = read("Trip 2023", "\u200eBoris added Hana", hinted=True)
    assert (marked["kind"], marked["author"], marked["text"]) == (
        "system",
        "Boris",
        "Boris added Hana",
    )


def test_an_ios_default_timer_notice_is_a_system_line_not_the_partners_words() -> None:
    body = (
        "\u200eSam uses a default timer for disappearing messages in new chats. New messages will"
        " disappear from this chat 7 days after they're sent, except when kept. Tap to update"
        " your own default timer."
    )
    assert read("Sam", body, hinted=True)["kind"] == "system"


def test_you_actions_need_the_system_mark() -> None:
    assert read("Max", "You added me twice")["kind"] == "text"
    marked = read("Max", "You added Ana", hinted=True)
    assert (marked["kind"], marked["author"]) == ("system", None)


def test_own_actions_without_a_pronoun_need_the_system_mark() -> None:
    assert read("Lucía", "Añadiste a Pablo")["kind"] == "text"
    assert read("Lucía", "Añadiste a Pablo", hinted=True)["kind"] == "system"
    assert read(None, "Añadiste a Pablo")["kind"] == "system"


def test_lines_without_author_are_system_or_calls() -> None:
    assert read(None, "Ana left")["author"] == "Ana"
    call = read(None, "Ana started a call")
    assert (call["kind"], call["author"], call["missed"]) == ("call", "Ana", False)
    assert read(None, "Something WhatsApp says")["kind"] == "system"


@pytest.mark.parametrize(
    ("body", "missed"),
    [
        ("Missed voice call. Tap to call back", True),
        ("Voice call. 1 hr 5 min", False),
        ("Video call. No answer", True),
        ("Llamada perdida", True),
        ("Appel vocal manqué", True),
        ("Videoanruf", False),
        # iOS puts a left-to-right mark before the call and another before its outcome.
        ("\u200eVoice call, \u200e4 min", False),
        ("\u200eVideo call, \u200e1 hr 5 min", False),
        ("\u200eMissed voice call, \u200eTap to call back", True),
        ("\u200eVoice call, \u200eNo answer", True),
        ("\u200eSprachanruf, \u200e17 Sek.", False),
    ],
)
def test_call_records(body: str, missed: bool) -> None:
    line = read("Ana", body)
    assert (line["kind"], line["missed"], line["text"], line["author"]) == (
        "call",
        missed,
        "",
        "Ana",
    )


@pytest.mark.parametrize(
    "body", ["2 changed to 3", "Section 3.2 omitted", "v1.0 omitted", "+1 changed to +2"]
)
def test_text_that_resembles_a_notice_or_a_file_stays_text(body: str) -> None:
    assert read("Ana", body)["kind"] == "text"


def test_a_number_change_notice_is_system() -> None:
    assert read("Ana", "+44 7700 900123 changed to +44 7700 900456")["kind"] == "system"
    assert read("Ana", "+49 170 1234567 hat zu +49 170 7654321 gewechselt")["kind"] == "system"
    assert read("Ana", "IMG-20240312-WA0001.jpg omitted")["kind"] == "media"


def test_a_message_that_is_only_the_edit_marker_is_edited_not_media() -> None:
    assert read("Ana", "<This message was edited>")["kind"] == "edited"


@pytest.mark.parametrize("body", ["Video call?", "Voice call me later", "Llamada"])
def test_words_about_calls_are_text(body: str) -> None:
    assert read("Ana", body)["kind"] == "text"


def test_media_caption_and_edits() -> None:
    photo = read("Ana", "\u200eIMG-1.jpg (file attached)\nlook!")
    assert (photo["kind"], photo["text"]) == ("media", "look!")
    edited = read("Ana", "ok <This message was edited>")
    assert (edited["kind"], edited["text"]) == ("edited", "ok")


@pytest.mark.parametrize(
    ("body", "caption"),
    [
        ("Happy Easter \u200e<attached: 00000024-PHOTO-2022-04-17-10-00-00.jpg>", "Happy Easter"),
        (
            "\u200eFrohe Ostern \u200e<Anhang: 00000024-PHOTO-2022-04-17-10-00-00.jpg>",
            "Frohe Ostern",
        ),
        (
            "¡Felices Pascuas! <adjunto: 00000024-PHOTO-2022-04-17-10-00-00.jpg>",
            "¡Felices Pascuas!",
        ),
        (
            "line one\nline two \u200e<attached: 00000025-VIDEO-2022-04-17-10-00-01.mp4>",
            "line one\nline two",
        ),
        ("\u200eReport.pdf • 2 pages \u200e<attached: 00000022-Report.pdf>", ""),
        ("\u200eNotes 2022.pdf • \u200e1 page \u200e<attached: 00000023-Notes 2022.pdf>", ""),
        ("\u200eBericht.pdf • 3 Seiten \u200e<Anhang: 00000026-Bericht.pdf>", ""),
    ],
)
def test_ios_caption_before_the_attached_tag_is_media_with_the_caption_as_text(
    body: str, caption: str
) -> None:
    line = read("Sara", body)
    assert (line["kind"], line["text"], line["author"]) == ("media", caption, "Sara")


@pytest.mark.parametrize(
    "body",
    [
        "I typed <attached: x.jpg> by hand, then more",
        "the doc is attached: see <attached> below",
        "a mail said <Anhang: Rechnung.pdf>\nfollowed by more text",
    ],
)
def test_an_attached_tag_inside_a_message_is_still_text(body: str) -> None:
    assert read("Sara", body)["kind"] == "text"


@pytest.mark.parametrize(
    "body",
    [
        "Çalış Plajı (Fethiye, Muğla): https://foursquare.com/v/4dea6dacd22da22d4ed36317",
        "\u200eCafé Central: https://foursquare.com/v/4b058804f964a520a9c922e3",
    ],
)
def test_a_shared_place_is_media_like_a_shared_location(body: str) -> None:
    line = read("Dmitry", body)
    assert (line["kind"], line["text"], line["author"]) == ("media", "", "Dmitry")


@pytest.mark.parametrize(
    "body",
    [
        "we went here: https://foursquare.com/v/4dea6dacd22da22d4ed36317 and loved it",
        "https://foursquare.com/v/4dea6dacd22da22d4ed36317",
        "see the menu: https://foursquare.com/v/4dea6dacd22da22d4ed36317/photos",
    ],
)
def test_a_foursquare_link_with_words_around_it_is_text(body: str) -> None:
    assert read("Dmitry", body)["kind"] == "text"


def test_a_shared_place_keeps_its_author_on_android_and_ios() -> None:
    venue = "Çalış Plajı (Fethiye, Muğla): https://foursquare.com/v/4dea6dacd22da22d4ed36317"
    for line in (f"3/27/22, 21:46 - Dmitry: {venue}", f"[3/27/22, 21:46:03] Dmitry: {venue}"):
        chat = whatsapp.parse([ChatFile("chat.txt", f"{line}\n".encode())])
        assert chat.messages.select("author", "kind", "text").row(0) == ("Dmitry", "media", "")


def test_rows_keep_their_order_when_some_are_special() -> None:
    frame = pl.DataFrame(
        {
            "author": ["A", "B", "A", None],
            "body": ["hi", "<Media omitted>", "This message was deleted", "You added C"],
            "hinted": [False] * 4,
        }
    )
    assert classify(frame)["kind"].to_list() == ["text", "media", "deleted", "system"]


# Languages the catalogue lacks ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "caption"),
    [
        ("\u200e<вложение: 00000042-PHOTO-2023-08-05-17-54-02.jpg>", ""),
        ("\u200e\u2039вложение: 00000042-PHOTO-2023-08-05-17-54-02.jpg>", ""),
        ("<添付ファイル: 00000043-VIDEO-2023-08-05-17-55-00.mp4>", ""),
        ("\u200f<مرفق: \u200f00000044-STICKER-2023-08-05-17-56-00.webp>", ""),
        ("<załącznik: \u200ePTT-20230805-WA0025.opus>", ""),
        ("\u200e<вложение: 00000045-Отчёт за май.pdf>", ""),
        ("С Пасхой! \u200e<вложение: 00000046-PHOTO-2023-04-16-10-00-00.jpg>", "С Пасхой!"),
    ],
)
def test_an_ios_attachment_tag_in_any_language_is_media_by_its_file_name(
    body: str, caption: str
) -> None:
    line = read("Анна", body)
    assert (line["kind"], line["text"], line["author"]) == ("media", caption, "Анна")


@pytest.mark.parametrize(
    ("body", "caption"),
    [
        ("IMG-20230805-WA0001.jpg (файл прикреплён)", ""),
        ("\u200eVID-20230805-WA0002.mp4 (dosya ekli)\nна пляже", "на пляже"),
    ],
)
def test_an_android_attachment_in_any_language_is_media_by_its_file_name(
    body: str, caption: str
) -> None:
    line = read("Анна", body)
    assert (line["kind"], line["text"]) == ("media", caption)


@pytest.mark.parametrize(
    "body",
    [
        "<вложение: фото.jpg>",  # no counter WhatsApp gives its files
        "<3: 00000042-PHOTO-2023-08-05-17-54-02.jpg>",  # a digit is no label
        "смотри <вложение: 00000042-PHOTO-2023-08-05-17-54-02.jpg> и ещё текст",
        "см. IMG-20230805-WA0001.jpg (вчера)",
        "IMG-20230805-WA0001.jpg (3 шт.)",
    ],
)
def test_text_shaped_almost_like_an_attachment_stays_text(body: str) -> None:
    assert read("Анна", body)["kind"] == "text"
