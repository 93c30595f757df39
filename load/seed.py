"""Seed the load run's partners through nearer's own services, and write who they are as JSON.

    python load/seed.py ACCOUNTS.json PEOPLE

Uses the database that the environment names (NEARER_DATA_DIR's SQLite, or DATABASE_URL), applies
the migrations, then makes PEOPLE / 2 couples. Each partner has taken every assessment, and each
couple has two weeks of history: both partners checked in and answered the daily question on
each of the last 14 days, so the dashboard has trends and the history has revealed answers.
Today's question is left unanswered for the load run to answer.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date, timedelta
from pathlib import Path

PASSWORD = "a long load-test passphrase"  # for every seeded partner; loopback only
HISTORY_DAYS = 14
#: The load run answers today's question first, then these older days, one by one, newest
#: first: days no one answered yet, after the membership began (see members_on).
ANSWERABLE_DAYS = 300


def main(accounts: Path, people: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nearer.web.settings")
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    call_command("migrate", interactive=False, verbosity=0)
    today = timezone.localdate()
    hashed = make_password(PASSWORD)  # one Argon2 hash for all: the slow part, and proves nothing
    from nearer.web.vault import keyring

    # A keyring scope: each partner's data key is open while their notes are sealed.
    with keyring.scope(), transaction.atomic():
        couples = [seed_couple(n, today, hashed) for n in range(people // 2)]
    answer_days = [today] + [
        today - timedelta(days=back)
        for back in range(HISTORY_DAYS + 1, HISTORY_DAYS + 1 + ANSWERABLE_DAYS)
    ]
    accounts.write_text(
        json.dumps(
            {
                "today": today.isoformat(),
                "answer_days": [day.isoformat() for day in answer_days],
                "people": [person for couple in couples for person in couple],
            },
            indent=1,
        )
    )
    accounts.chmod(0o600)


def seed_couple(number: int, today: date, hashed: str) -> list[dict[str, object]]:
    from django.utils import timezone

    from nearer.web.accounts.models import User
    from nearer.web.api import tokens
    from nearer.web.couples import services as couples
    from nearer.web.couples.models import Couple, Membership
    from nearer.web.vault.services import enrol

    users = [
        User.objects.create_user(
            f"partner{number:03d}{side}@load.nearer.local",
            None,
            display_name=f"Partner {number}{side}",
            time_zone="UTC",
        )
        for side in "ab"
    ]
    User.objects.filter(pk__in=[u.pk for u in users]).update(password=hashed)
    for user in users:  # a data key each, open in the caller's keyring scope, as at sign-up
        enrol(user, PASSWORD)
    couple = couples.create_couple(users[0])
    couples.join(users[1], couples.invite(users[0]))
    # As if they had used nearer for a year, so older days' questions are theirs to answer.
    long_ago = timezone.now() - timedelta(days=400)
    Membership.objects.filter(couple=couple).update(joined_at=long_ago)
    Couple.objects.filter(pk=couple.pk).update(created_at=long_ago)
    for user in users:
        _assessments(user)
    _history(couple, users, today)
    return [
        {
            "id": user.pk,
            "email": user.email,
            "password": PASSWORD,
            "token": tokens.issue(user, "load run")[1],
            "couple": number,
        }
        for user in users
    ]


def _assessments(user) -> None:  # type: ignore[no-untyped-def]
    from nearer.web.assessments import services as assessments

    for instrument_id in assessments.ORDER:
        found = assessments.instrument(instrument_id)
        assert found is not None
        low, high = found.response.min, found.response.max
        value = low if instrument_id == "safety" else (low + high) // 2
        assessments.save_run(user, found, {item.id: value for item in found.items})


def _history(couple, users, today: date) -> None:  # type: ignore[no-untyped-def]
    from nearer.web.daily import services as daily
    from nearer.web.daily.models import CheckIn

    for back in range(HISTORY_DAYS, 0, -1):
        day = today - timedelta(days=back)
        question = daily.question_for(couple, day)
        for n, user in enumerate(users):
            daily.answer(user, question, f"An answer from {user.display_name} on {day}.", False)
            level = 2 + (back + n) % 3
            CheckIn.objects.create(
                user=user,
                day=day,
                pleasantness=level,
                energy=level,
                emotions="calm,hopeful",
                closeness=level + 2,
                shared_feelings=level,
                understood=level,
                validated=level,
                cared_for=level,
                stress=6 - level,
                appreciation="Thank you for the tea." if back % 3 == 0 else "",
                appreciation_shared=back % 3 == 0,
            )


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
