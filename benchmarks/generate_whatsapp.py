"""Write a deterministic, realistic two-person WhatsApp export for benchmarks.

    python benchmarks/generate_whatsapp.py N OUT [--style android|ios]

The same N and style always give the same bytes. The chat has multi-line messages, emoji
(including ZWJ sequences), media, deleted and edited messages, and a few system lines, in the
proportions of a real couple's chat (roughly; the figures below are guesses, not measurements).
Android style is `dd/mm/yyyy, HH:MM - Name: text`, which whatstk also reads, so both parsers can
be timed on the same file.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

PEOPLE = ("Alice Martin", "Bob")
WORDS = (
    "hey love how was your day I miss you already did you eat dinner yet the meeting ran late "
    "so tired tonight want to call later sure can we talk about the weekend plans my mum says "
    "hi thinking of you sorry I was short earlier that was kind of you thank you for listening "
    "let's go for a walk tomorrow what time works for you ok sounds good haha really proud of "
    "you I feel a bit low today can you pick up milk on the way home see you soon"
).split()
EMOJI = ("😂", "❤️", "😘", "👍", "🙏", "😊", "👨‍👩‍👧", "❤️‍🔥", "🥰", "😅")
MEDIA = "<Media omitted>"
SYSTEM = (
    "Your security code with {other} changed. Tap to learn more.",
    "{who} changed their phone number to a new number. Tap to message or add the new number.",
)
#: Seconds between messages: mostly quick replies, some pauses, a few nights. The mean is about
#: five minutes, so a million messages span about nine years, like a long, busy couple's chat.
GAPS = (5, 15, 30, 60, 120, 300, 900, 3600, 28800)
GAP_WEIGHTS = (25, 25, 15, 12, 10, 6, 4, 2, 0.5)
E2E = (
    "Messages and calls are end-to-end encrypted. No one outside of this chat, not even "
    "WhatsApp, can read or listen to them. Tap to learn more."
)


def sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(2, 16))
    text = " ".join(words)
    if rng.random() < 0.2:
        text += " " + rng.choice(EMOJI)
    return text[0].upper() + text[1:]


def body(rng: random.Random) -> str:
    """One message body: mostly short text; some multi-line, media, deleted or edited."""
    roll = rng.random()
    if roll < 0.04:
        return MEDIA
    if roll < 0.05:
        return "This message was deleted"
    if roll < 0.055:
        return sentence(rng) + " <This message was edited>"
    if roll < 0.15:
        return "\n".join(sentence(rng) for _ in range(rng.randint(2, 4)))
    return sentence(rng)


def stamp(moment: datetime, style: str) -> str:
    if style == "ios":
        return moment.strftime("[%d/%m/%Y, %H:%M:%S] ")
    return moment.strftime("%d/%m/%Y, %H:%M - ")


def lines(count: int, style: str, seed: int = 20240229) -> Iterator[str]:
    """`count` messages (system lines included), oldest first."""
    rng = random.Random(seed)
    moment = datetime(2019, 1, 1, 8, 0, 0)  # noqa: DTZ001 - naive local time, as exported
    yield stamp(moment, style) + E2E
    speaker = 0
    for _ in range(count - 1):
        moment += timedelta(seconds=rng.choices(GAPS, GAP_WEIGHTS)[0])
        if rng.random() < 0.001:
            text = rng.choice(SYSTEM).format(other=PEOPLE[1], who=PEOPLE[speaker])
            yield stamp(moment, style) + text
            continue
        if rng.random() < 0.45:
            speaker = 1 - speaker
        yield stamp(moment, style) + f"{PEOPLE[speaker]}: {body(rng)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of messages")
    parser.add_argument("out", type=Path, help="file to write")
    parser.add_argument("--style", choices=("android", "ios"), default="android")
    args = parser.parse_args()
    with args.out.open("w", encoding="utf-8", newline="\n") as out:
        for line in lines(args.count, args.style):
            out.write(line + "\n")


if __name__ == "__main__":
    main()
