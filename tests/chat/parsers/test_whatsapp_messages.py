"""Lines to messages, a window at a time: the result does not depend on where windows are cut."""

from __future__ import annotations

import pytest

from nearer.chat.caveats import Kind, kind_of
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


RUSSIAN_IOS = "\n".join(
    [
        "[05.08.23, 17:52:02] Борис: \u200eСообщения и звонки защищены сквозным шифрованием."
        " Только участники этого чата могут читать, слушать и отправлять их.",
        "[05.08.23, 17:53:02] Анна: Привет",
        "[05.08.23, 17:53:30] Анна: \u200eизображение отсутствует",
        "[05.08.23, 17:54:02] Борис: \u200eПропущенный аудиозвонок",
        "[05.08.23, 17:55:02] Борис: Это сообщение удалено.",
        "[05.08.23, 17:56:02] Борис: \u200e\u2039вложение: 00000042-PHOTO-2023-08-05-17-54-02.jpg>",
        "",
    ]
).encode()


def test_notices_in_a_language_nearer_does_not_know_are_warned_about() -> None:
    chat = whatsapp.parse([ChatFile("_chat.txt", RUSSIAN_IOS)])
    [warning] = [w for w in chat.warnings if kind_of(w)[0] == Kind.UNKNOWN_NOTICES]
    assert kind_of(warning) == (Kind.UNKNOWN_NOTICES, 3)
    assert warning.startswith("3 line(s) look like WhatsApp's own notices in a language")
    assert "first: line 1" in warning and "calls may be off" in warning
    assert chat.messages["kind"].to_list()[-1] == "media"  # its file name says so


def test_a_few_messages_starting_with_the_mark_in_a_known_language_raise_no_warning() -> None:
    chat = "\n".join(
        [
            "[1/29/18, 12:24:03] Ana: \u200eMessages and calls are end-to-end encrypted.",
            "[1/29/18, 12:25:03] Ana: \u200eimage omitted",
            "[1/29/18, 12:26:03] Ben: \u200eNo idea, let's try it out!",  # as in WhatsR's samples
            "",
        ]
    ).encode()
    parsed = whatsapp.parse([ChatFile("_chat.txt", chat)])
    assert parsed.warnings == ()
    assert parsed.messages["kind"].to_list() == ["system", "media", "text"]
