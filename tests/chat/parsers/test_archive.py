"""Exports of every format inside a zip: read as if their files had been given one by one."""

from __future__ import annotations

import bz2
import contextlib
import gzip
import io
import json
import lzma
import random
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nearer.chat import parsers
from nearer.chat.parsers import archive
from nearer.chat.records import ChatChoiceNeeded, ChatFile, ChatParseError
from tests.chat.parsers.conftest import (
    make_encrypted_messenger_file,
    make_messenger_download,
    make_messenger_file,
    make_zip,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TELEGRAM = (FIXTURES / "telegram" / "full_export_one_chat.json").read_bytes()


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


def test_an_encrypted_zip_is_refused_naming_its_file_and_what_to_do() -> None:
    zipped = make_zip({"_chat.txt": b"12/01/2024, 10:00 - Sam: hi\n"})
    data = bytearray(zipped.data)
    for header, flags in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # the encrypted flag set
        at = data.find(header)
        data[at + flags] |= 1
    for format in (None, "whatsapp_zip"):
        with pytest.raises(ChatParseError) as refused:
            parsers.parse([ChatFile("export.zip", bytes(data))], format=format)
        assert str(refused.value) == (
            "export.zip: _chat.txt is encrypted (the zip has a password); export the chat "
            "again without one"
        )


def test_a_zip_of_chats_in_several_folders_is_refused_naming_them() -> None:
    zipped = make_zip({"a/result.json": TELEGRAM, "b/result.json": TELEGRAM.replace(b"1", b"2")})
    with pytest.raises(ChatParseError, match=r"holds 2 chats in their own folders \(a/, b/\)"):
        parsers.parse([zipped])


def test_a_zip_of_a_chat_at_its_top_and_one_named_from_the_root_is_refused() -> None:
    zipped = make_zip({"result.json": TELEGRAM, "/result.json": TELEGRAM.replace(b"1", b"2")})
    with pytest.raises(
        ChatParseError, match=r"holds 2 chats in their own folders \(the zip's top, /\)"
    ):
        parsers.parse([zipped])


DOWNLOAD = {
    "bob_42": ("Bob", 30, 2),
    "carol_7": ("Carol", 5, 1),
    "archived_threads/dan_9": ("Dan", 4, 1),
    "message_requests/eve_3": ("Eve", 3, 1),
}


def test_a_messenger_download_lists_its_threads_and_reads_none() -> None:
    zipped = make_zip(make_messenger_download(DOWNLOAD), "download.zip")
    with pytest.raises(ChatChoiceNeeded) as listed:
        parsers.parse([zipped])
    assert listed.value.choices == ("Bob", "Carol", "Dan", "Eve")
    assert listed.value.ids == ("bob_42", "carol_7", "dan_9", "eve_3")
    assert str(listed.value).startswith("download.zip: the export holds 4 chats; choose one:")


def test_chat_reads_one_thread_of_a_messenger_download_merging_its_message_files() -> None:
    zipped = make_zip(make_messenger_download(DOWNLOAD), "download.zip")
    parsed = parsers.parse([zipped], chat="Bob")
    assert parsed.format == "meta" and parsed.title == "Bob"
    assert parsed.messages.height == 60  # message_1.json and message_2.json, 30 each
    assert set(parsed.messages["author"].to_list()) == {"Ana", "Bob"}


@pytest.mark.parametrize("chat", ["Dan", "eve_3"])
def test_an_archived_thread_or_a_message_request_of_a_download_can_be_chosen(chat: str) -> None:
    zipped = make_zip(make_messenger_download(DOWNLOAD), "download.zip")
    parsed = parsers.parse([zipped], chat=chat)
    assert parsed.messages.height == {"Dan": 4, "eve_3": 3}[chat]


def test_a_thread_in_inbox_and_in_e2ee_cutover_of_a_download_is_one_chat() -> None:
    members = make_messenger_download({"bob_42": ("Bob", 30, 1), "carol_7": ("Carol", 5, 1)})
    members |= make_messenger_download({"e2ee_cutover/bob_42": ("Bob", 40, 1)})
    with pytest.raises(ChatChoiceNeeded) as listed:
        parsers.parse([make_zip(members)])
    assert listed.value.choices == ("Bob", "Carol")
    parsed = parsers.parse([make_zip(members)], chat="Bob")
    assert parsed.messages.height == 40  # the 30 both folders hold are read once


E2EE = "your_facebook_activity/messages/e2ee_cutover"


def test_an_encrypted_file_in_e2ee_cutover_joins_the_inbox_thread_of_its_folder() -> None:
    """Bob renamed himself Bobby: neither title nor people fit, only the folder bob_42 does."""
    members = make_messenger_download({"bob_42": ("Bob", 3, 1), "carol_7": ("Carol", 5, 1)})
    members[f"{E2EE}/bob_42/message_1.json"] = make_encrypted_messenger_file("Bobby")
    with pytest.raises(ChatChoiceNeeded) as listed:
        parsers.parse([make_zip(members)])
    assert listed.value.choices == ("Bob", "Carol")
    bob = parsers.parse([make_zip(members)], chat="Bob")
    assert bob.messages.height == 5
    assert bob.warnings == ("the files name different threads: Bob, Bobby",)


def test_an_encrypted_file_of_another_title_is_not_of_the_classic_thread_of_its_folder() -> None:
    members = {
        "chats/message_1.json": make_messenger_file("Bob", "bob_42", 3),
        "chats/carol_secure.json": make_encrypted_messenger_file("Carol", ("private", "x")),
        "chats/old/message_1.json": make_messenger_file("Dan", "dan_5", 2),
    }
    with pytest.raises(ChatChoiceNeeded) as listed:
        parsers.parse([make_zip(members)])
    assert listed.value.choices == ("Bob", "Dan", "Carol")
    bob = parsers.parse([make_zip(members)], chat="Bob")
    assert set(bob.messages["author"].to_list()) == {"Ana", "Bob"} and bob.warnings == ()
    assert parsers.parse([make_zip(members)], chat="Carol").messages.height == 2


def test_an_encrypted_file_of_its_folders_title_joins_that_thread_not_another_of_the_title() -> (
    None
):
    members = {
        "a/message_1.json": make_messenger_file("Bob", "bob_42", 3),
        "a/bob_secure.json": make_encrypted_messenger_file("Bob", ("mine", "ours")),
        "b/message_1.json": make_messenger_file("Bob", "bob_77", 2),
    }
    parsed = parsers.parse([make_zip(members)], chat="bob_42")
    assert parsed.messages.height == 5 and "mine" in parsed.messages["text"].to_list()
    assert parsers.parse([make_zip(members)], chat="bob_77").messages.height == 2


def test_message_files_in_folders_a_user_made_are_one_thread_by_their_title() -> None:
    """Only Meta's own folders (inbox, e2ee_cutover, ...) name a thread by its id."""
    members = {
        "chats/bob/message_1.json": make_messenger_file("Bob", "bob_42", 3),
        "chats/secure/message_1.json": make_encrypted_messenger_file("Bob", ("e1", "e2")),
        "chats/carol/message_1.json": make_messenger_file("Carol", "carol_7", 2),
    }
    with pytest.raises(ChatChoiceNeeded) as listed:
        parsers.parse([make_zip(members)])
    assert listed.value.choices == ("Bob", "Carol")
    assert parsers.parse([make_zip(members)], chat="Bob").messages.height == 5


def test_an_encrypted_thread_of_another_person_in_a_download_is_a_chat_of_its_own() -> None:
    """Since 2024 new Messenger chats are encrypted: one classic thread beside one encrypted
    thread of someone else is two chats, never one merged."""
    members = make_messenger_download({"bob_42": ("Bob", 3, 1)})
    members[f"{E2EE}/carol_9/message_1.json"] = make_encrypted_messenger_file("Carol")
    with pytest.raises(ChatChoiceNeeded) as listed:
        parsers.parse([make_zip(members)])
    assert (listed.value.choices, listed.value.ids) == (("Bob", "Carol"), ("bob_42", "carol_9"))
    carol = parsers.parse([make_zip(members)], chat="Carol")
    assert set(carol.messages["author"].to_list()) == {"Ana", "Carol"}
    assert carol.warnings == ()


def test_two_encrypted_threads_of_one_title_in_a_download_are_told_apart_by_their_folder() -> None:
    members = make_messenger_download({"bob_42": ("Bob", 3, 1)})
    members[f"{E2EE}/alex_100/message_1.json"] = make_encrypted_messenger_file("Alex", ("a", "b"))
    members[f"{E2EE}/alex_200/message_1.json"] = make_encrypted_messenger_file("Alex", ("c", "d"))
    zipped = make_zip(members)
    with pytest.raises(ChatChoiceNeeded) as listed:
        parsers.parse([zipped])
    assert listed.value.choices == ("Bob", "Alex (id alex_100)", "Alex (id alex_200)")
    assert parsers.parse([zipped], chat="alex_200").messages["text"].to_list() == ["c", "d"]
    with pytest.raises(ChatChoiceNeeded) as refused:
        parsers.parse([zipped], chat="Alex")
    assert str(refused.value).startswith(
        'export.zip: 2 chats are called "Alex", by title ("Alex (id alex_100)", '
        '"Alex (id alex_200)")'
    )


def test_an_encrypted_thread_of_a_download_never_joins_a_classic_thread_by_title_alone() -> None:
    members = make_messenger_download({"alex_100": ("Alex", 4, 1), "carol_7": ("Carol", 5, 1)})
    members[f"{E2EE}/alex_200/message_1.json"] = make_encrypted_messenger_file(
        "Alex", ("stranger", "who is this")
    )
    zipped = make_zip(members)
    assert "stranger" not in parsers.parse([zipped], chat="alex_100").messages["text"].to_list()
    assert parsers.parse([zipped], chat="alex_200").messages.height == 2


def test_discord_channels_in_folders_of_their_own_are_listed_and_one_is_read() -> None:
    dm = (FIXTURES / "discord" / "dm_export.json").read_bytes()
    other = json.loads(dm)
    other["channel"] = {**other["channel"], "id": "77", "name": "carla"}
    zipped = make_zip({"ben/dm.json": dm, "carla/dm.json": json.dumps(other).encode()})
    with pytest.raises(ChatChoiceNeeded) as listed:
        parsers.parse([zipped])
    assert len(listed.value.choices) == 2 and "77" in listed.value.ids
    assert (
        parsers.parse([zipped], chat="77").messages.height
        == parsers.parse([ChatFile("dm.json", dm)]).messages.height
    )


def test_a_zip_of_a_telegram_export_and_a_messenger_thread_is_refused_naming_both() -> None:
    members = make_messenger_download({"bob_42": ("Bob", 3, 1)}) | {"tg/result.json": TELEGRAM}
    with pytest.raises(ChatParseError) as refused:
        parsers.parse([make_zip(members, "mixed.zip")])
    assert str(refused.value) == (
        "mixed.zip: holds exports of 2 formats in its folders (Messenger or Instagram in "
        "your_facebook_activity/messages/inbox/bob_42/; Telegram in tg/); nearer reads one "
        "export at a time: take the folder you mean out of the zip and give nearer its files"
    )


def test_a_messenger_download_is_held_to_every_zip_limit() -> None:
    members = make_messenger_download(DOWNLOAD)
    bomb = members | {"your_activity/big.json": b"\n" * (archive.BOMB_FLOOR + 1)}
    with pytest.raises(ChatParseError, match="refused as a zip bomb"):
        parsers.parse([make_zip(bomb)], chat="Bob")
    nested = members | {"your_activity/old.json": make_zip({"a/message_1.json": b"{}"}).data}
    with pytest.raises(ChatParseError, match="holds a zip inside it"):
        parsers.parse([make_zip(nested)], chat="Bob")


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


@pytest.mark.parametrize("method", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_a_member_packed_with_a_method_that_unpacks_past_its_size_is_refused_unread(
    method: int,
) -> None:
    """Python stops deflate at the declared size; bzip2 and LZMA are unpacked whole first, so a
    small zip declaring a small size could fill memory."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as written:
        written.writestr("export/result.json", TELEGRAM)
    with pytest.raises(ChatParseError, match="packed with a method nearer does not unpack"):
        parsers.parse([ChatFile("packed.zip", buffer.getvalue())])


def test_a_zip_inside_the_zip_is_refused_its_size_being_no_one_checked() -> None:
    inner = make_zip({"export/result.json": TELEGRAM}, "inner.zip")
    with pytest.raises(ChatParseError, match="holds a zip inside it"):
        parsers.parse([make_zip({"export/chat.json": inner.data})])


def test_a_fault_in_a_parser_reading_a_zipped_export_is_not_called_a_damaged_zip(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Only the zip's own unpacking is the zip's fault: a parser's bug (here a sniffer's) shows
    as itself, as it would outside a zip, not as "cannot read this zip"."""
    telegram = next(parser for parser in parsers.REGISTRY if parser.NAME == "telegram")

    def broken(files: object) -> bool:
        raise RuntimeError("a bug in a sniffer")

    monkeypatch.setattr(telegram, "sniff", broken)
    with pytest.raises(RuntimeError, match="a bug in a sniffer"):
        parsers.parse([make_zip({"ChatExport/result.json": TELEGRAM})])


def test_a_zip_holding_only_a_zip_says_to_unzip_that_first() -> None:
    chat = (FIXTURES / "whatsapp" / "case35_ios_zip" / "_chat.txt").read_bytes()
    inner = make_zip({"_chat.txt": chat}, "WhatsApp Chat - Ben.zip")
    zipped = make_zip({"WhatsApp Chat - Ben.zip": inner.data}, "download.zip")
    with pytest.raises(ChatParseError) as refused:
        parsers.parse([zipped])
    assert str(refused.value) == (
        "download.zip: holds a zip inside it (WhatsApp Chat - Ben.zip); unzip that first"
    )


def tar_of(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as packed:
        member = tarfile.TarInfo("_chat.txt")
        member.size = len(data)
        packed.addfile(member, io.BytesIO(data))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("kind", "packed"),
    [
        ("tar", tar_of),
        ("gzip", gzip.compress),
        ("bzip2", bz2.compress),
        ("xz", lzma.compress),
    ],
)
def test_an_archive_of_another_kind_is_refused_naming_it_never_read_as_text(
    kind: str, packed: Callable[[bytes], bytes]
) -> None:
    """A tar of a WhatsApp chat was read as the chat, its header swallowing the first message."""
    chat = (FIXTURES / "whatsapp" / "case35_ios_zip" / "_chat.txt").read_bytes()
    with pytest.raises(ChatParseError) as refused:
        parsers.parse([ChatFile("chat.bin", packed(chat))])
    assert str(refused.value) == (
        f"chat.bin: a {kind} archive, which nearer does not open; unpack it and give nearer the "
        "chat export inside"
    )


def test_a_chat_that_mentions_ustar_is_still_a_chat() -> None:
    line = "[29/01/2018, 23:47:03] Ana: " + "x" * 229 + "ustar dust\n"
    assert line.index("ustar") == 257
    assert parsers.parse([ChatFile("_chat.txt", (line * 2).encode())]).messages.height == 2


def test_a_zip_of_more_text_files_than_nearer_reads_is_refused_saying_what_to_zip(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(archive, "MAX_TEXTS", 40)
    many = {f"export/part_{n}.json": b'{"a": 1}' for n in range(41)}
    with pytest.raises(ChatParseError) as refused:
        parsers.parse([make_zip(many)])
    assert str(refused.value) == (
        "export.zip: holds 41 text files, more than nearer reads from one zip (40); zip only "
        "the folder of the chat you mean (a Messenger thread's own folder)"
    )


@pytest.mark.parametrize(
    ("members", "refusal"),
    [
        ({f"a/part_{n}.json": b"{}" for n in range(5)}, "holds 5 text files"),
        ({f"a/photo_{n}.jpg": b"x" for n in range(5)}, "no chat export nearer reads"),
        ({"a.txt": b"hi", "b.txt": b"ho", "c.jpg": b"x"}, "holds several chats"),
        ({"notes.txt": b"hello", "c.jpg": b"x"}, "not a chat export nearer recognises"),
    ],
)
def test_a_zip_refused_is_listed_once_since_listing_300000_members_takes_seconds(
    monkeypatch: pytest.MonkeyPatch, members: dict[str, bytes], refusal: str
) -> None:
    monkeypatch.setattr(archive, "MAX_TEXTS", 4)
    zipped = make_zip(members)
    lists: list[zipfile.ZipFile] = []
    read_list = zipfile.ZipFile._RealGetContents  # type: ignore[attr-defined]

    def counted(opened: zipfile.ZipFile) -> None:  # reads the zip's list of members
        lists.append(opened)
        read_list(opened)

    monkeypatch.setattr(zipfile.ZipFile, "_RealGetContents", counted)
    with pytest.raises(ChatParseError, match=refusal):
        parsers.parse([zipped])
    assert len(lists) == 1


def test_a_download_of_more_than_a_thousand_threads_is_listed_and_one_is_read() -> None:
    """Heavy users have thousands of threads across inbox, requests and filtered ones."""
    threads = {f"p{n}_{n}": (f"P{n}", 2, 1) for n in range(1001)}
    zipped = make_zip(make_messenger_download(threads), "download.zip")
    with pytest.raises(ChatChoiceNeeded) as listed:
        parsers.parse([zipped])
    assert len(listed.value.choices) == 1001
    assert parsers.parse([zipped], chat="P7").messages.height == 2


def test_a_zip_of_many_chat_texts_names_a_few_of_them() -> None:
    many = {f"chat_{n}.txt": b"01/03/2024, 21:00 - Sam: hi\n" for n in range(40)}
    with pytest.raises(ChatParseError) as refused:
        parsers.parse([make_zip(many)])
    assert "and 35 more" in str(refused.value) and len(str(refused.value)) < 400


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 6), st.sampled_from(["deflate", "bzip2", "lzma"]))
def test_a_damaged_zipped_export_parses_or_is_refused_in_the_projects_words(
    seed: int, edits: int, method: str
) -> None:
    """Any bytes through the zip path end in a table or the project's own parse error."""
    packing = {
        "deflate": zipfile.ZIP_DEFLATED,
        "bzip2": zipfile.ZIP_BZIP2,
        "lzma": zipfile.ZIP_LZMA,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", packing[method]) as written:
        written.writestr("export/result.json", TELEGRAM)
    data = bytearray(buffer.getvalue())
    rng = random.Random(seed)
    for _ in range(edits):
        data[rng.randrange(len(data))] = rng.randrange(256)
    with contextlib.suppress(ChatParseError):
        parsers.parse([ChatFile("x.zip", bytes(data))])
