"""A made-up couple's chat for demos and tests: deterministic, English, WhatsApp Android .txt.

Sam and Alex over about four months: a warm stretch, a busy and stressful stretch where talk
turns to logistics and replies slow down, a few weeks of conflict with repair, and a recovery.
Messages include multi-line texts, media, emoji (ZWJ sequences too), an edited and a deleted
message, and system lines. The same seed and start date always give the same bytes; there is no
clock and no randomness beyond the seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

NAMES = ("Sam", "Alex")
ENCRYPTION = (
    "Messages and calls are end-to-end encrypted. No one outside of this chat, not even "
    "WhatsApp, can read or listen to them. Tap to learn more."
)

SLOTS: dict[str, tuple[str, ...]] = {
    "event": ("presentation", "interview", "doctor's visit", "team review", "call with my mum"),
    "worry": ("freezing up", "saying the wrong thing", "the numbers", "being judged"),
    "news": ("I got the project!", "they loved my pitch!", "my sister is pregnant!",
             "I finally finished the course!"),
    "favour": ("making coffee this morning", "listening last night", "sorting the car",
               "the sweet note in my bag"),
    "place": ("the lake", "that little Thai place", "the market", "the coast", "the cinema"),
    "grocery": ("milk", "bread", "eggs", "coffee", "tomatoes", "oat milk"),
    "topic": ("my dad getting older", "whether I'm happy at work", "where we want to live",
              "how fast this year is going"),
    "thing": ("dog", "sunset", "cake", "tiny house", "street art"),
    "bill": ("electricity bill", "rent", "car insurance", "phone bill"),
    "chore": ("dishes", "laundry", "bins", "shopping"),
}  # fmt: skip

WARM = (
    ("A|Good morning ☀️ sleep ok?", "B|Morning! Like a rock. You?",
     "A|Pretty good. Have a lovely day, love you ❤️", "B|Love you too 😘"),
    ("A|I'm feeling a bit nervous about the {event} today",
     "B|Aw, that makes sense. You've prepared so well. What part worries you most?",
     "A|Mostly {worry}. Thanks for asking 🙏", "B|You'll be great. I'm here for you ❤️"),
    ("A|Guess what! {news} 🎉",
     "B|No way!! That's amazing, I'm so proud of you. Tell me everything",
     "A|So basically\nthey called this morning\nand said yes to everything 😭",
     "B|I love that. We should celebrate tonight?", "A|Yes please 😍"),
    ("A|Thank you for {favour}, it really made my day",
     "B|Anytime, I love doing that for you ❤️"),
    ("A|We should go to {place} this weekend",
     "B|Ooh yes, we haven't been in ages. Let's do Saturday?", "A|Perfect, it's a date 😊"),
    ("A|Can you pick up {grocery} on the way home?", "B|Sure, anything else?",
     "A|Maybe some {grocery} too. Thanks babe"),
    ("A|<Media omitted>", "A|Look at this {thing} I saw 😂", "B|Haha that's so cute"),
    ("A|Miss you today", "B|Miss you too. Can't wait to see you tonight 🥰"),
    ("A|Random question: what's something you've been thinking about lately?",
     "B|Honestly, {topic}. I feel a bit sad about it sometimes",
     "A|I'm really glad you told me. That sounds hard. What makes you feel that way?",
     "B|I guess I want us to make the most of it. Thanks for asking 💛"),
    ("A|How was your day?", "B|Long but good! We finished the plan. How was yours?",
     "A|Good, quiet. Made us soup 🍲", "B|You're the best 👩‍❤️‍👨"),
)  # fmt: skip
BUSY = (
    ("A|Running late again, won't be home before 8", "B~45|ok"),
    ("A|Did you pay the {bill}?", "B~60|Not yet, will do it tomorrow"),
    ("A|Can you do the {chore} tonight? I have a meeting till 7", "B~30|I'll try"),
    ("A|Don't forget the dentist appointment at 4:30", "B~20|yep"),
    ("A|I'm so stressed, work is crazy this week",
     "B~90|did you order the groceries? we need {grocery}"),
    ("A|Thanks for handling dinner, I'm exhausted", "B~15|np"),
    ("A|omw", "B~10|k"),
    ("A|Parcel came for you, left it by the door", "B~50|thanks"),
    ("A|Can you call the landlord about the heating?", "B~120|Can't today, meeting till 6"),
)  # fmt: skip
CONFLICT = (
    ("A|You always leave the {chore} for me. It's like I'm the only one who does anything here",
     "B|That's not true, I was just busy with work. I did the laundry yesterday",
     "A|Whatever. You never listen.", "B~200|..."),
    ("A|Seriously? You forgot the {bill} again. This is ridiculous",
     "B|I'm sorry, you're right, I forgot. That's my fault",
     "A|Thanks for saying that. I'm just tired", "B|I know. Love you, let's talk tonight ❤️"),
    ("A|I feel like you don't care about anything I say. You never ask how I am",
     "B|I'm getting overwhelmed, I need a break. Can we talk later tonight?", "A|ok",
     "B~150|Hey, I'm sorry about earlier. I understand why you were upset",
     "A|Thank you. I'm sorry too ❤️"),
    ("A|Oh great, another brilliant plan from you 🙄 grow up",
     "B|What's wrong with you today? It's not my fault the car broke down",
     "A|It's never your fault, is it", "B~240|..."),
    ("A|I feel a bit lonely lately with how busy we've been. Could we have a quiet evening "
     "together this week?", "B|That makes sense, I've felt it too. Yes, let's do Thursday 💛"),
)  # fmt: skip
RECOVERY = (
    ("A|Thank you for listening last night, it meant a lot",
     "B|Thank you for telling me. I love us ❤️"),
    ("A|I feel a bit worried about money this month. Can we sit down and look at it together?",
     "B|Yes, of course. I understand, it's been a lot. Sunday morning with coffee?",
     "A|Perfect, thank you 🙏"),
    ("A|We did really well this week I think", "B|We did. I'm proud of us 🥰"),
)  # fmt: skip


@dataclass(frozen=True)
class Phase:
    scripts: tuple[tuple[str, ...], ...]
    per_day: tuple[int, int]  # exchanges a day, inclusive range
    reply_minutes: tuple[int, int]
    extra: tuple[tuple[str, ...], ...] = ()  # mixed in now and then
    extra_chance: float = 0.0


PHASES = (  # (ends at this fraction of the days, phase); the last 8 weeks hold the last three
    (0.53, Phase(WARM, (4, 6), (1, 8), BUSY, 0.12)),
    (0.70, Phase(BUSY, (3, 5), (10, 70), WARM, 0.15)),
    (0.83, Phase(BUSY, (2, 4), (5, 40), CONFLICT, 0.5)),
    (1.01, Phase(WARM, (4, 6), (1, 10), RECOVERY, 0.35)),
)


Message = tuple[datetime, str | None, str]  # local time, author (None: system line), text


def generate(start: date, days: int = 120, seed: int = 7) -> bytes:
    """The chat as UTF-8 WhatsApp Android export bytes (dd/mm/yyyy, 24-hour clock)."""
    return ("\n".join(_line(*message) for message in messages(start, days, seed)) + "\n").encode()


def messages(start: date, days: int = 120, seed: int = 7) -> list[Message]:
    """The chat's messages in order, as the export will show them."""
    rng = random.Random(seed)
    chat: list[Message] = [(datetime.combine(start, time(9, 0)), None, ENCRYPTION)]
    for day in range(days):
        chat += _day(rng, start + timedelta(days=day), day / days, chat[-1][0])
        if day == days // 2:
            notice = f"Your security code with {NAMES[1]} changed. Tap to learn more."
            chat.append((chat[-1][0] + timedelta(minutes=5), None, notice))
    return chat


def file_name() -> str:
    return f"WhatsApp Chat with {NAMES[1]}.txt"


def _phase(progress: float) -> Phase:
    return next(phase for end, phase in PHASES if progress < end)


def _day(rng: random.Random, day: date, progress: float, after: datetime) -> list[Message]:
    phase = _phase(progress)
    count = rng.randint(*phase.per_day)
    found: list[Message] = []
    for minute in sorted(rng.sample(range(7 * 60, 22 * 60), count)):
        pool = phase.extra if phase.extra and rng.random() < phase.extra_chance else phase.scripts
        at = datetime.combine(day, time(0, 0)) + timedelta(minutes=minute)
        last = found[-1][0] if found else after
        at = max(at, last + timedelta(minutes=rng.randint(20, 90)))  # one exchange at a time
        found += _exchange(rng, rng.choice(pool), rng.randrange(2), at, phase.reply_minutes)
    return found


def _exchange(
    rng: random.Random, script: Sequence[str], first: int, at: datetime, reply: tuple[int, int]
) -> Iterator[Message]:
    previous = "A"
    for step in script:
        head, text = step.split("|", 1)
        role, _, delay = head.partition("~")
        if delay:
            at += timedelta(minutes=int(delay) + rng.randint(0, 20))
        elif role != previous:
            at += timedelta(minutes=rng.randint(*reply))
        else:
            at += timedelta(minutes=rng.randint(0, 1))
        previous = role
        if text == "...":
            continue  # silence: nobody answered
        author = NAMES[first] if role == "A" else NAMES[1 - first]
        yield at, author, _variant(rng, _fill(rng, text))


def _fill(rng: random.Random, text: str) -> str:
    for slot, choices in SLOTS.items():
        while "{" + slot + "}" in text:
            text = text.replace("{" + slot + "}", rng.choice(choices), 1)
    return text


def _variant(rng: random.Random, text: str) -> str:
    """Now and then a message is edited or deleted, as real chats are."""
    roll = rng.random()
    if roll < 0.01 and text != "<Media omitted>":
        return "This message was deleted"
    if roll < 0.025 and text != "<Media omitted>":
        return f"{text} <This message was edited>"
    return text


def _line(at: datetime, author: str | None, text: str) -> str:
    stamp = f"{at:%d/%m/%Y}, {at:%H:%M}"
    return f"{stamp} - {author}: {text}" if author else f"{stamp} - {text}"
