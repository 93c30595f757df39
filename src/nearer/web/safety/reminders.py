"""The private safety check, offered again every few weeks (NEARER_SAFETY_RESCREEN_WEEKS):
relationships change, and a screen from months ago may no longer be true. It is also offered again
at once when an imported chat holds words of threat, fear or control (chat.alarms), to both of its
people alike, and to the writer of a check-in, a day's answer or a reply with crisis words
(safety.pointer).

The offer says only what is true and never why it came: "it has been a while" when the period
since the last check has passed, whatever brought it; otherwise "whenever you like", the same for
a note, for a chat, for both partners. A reason (or a claim that weeks have passed seconds after
the check) would tell whoever looks over a shoulder what was written. The offer is the person's
own — on their home page only, never to the partner, never in the API — and "not now" puts it
away until the next period."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Literal

from django.conf import settings

from nearer.domain.safety import rescreen_due
from nearer.web.accounts.models import User
from nearer.web.assessments.services import latest_run
from nearer.web.safety.models import ScreenReminder


def every() -> timedelta:
    return timedelta(weeks=settings.SAFETY_RESCREEN_WEEKS)


#: Which words the offer uses: "weeks" says the period has passed; "any_time" gives no time.
Offer = Literal["weeks", "any_time"]


def screen_offer(user: User, now: datetime) -> Offer | None:
    """How `user`'s home page offers the private safety check again; None: it does not."""
    run = latest_run(user, "safety")
    if run is None or run.completed_at is None:
        return None  # never taken: onboarding offers it, not this
    reminder = ScreenReminder.objects.filter(user=user).first()
    due = rescreen_due(
        run.completed_at,
        reminder.dismissed_at if reminder else None,
        now,
        every(),
        reminder.prompted_at if reminder else None,
    )
    if not due:
        return None
    return "weeks" if now - run.completed_at >= every() else "any_time"


def offer_again(user_ids: Iterable[int], now: datetime) -> None:
    """Offer the private check again to each of `user_ids` at once; no reason is kept."""
    for user_id in user_ids:
        ScreenReminder.objects.update_or_create(user_id=user_id, defaults={"prompted_at": now})
