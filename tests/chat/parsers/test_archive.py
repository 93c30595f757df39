"""Exports of every format inside a zip: read as if their files had been given one by one."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from nearer.chat import parsers
from nearer.chat.parsers import archive
from nearer.chat.records import ChatFile, ChatParseError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TELEGRAM = (FIXTURES / "telegram" / "full_export_one_chat.json").read_bytes()


def make_zip(members: dict[str, bytes], name: str = "export.zip") -> ChatFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as written:
        for member, data in members.items():
            written.writestr(member, data)
    return ChatFile(name, buffer.getvalue())


def folder(path: str) -> dict[str, bytes]:
    root = FIXTURES / path
    return {f"{root.name}/{p.name}": p.read_bytes() for p in sorted(root.iterdir())}


def test_a_zipped_telegram_folder_reads_as_its_result_json() -> None:
    zipped = make_zip(
        {
            "ChatExport_2024-05-01/": b"",
            "ChatExport_2024-05-01/result.json": TELEGRAM,
            "ChatExport_2024-05-01/photos/photo_1.jpg": b"\xff\xd8",
            "__MACOSX/ChatExport_2024-05-01/._result.json": b"\x00\x05",
        },
        "tgexport.zip",
    )
    unzipped = parsers.parse([ChatFile("result.json", TELEGRAM)])
    parsed = parsers.parse([zipped])
    assert parsed.format == "telegram" and parsed.title == unzipped.title
    assert parsed.messages.equals(unzipped.messages)


def test_a_zipped_messenger_thread_merges_its_message_files() -> None:
    unzipped = [
        ChatFile(p.name, p.read_bytes())
        for p in sorted((FIXTURES / "meta" / "case40_split_thread").iterdir())
    ]
    parsed = parsers.parse([make_zip(folder("meta/case40_split_thread"))])
    assert parsed.format == "meta"
    assert parsed.messages.height == parsers.parse(unzipped).messages.height


@pytest.mark.parametrize(
    "path", ["signal/data.json", "discord/dm_export.json", "csv/plain_iso_local.csv"]
)
def test_a_zipped_export_of_one_file_reads_as_that_file(path: str) -> None:
    data = (FIXTURES / path).read_bytes()
    parsed = parsers.parse([make_zip({f"export/{Path(path).name}": data})])
    expected = parsers.parse([ChatFile(Path(path).name, data)])
    assert parsed.format == expected.format
    assert parsed.messages.height == expected.messages.height


def test_a_zip_of_no_chat_says_what_it_holds() -> None:
    zipped = make_zip({"photos/": b"", "photos/a.jpg": b"\xff\xd8", "notes.pdf": b"%PDF"})
    with pytest.raises(
        ChatParseError,
        match=r"^export\.zip: no chat export nearer reads in this zip \(it holds photos/a\.jpg, "
        r"notes\.pdf\)$",
    ):
        parsers.parse([zipped])


def test_a_zip_of_chats_in_several_folders_is_refused_naming_them() -> None:
    zipped = make_zip({"a/result.json": TELEGRAM, "b/result.json": TELEGRAM.replace(b"1", b"2")})
    with pytest.raises(ChatParseError, match=r"holds 2 chats in their own folders \(a/, b/\)"):
        parsers.parse([zipped])


def test_a_member_packed_like_a_zip_bomb_is_refused_before_it_is_read() -> None:
    zipped = make_zip({"result.json": TELEGRAM, "big.json": b"\n" * (archive.BOMB_FLOOR + 1)})
    with pytest.raises(ChatParseError, match=r"big\.json would unpack .* refused as a zip bomb"):
        parsers.parse([zipped])


def test_unpacked_size_counts_the_chat_files_not_the_media() -> None:
    zipped = make_zip({"x/result.json": TELEGRAM, "x/photos/a.jpg": b"\xff" * 5000})
    assert archive.unpacked_size([zipped]) == len(TELEGRAM)
    assert archive.unpacked_size([ChatFile("result.json", TELEGRAM)]) == 0


def test_a_whatsapp_zip_is_still_read_by_whatsapp_zip() -> None:
    chat = (FIXTURES / "whatsapp" / "case35_ios_zip" / "_chat.txt").read_bytes()
    assert parsers.parse([make_zip({"_chat.txt": chat})]).format == "whatsapp_zip"
