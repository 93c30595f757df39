"""Files of several conversations: one is read when chosen, never all of them as one chat."""

from __future__ import annotations

import json
import zipfile
from collections import Counter
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest

from nearer.chat import parsers
from nearer.chat.parsers import discord_csv as discord_csv_module
from nearer.chat.parsers import meta, meta_messages
from nearer.chat.parsers.threads import Marks, chosen, grouped
from nearer.chat.records import ChatChoiceNeeded, ChatFile, ChatParseError
from tests.chat.parsers.conftest import make_messenger_download, make_zip

HEADER = "AuthorID,Author,Date,Content,Attachments,Reactions\n"


def discord_csv(partner: str, day: int, partner_id: str = "2") -> bytes:
    """A DiscordChatExporter CSV of Ana's DM with `partner` (AuthorID `partner_id`): two
    messages on 4 March + `day`."""
    rows = [
        f'"1","Ana","{4 + day:02d}/03/2024 10:00","hi {partner}","",""',
        f'"{partner_id}","{partner}","{4 + day:02d}/03/2024 10:05","hi Ana","",""',
    ]
    return (HEADER + "\n".join(rows) + "\n").encode()


def channel_name(partner: str, channel: str, part: int = 1) -> str:
    suffix = f" [part {part}]" if part > 1 else ""
    return f"dms/Direct Messages - Private - {partner} [{channel}]{suffix}.csv"


def encrypted(partner: str, day: int = 0, title: str | None = None) -> bytes:
    """An end-to-end-encrypted Messenger thread of Ana and `partner`, called `title` (by
    default the partner's name)."""
    messages = [
        {"senderName": who, "timestamp": 1_710_000_000_000 + day * 86_400_000 + n, "text": "hi"}
        for n, who in enumerate(("Ana", partner))
    ]
    name = partner if title is None else title
    root = {"participants": ["Ana", partner], "threadName": name, "messages": messages}
    return json.dumps(root).encode()


def classic(partner: str, folder: str, title: str | None = None) -> bytes:
    """A classic Messenger message_1.json of Ana and `partner`, in inbox/`folder`, called
    `title` (by default the partner's name)."""
    messages = [
        {"sender_name": who, "timestamp_ms": 1_700_000_000_000 + n, "content": "hey"}
        for n, who in enumerate((partner, "Ana"))
    ]
    root = {
        "participants": [{"name": partner}, {"name": "Ana"}],
        "messages": messages,
        "title": partner if title is None else title,
        "thread_path": f"inbox/{folder}",
    }
    return json.dumps(root).encode()


def test_two_discord_channels_in_one_folder_of_a_zip_are_refused_listing_both() -> None:
    zipped = make_zip(
        {
            channel_name("Ben", "91"): discord_csv("Ben", 0),
            channel_name("Cy", "92"): discord_csv("Cy", 1),
        }
    )
    with pytest.raises(ChatChoiceNeeded) as error:
        parsers.parse([zipped])
    assert str(error.value) == (
        'export.zip: the export holds 2 chats; choose one: "Ben" (id 91), "Cy" (id 92)'
    )


def test_the_chat_option_picks_one_discord_channel_of_a_zip_by_name_or_id() -> None:
    zipped = make_zip(
        {
            channel_name("Ben", "91"): discord_csv("Ben", 0),
            channel_name("Cy", "92"): discord_csv("Cy", 1),
        }
    )
    for chat in ("ben", "92"):
        parsed = parsers.parse([zipped], chat=chat)
        expected = "Ben" if chat == "ben" else "Cy"
        assert parsed.participants == ["Ana", expected]
        assert parsed.messages.height == 2


def test_a_chat_no_thread_is_called_is_refused_saying_what_it_was_compared_with() -> None:
    zipped = make_zip({"a/Ben.json": encrypted("Ben"), "a/Cy.json": encrypted("Cy")})
    with pytest.raises(
        ChatChoiceNeeded,
        match=r'^export\.zip: no chat is called "Dee", by name, id or title; the export',
    ):
        parsers.parse([zipped], chat="Dee")


def test_parts_of_one_discord_channel_are_still_read_as_one_chat() -> None:
    zipped = make_zip(
        {
            channel_name("Ben", "91"): discord_csv("Ben", 0),
            channel_name("Ben", "91", part=2): discord_csv("Ben", 1),
        }
    )
    assert parsers.parse([zipped]).messages.height == 4


def test_two_discord_csv_files_given_one_by_one_are_refused_too() -> None:
    files = [
        ChatFile("Ben [91].csv", discord_csv("Ben", 0)),
        ChatFile("Cy [92].csv", discord_csv("Cy", 1)),
    ]
    with pytest.raises(ChatChoiceNeeded, match=r"^Ben \[91\]\.csv, Cy \[92\]\.csv: the export"):
        parsers.parse(files)


def test_encrypted_messenger_threads_of_two_people_in_a_zip_are_refused_listing_both() -> None:
    zipped = make_zip({"a/Ben_1.json": encrypted("Ben"), "a/Cy_1.json": encrypted("Cy")})
    with pytest.raises(ChatChoiceNeeded) as error:
        parsers.parse([zipped])
    assert error.value.choices == ("Ben", "Cy")
    assert parsers.parse([zipped], chat="Cy").participants == ["Ana", "Cy"]


def test_an_encrypted_thread_joins_the_classic_thread_of_the_same_person() -> None:
    zipped = make_zip(
        {
            "a/message_1.json": classic("Ben", "ben_42"),
            "a/Ben_1.json": encrypted("Ben"),
            "a/Ben_2.json": encrypted("Ben", day=1),
        }
    )
    assert parsers.parse([zipped]).messages.height == 6


def test_two_classic_threads_of_one_name_are_told_apart_by_their_folder() -> None:
    files = [
        ChatFile("one/message_1.json", classic("Alex", "alex_1")),
        ChatFile("two/message_1.json", classic("Alex", "alex_2")),
    ]
    with pytest.raises(ChatChoiceNeeded) as error:
        parsers.parse(files)
    assert error.value.choices == ("Alex (id alex_1)", "Alex (id alex_2)")
    assert parsers.parse(files, chat="alex_2").messages.height == 2


def test_a_file_that_names_no_thread_joins_the_only_thread() -> None:
    files = [ChatFile("a", b"1"), ChatFile("b", b"2")]
    found = grouped(files, [Marks("Ben", "91"), Marks("")])
    assert [thread.files for thread in found] == [tuple(files)]
    assert chosen(found, None, "x") is None


def test_a_file_that_names_no_thread_is_a_thread_of_its_own_beside_several() -> None:
    files = [ChatFile("a", b"1"), ChatFile("b", b"2"), ChatFile("chat.csv", b"3")]
    found = grouped(files, [Marks("Ben", "91"), Marks("Cy", "92"), Marks("")])
    assert [thread.name for thread in found] == ["Ben", "Cy", "chat.csv"]


def test_an_encrypted_file_two_threads_of_its_title_could_take_is_listed_on_its_own() -> None:
    one = ChatFile("one/message_1.json", classic("Alex", "alex_1"))
    two = ChatFile("two/message_1.json", classic("Alex", "alex_2"))
    loose = ChatFile("e/Alex_1.json", encrypted("Alex"))
    with pytest.raises(ChatChoiceNeeded) as error:
        parsers.parse([one, two, loose])
    assert error.value.choices == ("Alex (id alex_1)", "Alex (id alex_2)", "Alex (e/Alex_1.json)")
    assert "e/Alex_1.json names no thread id and could be of" in str(error.value)
    for files in ([one, two, loose], [two, one, loose]):
        assert parsers.parse(files, chat="alex_2").messages.height == 2


def test_an_encrypted_file_joins_the_thread_of_its_title_not_a_group_of_the_same_people() -> None:
    files = [
        ChatFile("g/message_1.json", classic("Ben", "trip_5", title="Trip")),
        ChatFile("b/message_1.json", classic("Ben", "ben_42")),
        ChatFile("e/Ben_1.json", encrypted("Ben")),
    ]
    assert parsers.parse(files, chat="Ben").messages.height == 4
    trip = parsers.parse(files, chat="Trip")
    assert (trip.messages.height, trip.warnings) == (2, ())


def test_an_encrypted_file_of_a_renamed_person_joins_the_only_classic_thread_warning_so() -> None:
    files = [
        ChatFile("b/message_1.json", classic("Ben", "ben_42")),
        ChatFile("e/x.json", encrypted("Benjamin")),
    ]
    parsed = parsers.parse(files)
    assert parsed.messages.height == 4
    assert list(parsed.warnings) == ["the files name different threads: Ben, Benjamin"]


def test_an_encrypted_file_matching_none_of_two_threads_is_listed_saying_so() -> None:
    files = [
        ChatFile("b/message_1.json", classic("Ben", "ben_42")),
        ChatFile("c/message_1.json", classic("Cy", "cy_7")),
        ChatFile("e/x.json", encrypted("Benjamin")),
    ]
    with pytest.raises(ChatChoiceNeeded) as error:
        parsers.parse(files)
    assert error.value.choices == ("Ben", "Cy", "Benjamin")
    assert "e/x.json names no thread id and matches no thread by title or people" in str(
        error.value
    )


def test_renamed_discord_csv_files_of_two_dms_are_listed_apart() -> None:
    files = [
        ChatFile("ben.csv", discord_csv("Ben", 0, partner_id="2")),
        ChatFile("carla.csv", discord_csv("Carla", 1, partner_id="3")),
    ]
    with pytest.raises(ChatChoiceNeeded) as error:
        parsers.parse(files)
    assert error.value.choices == ("ben.csv", "carla.csv")


def test_a_renamed_discord_csv_of_another_dm_is_listed_beside_a_named_channel() -> None:
    files = [
        ChatFile(channel_name("Ben", "91"), discord_csv("Ben", 0, partner_id="2")),
        ChatFile("chat.csv", discord_csv("Carla", 1, partner_id="3")),
    ]
    with pytest.raises(ChatChoiceNeeded) as error:
        parsers.parse(files)
    assert error.value.choices == ("Ben", "chat.csv")


def test_a_renamed_discord_csv_of_the_same_two_people_joins_their_channel() -> None:
    files = [
        ChatFile(channel_name("Ben", "91"), discord_csv("Ben", 0)),
        ChatFile("chat.csv", discord_csv("Ben", 1)),
        ChatFile(channel_name("Cy", "92"), discord_csv("Cy", 2, partner_id="3")),
    ]
    assert parsers.parse(files, chat="91").messages.height == 4


def lone_author_csv(author: str, author_id: str, day: int) -> bytes:
    """A DiscordChatExporter CSV part in which only `author` wrote: two messages."""
    rows = [f'"{author_id}","{author}","{4 + day:02d}/03/2024 10:0{n}","hi","",""' for n in (0, 5)]
    return (HEADER + "\n".join(rows) + "\n").encode()


def test_a_renamed_discord_part_only_the_partner_wrote_joins_the_one_channel_of_theirs() -> None:
    files = [
        ChatFile(channel_name("Ben", "91"), discord_csv("Ben", 0)),
        ChatFile(channel_name("Cy", "92"), discord_csv("Cy", 1, partner_id="3")),
        ChatFile("part 2.csv", lone_author_csv("Ben", "2", 2)),
    ]
    with pytest.raises(ChatChoiceNeeded) as error:
        parsers.parse(files)
    assert error.value.choices == ("Ben", "Cy")
    assert parsers.parse(files, chat="Ben").messages.height == 4


def test_a_renamed_discord_part_only_the_exporter_wrote_is_listed_on_its_own() -> None:
    """The exporter writes in every channel: their lone part could be of any, given or not."""
    files = [
        ChatFile(channel_name("Ben", "91"), discord_csv("Ben", 0)),
        ChatFile(channel_name("Cy", "92"), discord_csv("Cy", 1, partner_id="3")),
        ChatFile("part 2.csv", lone_author_csv("Ana", "1", 2)),
    ]
    with pytest.raises(ChatChoiceNeeded) as error:
        parsers.parse(files)
    assert error.value.choices == ("Ben", "Cy", "part 2.csv")
    assert "part 2.csv names no thread id and only one person wrote in it, who may be in every" in (
        str(error.value)
    )


def test_a_renamed_discord_part_one_person_wrote_beside_one_channel_is_listed_on_its_own() -> None:
    """With one channel, its lone writer may be the exporter as well as the partner."""
    files = [
        ChatFile(channel_name("Ben", "91"), discord_csv("Ben", 0)),
        ChatFile("part 2.csv", lone_author_csv("Ben", "2", 2)),
    ]
    with pytest.raises(ChatChoiceNeeded) as error:
        parsers.parse(files)
    assert error.value.choices == ("Ben", "part 2.csv")


def test_a_renamed_discord_part_of_a_writer_a_channel_may_hide_is_listed_on_its_own() -> None:
    """Cy's part shows Cy alone, so Ana's lone part may be her side of Cy's DM, not Ben's."""
    files = [
        ChatFile(channel_name("Ben", "91"), discord_csv("Ben", 0)),
        ChatFile(channel_name("Cy", "92"), lone_author_csv("Cy", "3", 1)),
        ChatFile("dms/renamed.csv", lone_author_csv("Ana", "1", 2)),
    ]
    with pytest.raises(ChatChoiceNeeded) as error:
        parsers.parse(files)
    assert error.value.choices == ("Ben", "Cy", "dms/renamed.csv")
    assert parsers.parse(files, chat="Ben").messages.height == 2


def test_a_renamed_discord_part_in_a_channels_own_folder_of_a_zip_joins_that_channel() -> None:
    zipped = make_zip(
        {
            "ben/Direct Messages - Private - Ben [91].csv": discord_csv("Ben", 0),
            "cy/Direct Messages - Private - Cy [92].csv": lone_author_csv("Cy", "3", 1),
            "cy/part 2.csv": lone_author_csv("Ana", "1", 2),
        }
    )
    with pytest.raises(ChatChoiceNeeded) as error:
        parsers.parse([zipped])
    assert error.value.choices == ("Ben", "Cy")
    assert parsers.parse([zipped], chat="Ben").messages.height == 2
    assert set(parsers.parse([zipped], chat="Cy").participants) == {"Ana", "Cy"}


def test_a_renamed_discord_part_whose_people_fit_another_channel_than_its_folders_stays_apart() -> (
    None
):
    zipped = make_zip(
        {
            "ben/Direct Messages - Private - Ben [91].csv": discord_csv("Ben", 0),
            "cy/Direct Messages - Private - Cy [92].csv": discord_csv("Cy", 1, partner_id="3"),
            "cy/part 2.csv": discord_csv("Ben", 2),
        }
    )
    with pytest.raises(ChatChoiceNeeded) as error:
        parsers.parse([zipped])
    assert error.value.choices == ("Ben", "Cy", "export.zip/cy/part 2.csv")
    assert 'could be of "Cy" (id 92), "Ben" (id 91)' in str(error.value)


def test_an_encrypted_messenger_file_of_one_person_never_joins_a_thread_by_that_person() -> None:
    """Ana's notes to herself list Ana alone: Messenger has no renamed parts to join so."""
    group = json.loads(classic("Carol", "hike_1", title="Hiking"))
    group["participants"] = [{"name": "Carol"}, {"name": "Dan"}]
    notes = json.loads(encrypted("Ana", title="Notes"))
    notes["participants"] = ["Ana"]
    files = [
        ChatFile("b/message_1.json", classic("Bob", "bob_42")),
        ChatFile("g/message_1.json", json.dumps(group).encode()),
        ChatFile("e/notes.json", json.dumps(notes).encode()),
    ]
    with pytest.raises(ChatChoiceNeeded) as error:
        parsers.parse(files)
    assert error.value.choices == ("Bob", "Hiking", "Notes")
    assert parsers.parse(files, chat="Bob").messages.height == 2


def test_threads_whose_ids_differ_only_by_case_are_chosen_by_the_exact_id_or_name() -> None:
    other = json.loads(classic("Bob", "bob_1"))
    other["messages"] = other["messages"][:1]
    files = [
        ChatFile("one/message_1.json", classic("Bob", "Bob_1")),
        ChatFile("two/message_1.json", json.dumps(other).encode()),
    ]
    for chat, height in (("bob_1", 1), ("Bob (id bob_1)", 1), ("Bob_1", 2)):
        assert parsers.parse(files, chat=chat).messages.height == height
    with pytest.raises(ChatChoiceNeeded, match=r'2 chats are called "BOB_1"'):
        parsers.parse(files, chat="BOB_1")


def test_a_chat_that_is_one_threads_name_and_anothers_id_is_refused_naming_both() -> None:
    files = [
        ChatFile("77 [9].csv", discord_csv("Ben", 0)),
        ChatFile("carla [77].csv", discord_csv("Carla", 1, partner_id="3")),
    ]
    with pytest.raises(ChatChoiceNeeded, match=r'2 chats are called "77", by name or id'):
        parsers.parse(files, chat="77")


def test_a_chat_that_is_two_threads_title_is_refused_saying_it_matched_by_title() -> None:
    files = [
        ChatFile("one/message_1.json", classic("Alex", "alex_100")),
        ChatFile("two/message_1.json", classic("Alex", "alex_200")),
    ]
    with pytest.raises(ChatChoiceNeeded) as refused:
        parsers.parse(files, chat="alex")
    assert refused.value.reason.startswith(
        '2 chats are called "alex", by title ("Alex (id alex_100)", "Alex (id alex_200)")'
    )


def test_the_one_discord_channel_is_chosen_by_its_name_or_id_and_titled_so() -> None:
    parts = [
        ChatFile(channel_name("Ben", "91"), discord_csv("Ben", 0)),
        ChatFile(channel_name("Ben", "91", part=2), discord_csv("Ben", 1)),
    ]
    for files in (parts, parts[:1]):
        for chat in ("ben", "91"):
            parsed = parsers.parse(files, chat=chat)
            assert (parsed.title, parsed.messages.height) == ("Ben", 2 * len(files))


def test_another_name_for_the_one_discord_channel_is_refused_naming_it() -> None:
    files = [ChatFile(channel_name("Ben", "91"), discord_csv("Ben", 0))]
    with pytest.raises(ChatParseError, match=r'^.*: no chat is called "Cy"; .* one chat, "Ben"'):
        parsers.parse(files, chat="Cy")


def test_discord_channels_in_an_uncompressed_zip_are_listed_too() -> None:
    members = {
        channel_name("Ben", "91"): discord_csv("Ben", 0),
        channel_name("Cy", "92"): discord_csv("Cy", 1, partner_id="3"),
    }
    with pytest.raises(ChatChoiceNeeded) as error:
        parsers.parse([make_zip(members, compression=zipfile.ZIP_STORED)])
    assert error.value.choices == ("Ben", "Cy")


class Counted:
    """Wraps a function, counting its calls by their first argument."""

    def __init__(self, function: Callable[..., Any]) -> None:
        self.function, self.calls = function, Counter[object]()

    def __call__(self, first: Any, *args: Any, **kwargs: Any) -> Any:
        self.calls[first] += 1
        return self.function(first, *args, **kwargs)


def decodes(monkeypatch: pytest.MonkeyPatch) -> Counter[object]:
    """How often Messenger's parser decodes each JSON text, by its length."""
    loads = Counted(json.loads)
    monkeypatch.setattr(meta, "json", SimpleNamespace(loads=loads, JSONDecodeError=ValueError))
    return loads.calls


@pytest.mark.parametrize("chat", ["Bob", None])
def test_each_messenger_file_of_the_thread_read_is_decoded_once(
    monkeypatch: pytest.MonkeyPatch, chat: str | None
) -> None:
    members = make_messenger_download({"bob_42": ("Bob", 30, 2), "carol_7": ("Carol", 5, 1)})
    if chat is None:  # the two files of Bob's thread, given alone
        members = {name: data for name, data in members.items() if "bob_42" in name}
    calls = decodes(monkeypatch)
    parsed = parsers.parse([make_zip(members)], chat=chat)
    assert parsed.messages.height == 60
    assert set(calls.values()) == {1}


def test_listing_the_threads_of_a_download_parses_none_of_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    members = make_messenger_download({"bob_42": ("Bob", 30, 2), "carol_7": ("Carol", 5, 1)})
    entries = Counted(meta_messages.entries)
    monkeypatch.setattr(meta_messages, "entries", entries)
    with pytest.raises(ChatChoiceNeeded):
        parsers.parse([make_zip(members)])
    assert not entries.calls


def test_each_discord_csv_file_of_the_channel_read_is_read_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    records = Counted(discord_csv_module._records)
    monkeypatch.setattr(discord_csv_module, "_records", records)
    files = [
        ChatFile(channel_name("Ben", "91"), discord_csv("Ben", 0)),
        ChatFile(channel_name("Ben", "91", part=2), discord_csv("Ben", 1)),
        ChatFile(channel_name("Cy", "92"), discord_csv("Cy", 2)),
    ]
    assert parsers.parse(files, chat="Ben").messages.height == 4
    assert set(records.calls.values()) == {1} and len(records.calls) == 3


def test_threads_of_a_download_given_as_paths_are_told_apart_by_their_folders() -> None:
    """Not zipped, a file's path still names its thread when it sits in Meta's own folders:
    a stranger also called "Alex" in e2ee_cutover/alex_200 is never merged into alex_100."""
    files = [
        ChatFile("dl/inbox/alex_100/message_1.json", classic("Alex", "alex_100")),
        ChatFile("dl/e2ee_cutover/alex_200/message_1.json", encrypted("Alex")),
    ]
    with pytest.raises(ChatChoiceNeeded) as listed:
        parsers.parse(files)
    assert listed.value.ids == ("alex_100", "alex_200")
    assert parsers.parse(files, chat="alex_200").messages.height == 2
