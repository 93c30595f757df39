"""Time listing the threads of a zip of many Discord DMs, a folder each, each with a renamed part
that only the partner wrote (the lone-writer rule looks for that person's one channel).

    python benchmarks/bench_threads.py [--channels 8000] [--budget 5]

Grouping files into threads (parsers/threads.py) must take time in proportion to the files, not
to their square: a zip may hold 50,000 files. Prints the time, and exits 1 past `--budget`
seconds (8,000 channels took 67 s when each part looked at every channel, 1.3 s indexed).
"""

from __future__ import annotations

import argparse
import io
import sys
import time
import zipfile

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


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--channels", type=int, default=8000)
    options.add_argument("--budget", type=float, default=5.0, help="seconds")
    given = options.parse_args()
    zipped = made(given.channels)
    start = time.perf_counter()
    found = 1  # no choice asked: the zip was read as one chat
    try:
        parsers.parse([zipped])
    except ChatChoiceNeeded as listed:
        found = len(listed.choices)
    took = time.perf_counter() - start
    print(f"{given.channels} channels, {2 * given.channels} files: {found} listed in {took:.1f} s")
    return 0 if took <= given.budget else 1


if __name__ == "__main__":
    sys.exit(main())
