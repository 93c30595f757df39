"""WhatsApp exports as .zip (case 35): the chat text is found among media and Mac leftovers."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nearer.chat import parsers
from nearer.chat.parsers import whatsapp_zip
from nearer.chat.records import SCHEMA, ChatFile, ChatParseError
from tests.chat.parsers.conftest import make_zip

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "whatsapp"


def zip_folder(folder: str, name: str) -> ChatFile:
    root = FIXTURES / folder
    members = {
        p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()
    }
    return make_zip(members, name)


def test_ios_zip_reads_chat_txt_and_ignores_media_and_macosx() -> None:
    archive = zip_folder("case35_ios_zip", "WhatsApp Chat - Ben.zip")
    assert whatsapp_zip.sniff([archive])
    chat = whatsapp_zip.parse([archive])
    assert chat.format == "whatsapp_zip" and chat.title == "Ben"
    assert chat.messages["kind"].to_list() == ["media", "text", "text"]
    assert chat.messages.schema == SCHEMA


def test_ios_zip_with_media_counts_captioned_photos_and_documents_as_media() -> None:
    mark = "\u200e"
    chat_text = (
        "[19/08/2022, 21:15:01] Ali: hi\n"
        f"{mark}[19/08/2022, 21:15:03] Ali: {mark}Report.pdf • 2 pages"
        f" {mark}<attached: 00000022-Report.pdf>\n"
        f"{mark}[19/08/2022, 21:15:05] Sara: Happy Easter"
        f" {mark}<attached: 00000024-PHOTO-2022-08-19-21-15-05.jpg>\n"
    )
    archive = make_zip(
        {
            "_chat.txt": chat_text.encode(),
            "00000022-Report.pdf": b"%PDF",
            "00000024-PHOTO-2022-08-19-21-15-05.jpg": b"\xff\xd8",
        },
        "WhatsApp Chat - Ali.zip",
    )
    chat = whatsapp_zip.parse([archive])
    assert chat.messages.select("author", "kind", "text").rows() == [
        ("Ali", "text", "hi"),
        ("Ali", "media", ""),
        ("Sara", "media", "Happy Easter"),
    ]


def test_android_zip_reads_the_only_chat_text() -> None:
    archive = zip_folder("case35_android_zip", "WhatsApp Chat with Ben.zip")
    chat = whatsapp_zip.parse([archive])
    assert chat.title == "Ben"
    assert chat.messages["author"].to_list() == ["Ana", "Ben", "Ana"]


def test_chat_txt_wins_over_other_text_files() -> None:
    chat_text = (FIXTURES / "case35_ios_zip" / "_chat.txt").read_bytes()
    archive = make_zip({"notes.txt": b"shopping list", "_chat.txt": chat_text})
    assert whatsapp_zip.parse([archive]).messages.height == 3


def test_zip_without_chat_text_is_a_clear_error() -> None:
    archive = make_zip({"IMG-1.jpg": b"\xff\xd8", "__MACOSX/._x.txt": b"\x00"})
    assert not whatsapp_zip.sniff([archive])
    with pytest.raises(ChatParseError, match="no chat text"):
        whatsapp_zip.parse([archive])


def test_zip_with_several_chats_names_them() -> None:
    archive = make_zip({"WhatsApp Chat with A.txt": b"x", "WhatsApp Chat with B.txt": b"y"})
    with pytest.raises(ChatParseError, match=r"several chats.*with A\.txt.*with B\.txt"):
        whatsapp_zip.parse([archive])


def test_damaged_zip_is_a_parse_error_and_no_sniff() -> None:
    broken = ChatFile("broken.zip", b"PK\x03\x04" + b"\x00" * 40)
    assert not whatsapp_zip.sniff([broken])
    with pytest.raises(ChatParseError, match=r"broken\.zip"):
        whatsapp_zip.parse([broken])


@pytest.mark.parametrize(
    ("members", "reason"),
    [
        ({"IMG-1.jpg": b"\xff\xd8"}, r"export\.zip: no chat text \(\.txt\) in this export"),
        (
            {"a.txt": b"x", "b.txt": b"y"},
            r"export\.zip: holds several chats \(a\.txt, b\.txt\); nearer reads one at a time: "
            r"take the one you mean out of the zip and give nearer its \.txt",
        ),
    ],
)
def test_detection_passes_on_why_a_zip_cannot_be_read(
    members: dict[str, bytes], reason: str
) -> None:
    with pytest.raises(ChatParseError, match=reason):
        parsers.detect([make_zip(members)])


def test_detection_says_a_damaged_zip_cannot_be_read() -> None:
    with pytest.raises(ChatParseError, match=r"broken\.zip: cannot read this zip"):
        parsers.detect([ChatFile("broken.zip", b"PK\x03\x04" + b"\x00" * 40)])


def test_detection_reads_one_whatsapp_export_at_a_time() -> None:
    text = (FIXTURES / "case13_ios_no_comma.txt").read_bytes()
    with pytest.raises(ChatParseError, match=r"p1\.txt, p2\.txt: each WhatsApp export is a whole"):
        parsers.detect([ChatFile("p1.txt", text), ChatFile("p2.txt", text)])
    with pytest.raises(ChatParseError, match=r"a\.zip, b\.zip: nearer reads one zip export at a"):
        parsers.detect(
            [make_zip({"_chat.txt": text}, "a.zip"), make_zip({"_chat.txt": text}, "b.zip")]
        )


def test_plain_text_is_not_a_zip_export() -> None:
    text = ChatFile("chat.txt", (FIXTURES / "case13_ios_no_comma.txt").read_bytes())
    assert not whatsapp_zip.sniff([text])
    with pytest.raises(ChatParseError, match=r"one \.zip"):
        whatsapp_zip.parse([text])


def parses_or_refuses(archive: ChatFile) -> None:
    try:
        chat = whatsapp_zip.parse([archive])
    except ChatParseError:
        return
    assert chat.messages.schema == SCHEMA


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_after_the_zip_signature_parse_or_raise(data: bytes) -> None:
    whatsapp_zip.sniff([ChatFile("x.zip", b"PK\x03\x04" + data)])
    parses_or_refuses(ChatFile("x.zip", b"PK\x03\x04" + data))


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 6))
def test_mutated_zips_parse_or_raise(seed: int, edits: int) -> None:
    data = bytearray(zip_folder("case35_ios_zip", "export.zip").data)
    rng = random.Random(seed)
    for _ in range(edits):
        where = rng.randrange(len(data))
        data[where] = rng.randrange(256)
    whatsapp_zip.sniff([ChatFile("x.zip", bytes(data))])
    parses_or_refuses(ChatFile("x.zip", bytes(data)))


def test_a_chat_packed_far_tighter_than_text_packs_is_refused_as_a_zip_bomb() -> None:
    blank = b"12/03/2024, 21:15 - Ana: hi\n12/03/2024, 21:16 - Ben: yo\n" + b"\n" * (40 << 20)
    with pytest.raises(ChatParseError, match=r"_chat\.txt would unpack from \d+ KB to 40 MB"):
        whatsapp_zip.parse([make_zip({"_chat.txt": blank})])


def test_a_long_repetitive_chat_is_no_zip_bomb() -> None:
    words = ("ok", "love you", "home soon?", "yes", "😂", "dinner at 8", "miss you", "night")
    lines = (
        f"{n // 1440 % 28 + 1:02d}/03/2024, {n // 60 % 24:02d}:{n % 60:02d} - "
        f"{'AB'[n % 2]}: {words[n * 7 % len(words)]}\n"
        for n in range(1_200_000)
    )
    chat = "".join(lines).encode()
    assert len(chat) > 32 << 20  # over the floor, as repetitive as chats get
    assert whatsapp_zip.parse([make_zip({"_chat.txt": chat})]).messages.height == 1_200_000
