"""The sample exports other parsers ship (read from ../shared, never copied: whatstk and WhatsR
are GPL). The expected counts were checked by reading each file by hand; docs/chat/whatsapp.md
lists them and says where whatstk or chat-miner count differently, and why."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime
from pathlib import Path

import polars as pl
import pytest

from nearer.chat.parsers import whatsapp
from nearer.chat.records import SENT_KINDS, ChatFile, ParsedChat

SHARED = Path(__file__).resolve().parents[4] / "shared" / "chat-fixtures"
WHATSR = [f"{language}{os}{clock}.txt" for language in ("english", "german")
          for os in ("android", "ios") for clock in ("24h", "ampm")]  # fmt: skip
CHAT_MINER = [
    "test_ddmmyy_24hrs.txt",
    "test_mmddyy_24hrs.txt",
    "test_mmddyyyy_12hrs.txt",
    "test_yyyymmdd_24hrs.txt",
    "test_[mmddyy]_24hrs.txt",
]
#: file: (messages sent, system lines, media, date order, sent per participant)
WHATSTK = {
    "lorem-2000.txt": (2000, 0, 0, "ymd", {"+1 123 456 789": 507, "Giuseppe": 516, "John": 481,
                                           "Mary": 496}),
    "lorem.txt": (500, 0, 0, "dmy", {"+1 123 456 789": 145, "Giuseppe": 118, "John": 124,
                                     "Mary": 113}),
    "lorem-merge-part1.txt": (300, 0, 0, "ymd", {"+1 123 456 789": 78, "Giuseppe": 75,
                                                 "John": 67, "Mary": 80}),
    "lorem-merge-part2.txt": (300, 0, 0, "ymd", {"+1 123 456 789": 78, "Giuseppe": 75,
                                                 "John": 67, "Maria": 51, "Maria2": 29}),
    "pokemon.txt": (18, 2, 0, "dmy", {"Ash Ketchum": 4, "Brock": 3, "Jessie & James": 1,
                                      "Meowth": 1, "Misty": 4, "Prof. Oak": 2, "Raichu": 2,
                                      "Wobbuffet": 1}),
}  # fmt: skip
WHATSR_PEOPLE = {"Alice": 13, "Bob": 19, "Carol": 5, "Dave": 4, "Mallory": 1}


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def parse_shared(*parts: str) -> ParsedChat:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not here (the shared fixtures sit beside the repository)")
    return whatsapp.parse([ChatFile(path.name, path.read_bytes())])


def counts(chat: ParsedChat) -> tuple[int, int, int, str | None, dict[str, int]]:
    messages = chat.messages
    sent = messages.filter(pl.col("kind").is_in(SENT_KINDS))
    per_person = dict(Counter(sent["author"].to_list()))
    kinds = Counter(messages["kind"].to_list())
    return sent.height, kinds["system"], kinds["media"], chat.date_order, per_person


@pytest.mark.parametrize("name", sorted(WHATSTK))
def test_whatstk_samples(name: str) -> None:
    chat = parse_shared("whatstk", "chats", "whatsapp", name)
    assert counts(chat) == WHATSTK[name]
    assert not chat.ambiguous_dates and chat.warnings == ()


def test_whatstk_lorem_keeps_every_zwj_emoji_sequence() -> None:
    path = SHARED / "whatstk" / "chats" / "whatsapp" / "lorem-2000.txt"
    chat = parse_shared("whatstk", "chats", "whatsapp", "lorem-2000.txt")
    written = path.read_text(encoding="utf-8").count("\u200d")
    assert written > 0 and chat.messages["text"].str.count_matches("\u200d").sum() == written


@pytest.mark.parametrize("name", WHATSR)
def test_whatsr_samples(name: str) -> None:
    chat = parse_shared("WhatsR", "inst", name)
    order = "dmy" if name.startswith("german") else "mdy"
    assert counts(chat) == (42, 8, 5, order, WHATSR_PEOPLE)
    assert chat.messages["text"][-1] in {
        "Maybe next time!",
        "Vielleicht bin ich beim nächsten mal dabei!",
    }


def test_whatsr_out_of_order_times_and_hand_edited_hours_are_kept() -> None:
    chat = parse_shared("WhatsR", "inst", "englishandroidampm.txt")
    stamps = chat.messages["timestamp"].to_list()
    assert stamps[5:7] == [at("2018-01-29 12:25"), at("2018-01-29 12:24")]
    assert at("2018-01-29 23:59") in stamps  # "23:59 PM"
    assert at("2018-01-30 00:04") in stamps  # "00:04 AM"


def target() -> Counter[tuple[datetime, str, str]]:
    path = SHARED / "chat-miner" / "test" / "whatsapp" / "target.json"
    if not path.exists():
        pytest.skip(f"{path} is not here")
    rows = json.loads(path.read_text(encoding="utf-8"))
    return Counter(
        (datetime.fromisoformat(r["timestamp"]), r["author"], r["message"]) for r in rows
    )


@pytest.mark.parametrize("name", CHAT_MINER)
def test_chat_miner_samples_match_its_target_apart_from_documented_differences(name: str) -> None:
    chat = parse_shared("chat-miner", "test", "whatsapp", name)
    messages = chat.messages.filter(pl.col("kind") != "system")
    # chat-miner joins lines with spaces and drops the empty `John Doe:.` (ours: media, "").
    ours = Counter(
        (row["timestamp"], row["author"], row["text"].replace("\n", " "))
        for row in messages.filter(pl.col("text") != "").to_dicts()
    )
    assert ours == target()
    dropped = messages.filter(pl.col("text") == "")
    assert dropped.select("author", "kind").rows() == [("John Doe", "media")]
    assert chat.messages.filter(pl.col("kind") == "system").height == 2
