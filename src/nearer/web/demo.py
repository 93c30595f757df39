"""A demo couple, Alex and Sam, with 90 days of plausible history, so every page has content:
their chat too, as nearer's own generated WhatsApp export (chat.demo), imported by Alex, agreed
to by Sam and analysed as an upload is.

Seeding is deterministic apart from the passwords, which are new each time and printed once. Running
it again resets the demo couple rather than adding a second one.
"""

from __future__ import annotations

import math
import random
import secrets
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from nearer.content.loader import default_content
from nearer.domain.model import Instrument, Item
from nearer.web import demo_chat
from nearer.web.accounts.models import User
from nearer.web.assessments.models import Run
from nearer.web.assessments.services import gate_of
from nearer.web.chats.models import ChatImport
from nearer.web.couples.models import Couple, Membership
from nearer.web.daily.models import Answer, CheckIn
from nearer.web.daily.services import question_for
from nearer.web.plans.models import PracticeLog
from nearer.web.plans.services import plan_for
from nearer.web.vault import keyring

DAYS = 90
CHAT_DAYS = 120
PEOPLE = (("alex@demo.nearer.local", "Alex"), ("sam@demo.nearer.local", "Sam"))
ANSWERS = (
    "I think it was the walk on Sunday, when we didn't have to be anywhere.",
    "Honestly, the moment you laughed at my terrible joke. I needed that.",
    "Probably my grandmother's kitchen. It always smelled of bread and nobody hurried.",
    "I'd like us to try the pottery class we keep talking about.",
    "When you asked how my meeting went and really listened to the answer.",
    "I've been worried about work more than I've said. It helps to write it down.",
    "Being trusted with something that matters to someone.",
    "I feel closest when we cook together and the radio is on.",
    "A quiet morning with coffee before the day starts.",
    "I used to think I had to handle everything alone. I'm learning that I don't.",
    "That trip to the coast, even with the rain.",
    "When you hold my hand without thinking about it.",
    "I'm proud of how we handled the move, even though it was hard.",
    "Curiosity. I want to keep learning new things with you.",
    "I miss the long talks we had at the start. I'd like more of those.",
)
APPRECIATIONS = (
    "Thank you for making dinner when I was late.",
    "You listened to me vent about work without fixing anything. It helped.",
    "I loved the note you left on the fridge.",
    "Thank you for being patient with me this week.",
    "You made me laugh when I really needed it.",
    "Thanks for taking care of the errands on Saturday.",
    "I noticed you put your phone away at dinner. It felt good to have you there.",
    "Thank you for asking about my sister. It meant a lot that you remembered.",
    "You were so kind to my parents on the phone.",
    "Thanks for the long hug this morning.",
    "I appreciate how you apologised yesterday. It made it easy to move on.",
    "Thank you for planning the walk; I didn't know I needed it.",
)


def seed(today: date | None = None) -> list[tuple[str, str]]:
    """Create or reset the demo couple; returns [(email, password)] for both partners."""
    today = today or timezone.localdate()
    rng = random.Random(2026)
    # A keyring scope: the demo partners' data keys are open while their private notes are sealed.
    with keyring.scope(), transaction.atomic():
        users, credentials = _people()
        couple = _couple(users)
        for offset, user in enumerate(users):
            _assessments(user, today, rng, offset)
        for day in (today - timedelta(days=n) for n in range(DAYS, -1, -1)):
            _day(couple, users, day, today, rng)
        _chat(couple, users, today)
    return credentials


def _people() -> tuple[list[User], list[tuple[str, str]]]:
    users, credentials = [], []
    for email, name in PEOPLE:
        User.objects.filter(email=email).delete()  # cascades: a clean slate every time
        password = secrets.token_urlsafe(9)
        users.append(User.objects.create_user(email, password, display_name=name, time_zone="UTC"))
        credentials.append((email, password))
    return users, credentials


def _couple(users: list[User]) -> Couple:
    couple: Couple = Couple.objects.create(minutes_per_week=75)
    started = timezone.now() - timedelta(days=DAYS + 1)
    for user in users:
        Membership.objects.create(user=user, couple=couple, joined_at=started)
    return couple


def _assessments(user: User, today: date, rng: random.Random, offset: int) -> None:
    """Two rounds of every instrument, 90 and 40 days ago; the second a little closer."""
    content = default_content()
    for when, lift in ((DAYS, 0), (40, 1)):
        completed = timezone.now() - timedelta(days=when - offset)
        for instrument in content.instruments.values():
            answers = {item.id: _answer(instrument, item, rng, lift) for item in instrument.items}
            Run.objects.create(
                user=user,
                instrument=instrument.id,
                answers=answers,
                gate=gate_of(answers) if instrument.id == "safety" else "",
                started_at=completed,
                completed_at=completed,
            )


def _answer(instrument: Instrument, item: Item, rng: random.Random, lift: int) -> int:
    r = instrument.response
    if instrument.id == "safety":
        return r.min  # the demo couple feels safe with each other
    pressing = item.scale in ("stress_pace", "avoided_conversations")  # what this couple works on
    toward_close = {
        "profile": 5,
        "signs": 4 if item.scale == "strong" else 2,
        "causes": 7 if pressing else 3,
    }[instrument.id]
    value = toward_close + lift * (
        1 if instrument.id == "profile" else -1 if instrument.id == "causes" else 0
    )
    value += rng.choice((-2, -1, -1, 0, 0, 0, 1, 1))
    if item.reverse:
        value = r.min + r.max - value
    return max(r.min, min(r.max, value))


def _day(couple: Couple, users: list[User], day: date, today: date, rng: random.Random) -> None:
    age = (today - day).days
    stress_wave = 1.2 * math.exp(-(((age - 45) / 9) ** 2))  # a hard stretch about six weeks ago
    for user in users:
        if rng.random() < 0.85:
            _checkin(user, day, rng, stress_wave)
    if day.weekday() == 0 or age == DAYS:
        plan_for(couple, day)
    daily = question_for(couple, day)
    both = rng.random() < 0.75
    for index, user in enumerate(users):
        if age == 0 and index == 1:
            continue  # today: Sam has not answered yet, so Alex sees the "waiting" state
        if both or index == 0:
            passed = rng.random() < 0.06
            Answer.objects.create(
                daily=daily, user=user, text="" if passed else rng.choice(ANSWERS), passed=passed
            )
    if both and age > 0 and rng.random() < 0.6:
        thanked = Answer.objects.get(daily=daily, user=users[0])
        thanked.thanked_at, thanked.reply = timezone.now(), "That made me smile."
        thanked.save(update_fields=["thanked_at", "reply"])  # save, not update(): it seals
    for user in users:
        if rng.random() < 0.45:
            practice = rng.choice(default_content().practices)
            PracticeLog.objects.get_or_create(user=user, practice_id=practice.id, day=day)


def _chat(couple: Couple, users: list[User], today: date) -> None:
    """Their chat of the last CHAT_DAYS days, imported by Alex two days ago and agreed to by Sam
    a day later: only its aggregates kept (chats.stored), as for any upload."""
    alex, sam = users
    pair = (alex.display_name, sam.display_name)  # the names the chat gives them (chat.demo)
    kept = demo_chat.kept_elsewhere(today - timedelta(days=CHAT_DAYS), CHAT_DAYS, pair)
    uploaded = timezone.now() - timedelta(days=2)
    ChatImport.objects.create(
        couple=couple,
        uploader=alex,
        partner=sam,
        status=ChatImport.READY,
        report=kept,
        created_at=uploaded,
        updated_at=uploaded,
        uploader_agreed_at=uploaded,
        partner_agreed_at=uploaded + timedelta(days=1),
    )


def _checkin(user: User, day: date, rng: random.Random, stress_wave: float) -> None:
    def level(base: float, high: int = 5) -> int:
        return max(1, min(high, round(base + rng.gauss(0, 0.6))))

    appreciation = rng.choice(APPRECIATIONS) if rng.random() < 0.4 else ""
    CheckIn.objects.create(
        user=user,
        day=day,
        pleasantness=level(3.8 - stress_wave),
        energy=level(3.3 - stress_wave / 2),
        emotions=rng.choice(
            ("calm,grateful", "tired", "hopeful", "stressed,tired", "content", "loving")
        ),
        closeness=level(5.2 - 1.5 * stress_wave, 7),
        shared_feelings=level(3.4 - stress_wave),
        understood=level(3.9 - stress_wave),
        validated=level(3.8 - stress_wave),
        cared_for=level(4.1 - stress_wave / 2),
        stress=level(2.2 + 2 * stress_wave),
        appreciation=appreciation,
        appreciation_shared=bool(appreciation) and rng.random() < 0.8,
    )
