"""Time listing the threads of a zip of many Discord DMs, a folder each, each with a renamed part
that only the partner wrote (the lone-writer rule looks for that person's one channel), and of
a Messenger download beside which lie many encrypted files that match no thread.

    python benchmarks/bench_threads.py [--channels 8000] [--loose 5000] [--budget 5]

Grouping files into threads (parsers/threads.py) must take time in proportion to the files, not
to their square: a zip may hold 50,000 files. Prints the times, and exits 1 when either is past
`--budget` seconds (8,000 channels took 67 s when each part looked at every channel, 1.3 s
indexed; 20,000 files matching no thread took 20.6 s when each looked at every loose thread
opened before it, 2.0 s indexed). `make bench` runs it.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
import zipfile

from generate_download import messenger_file  # beside this file, run as a script

from nearer.chat import parsers
from nearer.chat.records import ChatChoiceNeeded, ChatFile

HEADER = "AuthorID,Author,Date,Content,Attachments,Reactions\n"


def made(channels: int) -> ChatFile:
    """A zip of `channels` DMs of Ana and U<i>, each with a renamed part U<i> wrote alone."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as written:
        for i in range(channels):
            person = f'"{1000 + i}","U{i}"'
            ana = '"1","Ana","04/03/2024 10:00","hi","",""\n'
            both = f'{ana}{person},"04/03/2024 10:05","hey","",""\n'
            name = f"dms/u{i}/Direct Messages - Private - U{i} [{1000 + i}].csv"
            written.writestr(name, HEADER + both)
            written.writestr(
                f"dms/u{i}/part 2.csv", f'{HEADER}{person},"05/03/2024 10:05","more","",""\n'
            )
    return ChatFile("dms.zip", buffer.getvalue())


def loose(files: int) -> ChatFile:
    """A Messenger download of 50 threads beside `files` end-to-end-encrypted files, each of
    its own stranger, in a folder that names no thread: each matches no thread."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as written:
        for t in range(1, 51):
            folder = f"partner{t}_{1000 + t}"
            data = messenger_file(f"Partner {t}", folder, 0, 20)
            written.writestr(f"messages/inbox/{folder}/message_1.json", data)
        for i in range(files):
            said = [
                {"senderName": who, "timestamp": 1_710_000_000_000 + n, "text": "hi"}
                for n, who in enumerate((f"Stranger {i}", "Ana"))
            ]
            root = {"participants": [f"Stranger {i}", "Ana"], "threadName": f"Stranger {i}"}
            written.writestr(f"messages/loose/{i}.json", json.dumps({**root, "messages": said}))
    return ChatFile("download.zip", buffer.getvalue())


def listed(zipped: ChatFile) -> tuple[int, float]:
    """How many chats the zip lists (1: none asked, read as one chat) and the seconds taken."""
    start = time.perf_counter()
    found = 1
    try:
        parsers.parse([zipped])
    except ChatChoiceNeeded as asked:
        found = len(asked.choices)
    return found, time.perf_counter() - start


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--channels", type=int, default=8000)
    options.add_argument("--loose", type=int, default=5000)
    options.add_argument("--budget", type=float, default=5.0, help="seconds")
    given = options.parse_args()
    found, took = listed(made(given.channels))
    print(f"{given.channels} channels, {2 * given.channels} files: {found} listed in {took:.1f} s")
    found, took_loose = listed(loose(given.loose))
    print(f"{given.loose} files matching no thread, beside 50 threads: {found} listed in ", end="")
    print(f"{took_loose:.1f} s")
    return 0 if max(took, took_loose) <= given.budget else 1


if __name__ == "__main__":
    sys.exit(main())
