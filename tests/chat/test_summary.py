from __future__ import annotations

from nearer.chat.render_json import summary as summary_json
from nearer.chat.summary import summarize
from tests.chat.conftest import ALEX, SAM, make_chat


def test_summary_counts_what_people_sent_excluding_system_lines() -> None:
    chat = make_chat(
        [
            (0, None, "Messages and calls are end-to-end encrypted."),
            (1, SAM, "hi"),
            (2, ALEX, "", "media"),
            (3, ALEX, "fixed typo", "edited"),
            (4, SAM, "", "deleted"),
            (5, None, "Your security code with Alex changed."),
            (6, SAM, "", "call"),
            (7, ALEX, "❤️", "reaction"),
        ]
    )
    summary = summarize(chat)
    assert summary.messages == 4
    assert summary.participants == {SAM: 2, ALEX: 2}
    assert summary.media == 1
    assert summary.system == 2


def test_an_edited_message_counts_once() -> None:
    summary = summarize(make_chat([(0, SAM, "hello", "edited"), (1, ALEX, "hi")]))
    assert summary.messages == 2
    assert summary.participants == {ALEX: 1, SAM: 1}


def test_summary_json_has_the_documented_keys_and_local_iso_times() -> None:
    document = summary_json(summarize(make_chat([(0, SAM, "hi"), (90, ALEX, "hey")])))
    assert document == {
        "format": "whatsapp",
        "messages": 2,
        "participants": {ALEX: 1, SAM: 1},
        "first": "2024-03-04T09:00:00",
        "last": "2024-03-04T10:30:00",
        "media": 0,
        "system": 0,
    }
