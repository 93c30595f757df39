"""The couple's schedule as the plan page changes it: minutes a week for practices, and the pause.

Both partners share it, and each may have the plan page open for hours. The page carries the
revision of the settings it was opened on (`opened`), as the check-in page does
(daily.checkins): a save from a page opened before the settings last changed, which would change
them, is refused with the settings as they are now and what the person chose, so that a
partner's pause is never undone by a form that did not show it. Sending it again from the
refused page, which is opened on the settings as they are now, saves it, knowingly. A form that
sends no `opened` (a page older than this check) is not checked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.http import QueryDict
from django.utils.crypto import salted_hmac

from nearer.web.couples.models import Couple
from nearer.web.plans import services
from nearer.web.plans.forms import ScheduleForm

NEWER = (
    "The plan's settings were changed after you opened this page (by your partner, or by you "
    "in another tab), so nothing was saved. They are now {now}. What you chose is in the form "
    "below: save it to replace them, or change it first."
)


@dataclass(frozen=True)
class Schedule:
    """The two settings of a couple's plan: `minutes` a week for practices, and `paused`."""

    minutes: int
    paused: bool

    @classmethod
    def of(cls, couple: Couple) -> Schedule:
        return cls(couple.minutes_per_week, couple.plan_paused)

    def words(self) -> str:
        """ "90 minutes a week, paused", for a sentence that says what they are."""
        return f"{self.minutes} minutes a week, {'paused' if self.paused else 'not paused'}"


def revision(couple: Couple) -> str:
    """A short stamp of the couple's settings as they stand, for the page to send back as
    `opened`. Only the two settings, not the whole row: the plan's depth changes with each week
    made, and that must not make a settings page stale. Keyed with the server's secret (as
    daily.checkins.revision). A pause undone before the other's save stamps as it was: nothing
    of it is lost then, and the save goes on."""
    now = Schedule.of(couple)
    stamp: str = salted_hmac("nearer.plan-settings-revision", repr(now)).hexdigest()
    return stamp[:32]


def unbound_form(couple: Couple) -> ScheduleForm:
    """The form as the page opens it: the settings as they stand."""
    return ScheduleForm(
        initial={"minutes_per_week": couple.minutes_per_week, "paused": couple.plan_paused}
    )


def save_schedule(couple: Couple, data: QueryDict) -> tuple[ScheduleForm, Schedule | None]:
    """The form as checked, and the settings as they were before it saved them (None when it
    was refused: invalid, or opened on settings older than those there now and would change
    them, NEWER). The check and the write hold the couple's row, so a partner's save cannot
    slip in between them (SQLite's transactions take the write lock as they begin)."""
    with transaction.atomic():
        now = Couple.objects.select_for_update().get(pk=couple.pk)
        form = _checked(now, data)
        if not form.is_valid():
            return form, None
        before, chosen = Schedule.of(now), _chosen(form)
        services.update_schedule(now, chosen.minutes, chosen.paused)
    couple.refresh_from_db()
    return form, before


def _checked(now: Couple, data: QueryDict) -> ScheduleForm:
    """The form over the settings there now, refused when it was opened on older ones and
    would change them (a save of the very settings there now loses nothing, and goes on)."""
    form = ScheduleForm(data)
    opened = data.get("opened")
    stale = opened is not None and opened != revision(now)
    # Refused for another reason too, it is told now: the refused page is opened on the
    # settings there now, and the form fixed and sent from it is not stale any more.
    if stale and not (form.is_valid() and _chosen(form) == Schedule.of(now)):
        form.add_error(None, NEWER.format(now=Schedule.of(now).words()))
    return form


def _chosen(form: ScheduleForm) -> Schedule:
    return Schedule(form.cleaned_data["minutes_per_week"], form.cleaned_data["paused"])


def said(before: Schedule, after: Schedule, week: date) -> str:
    """What a save did, each change with when it takes effect: a pause or a resume at once, for
    both partners (the page puts this week's practices away or brings them back); new minutes
    from the plan of `week`, the first not yet made (services.first_week_to_use_settings), as
    the plans already made keep the practices they were made with."""
    changes = []
    if after.paused and not before.paused:
        changes.append(
            "The plan is paused from now, for both of you: its practices are put away until "
            "one of you resumes it."
        )
    if before.paused and not after.paused:
        changes.append("The plan is resumed: this week's practices are back for both of you.")
    if after.minutes != before.minutes:
        changes.append(
            f"Minutes a week: {after.minutes}. The plan for the week of {week.day} {week:%B} "
            "will use it."
            + ("" if after.paused else " Until then, this week's plan stays as it was made.")
        )
    return " ".join(["Saved.", *(changes or ["Nothing changed."])])
