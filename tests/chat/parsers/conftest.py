"""Builders the parser tests share."""

from __future__ import annotations

import io
import json
import zipfile

from nearer.chat.records import ChatFile


def make_zip(
    members: dict[str, bytes], name: str = "export.zip", compression: int = zipfile.ZIP_DEFLATED
) -> ChatFile:
    """A zip of `members` (path inside the zip: bytes), deflated unless `compression` says
    otherwise, as an uploaded file."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as written:
        for member, data in members.items():
            written.writestr(member, data)
    return ChatFile(name, buffer.getvalue())


def make_messenger_file(
    partner: str, folder: str, count: int, part: int = 1, box: str = "inbox"
) -> bytes:
    """A classic Messenger message_`part`.json of Ana and `partner` in `box`/`folder`: `count`
    messages, one a minute, newest first as Meta writes them, each part a day after the one
    before."""
    start = 1_700_000_000_000 + part * 86_400_000
    messages = [
        {
            "sender_name": (partner, "Ana")[n % 2],
            "timestamp_ms": start + n * 60_000,
            "content": "hey",
        }
        for n in reversed(range(count))
    ]
    root = {
        "participants": [{"name": partner}, {"name": "Ana"}],
        "messages": messages,
        "title": partner,
        "is_still_participant": True,
        "thread_path": f"{box}/{folder}",
    }
    return json.dumps(root).encode()


def make_messenger_download(
    threads: dict[str, tuple[str, int, int]], root: str = "your_facebook_activity/messages"
) -> dict[str, bytes]:
    """The members of a Meta "Download your information" zip: for each thread folder
    (partner, messages per file, files) its message_N.json under `root`/inbox (or the box the
    folder names, "archived_threads/dan_9"), beside the JSON files of a download that are no
    chat and a photo."""
    members: dict[str, bytes] = {
        "autofill_information.json": b'{"autofill_information_v2": {"FULL_NAME": ["Ana"]}}',
        "your_activity/logins.json": b'{"account_activity_v2": [{"timestamp": 1700000000}]}',
        "logged_information/notifications.json": (
            b'{"notifications_v2": [{"timestamp_ms": 1700000000000, "text": "Bob posted"}]}'
        ),
        f"{root}/inbox/bob_42/photos/1.jpg": b"\xff\xd8",
    }
    for path, (partner, count, files) in threads.items():
        box, folder = path.rsplit("/", 1) if "/" in path else ("inbox", path)
        for part in range(1, files + 1):
            data = make_messenger_file(partner, folder, count, part, box)
            members[f"{root}/{box}/{folder}/message_{part}.json"] = data
    return members


def make_encrypted_messenger_file(
    partner: str, texts: tuple[str, ...] = ("hi", "hi"), title: str | None = None
) -> bytes:
    """An end-to-end-encrypted Messenger thread of Ana and `partner` (no `thread_path`),
    called `title` (by default the partner's name): `texts` said in turn, partner first, one a
    minute from March 2024."""
    messages = [
        {
            "senderName": (partner, "Ana")[n % 2],
            "timestamp": 1_710_000_000_000 + n * 60_000,
            "text": text,
            "type": "text",
        }
        for n, text in enumerate(texts)
    ]
    name = partner if title is None else title
    root = {"participants": [partner, "Ana"], "threadName": name, "messages": messages}
    return json.dumps(root).encode()
