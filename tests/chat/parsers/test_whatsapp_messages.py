"""Lines to messages, a window at a time: the result does not depend on where windows are cut."""

from __future__ import annotations

import pytest

from nearer.chat.parsers import whatsapp, whatsapp_messages
from nearer.chat.records import ChatFile

CHAT = "\n".join(
    [
        "Exported by Ana",
        "13/01/24, 09:00 - Ana: one",
        "13/01/24, 09:01 - Ben: two",
        "continued",
        "and continued",
        "13/01/24, 09:02 - Ana: <Media omitted>",
        "13/01/24, 09:03 - You added Cleo",
        "13/01/24, 09:04 - Ben: last",
        "",
    ]
).encode()


def parse() -> list[dict[str, object]]:
    return whatsapp.parse([ChatFile("chat.txt", CHAT)]).messages.to_dicts()


@pytest.mark.parametrize("window", [1, 2, 3])
def test_small_windows_give_the_same_messages(monkeypatch: pytest.MonkeyPatch, window: int) -> None:
    expected = parse()
    monkeypatch.setattr(whatsapp_messages, "_WINDOW", window)
    assert parse() == expected


def test_messages_number_from_zero_and_point_at_their_lines() -> None:
    messages = parse()
    assert [m["index"] for m in messages] == [0, 1, 2, 3, 4]
    assert [m["line"] for m in messages] == [2, 3, 6, 7, 8]
    assert messages[1]["text"] == "two\ncontinued\nand continued"
    assert [m["kind"] for m in messages] == ["text", "text", "media", "system", "text"]
