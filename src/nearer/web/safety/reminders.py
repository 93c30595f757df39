"""The private safety check, offered again every few weeks (NEARER_SAFETY_RESCREEN_WEEKS):
relationships change, and a screen from months ago may no longer be true. It is also offered again
at once when an imported chat holds words of threat, fear or control (chat.alarms), to both of its
people alike, with the same words as the periodic offer. The offer is the person's own — on their
home page only, never to the partner, never in the API — and "not now" puts it away until the
next period."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings

from nearer.domain.safety import rescreen_due
from nearer.web.accounts.models import User
from nearer.web.assessments.services import latest_run
from nearer.web.safety.models import ScreenReminder


def every() -> timedelta:
    return timedelta(weeks=settings.SAFETY_RESCREEN_WEEKS)


def screen_offer_due(user: User, now: datetime) -> bool:
    """Whether `user`'s home page offers the private safety check again."""
    run = latest_run(user, "safety")
    reminder = ScreenReminder.objects.filter(user=user).first()
    return rescreen_due(
        run.completed_at if run else None,
        reminder.dismissed_at if reminder else None,
        now,
        every(),
        reminder.prompted_at if reminder else None,
    )


def offer_again(user_ids: Iterable[int], now: datetime) -> None:
    """Offer the private check again to each of `user_ids` at once; no reason is kept."""
    for user_id in user_ids:
        ScreenReminder.objects.update_or_create(user_id=user_id, defaults={"prompted_at": now})
