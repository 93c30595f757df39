"""Write a generated Meta "Download your information" zip, or DiscordChatExporter's CSV
channels zipped a folder each, for timing how nearer lists and reads one chat of many.

    python benchmarks/generate_download.py download.zip [--threads 50] [--messages 10000]
        [--per-file 5000] [--discord]

Each thread (channel) holds `--messages` messages of Ana and its partner, in files of
`--per-file` messages (Messenger's message_N.json; Discord's "[part N]" CSV files). Then, e.g.:
`/usr/bin/time -v nearer analyze download.zip --chat "Partner 7" --format json`.
"""

from __future__ import annotations

import argparse
import json
import zipfile
from pathlib import Path

START_MS = 1_600_000_000_000
WORDS = "so I was thinking we could get dinner tonight if you are not too tired".split()


def messenger_file(partner: str, folder: str, first: int, count: int) -> bytes:
    """message_N.json of messages `first` to `first + count`, newest first as Meta writes."""
    messages = [
        {
            "sender_name": (partner, "Ana")[n % 2],
            "timestamp_ms": START_MS + n * 61_000,
            "content": " ".join(WORDS[: 3 + n % 12]),
        }
        for n in reversed(range(first, first + count))
    ]
    root = {
        "participants": [{"name": partner}, {"name": "Ana"}],
        "messages": messages,
        "title": partner,
        "is_still_participant": True,
        "thread_path": f"inbox/{folder}",
    }
    return json.dumps(root).encode()


def discord_file(partner: str, first: int, count: int) -> bytes:
    rows = ["AuthorID,Author,Date,Content,Attachments,Reactions"]
    for n in range(first, first + count):
        minute = n % (24 * 60)
        when = f"{1 + n // (24 * 60) % 28:02d}/03/2024 {minute // 60:02d}:{minute % 60:02d}"
        who = ("1", "Ana") if n % 2 else ("2", partner)
        rows.append(f'"{who[0]}","{who[1]}","{when}","{" ".join(WORDS[: 3 + n % 12])}","",""')
    return ("\n".join(rows) + "\n").encode()


def main() -> None:
    given = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    given.add_argument("zip", type=Path)
    given.add_argument("--threads", type=int, default=50)
    given.add_argument("--messages", type=int, default=10_000)
    given.add_argument("--per-file", type=int, default=5_000)
    given.add_argument("--discord", action="store_true")
    args = given.parse_args()
    with zipfile.ZipFile(args.zip, "w", zipfile.ZIP_DEFLATED) as written:
        written.writestr("autofill_information.json", '{"autofill_information_v2": {}}')
        for number in range(1, args.threads + 1):
            partner, folder = f"Partner {number}", f"partner{number}_{1000 + number}"
            for part, first in enumerate(range(0, args.messages, args.per_file), start=1):
                count = min(args.per_file, args.messages - first)
                if args.discord:
                    suffix = f" [part {part}]" if part > 1 else ""
                    name = f"{folder}/Direct Messages - {partner} [{1000 + number}]{suffix}.csv"
                    written.writestr(name, discord_file(partner, first, count))
                else:
                    name = f"messages/inbox/{folder}/message_{part}.json"
                    written.writestr(name, messenger_file(partner, folder, first, count))


if __name__ == "__main__":
    main()
