"""Everything a person may take with them: their own entries, and the shared history of every
couple space they were in (their answers, and the partner's where both answered).

Reading and writing are separate. `collect` reads the rows, as plain values, and is the only
place that reads a private field; `document` shapes them into the JSON document and
`accounts.archive` writes the zip (the JSON document, a CSV per table and a README).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from nearer.web.accounts.models import User
from nearer.web.assessments.models import Run
from nearer.web.chats import services as chats
from nearer.web.couples.models import Membership
from nearer.web.daily.models import CheckIn
from nearer.web.daily.services import DailyView, shared_history
from nearer.web.plans.models import PracticeLog

FORMAT = "nearer-export/1"

CHECKIN_FIELDS = (
    "day",
    "pleasantness",
    "energy",
    "emotions",
    "closeness",
    "shared_feelings",
    "understood",
    "validated",
    "cared_for",
    "stress",
    "appreciation",
    "appreciation_shared",
    "need",
    "need_shared",
    "note",
)

Row = dict[str, object]


@dataclass(frozen=True)
class Collected:
    """A person's data as read from the database: plain values (ISO 8601 dates), no models."""

    exported_at: str
    account: Row
    couple_spaces: list[Row]
    checkins: list[Row]
    daily_questions: list[Row]
    assessments: list[Row]  # each with its `answers`, {item id: value}
    practices_done: list[Row]
    chat_imports: list[Row]  # each with its aggregates where both agreed (`report`), else None


def collect(user: User) -> Collected:
    """Read everything of `user`'s that the export holds."""
    return Collected(
        exported_at=timezone.now().isoformat(),
        account={
            "email": user.email,
            "display_name": user.display_name,
            "time_zone": user.time_zone,
            "joined": user.date_joined.isoformat(),
        },
        couple_spaces=[
            {
                "couple": m.couple_id,
                "joined": m.joined_at.isoformat(),
                "left": m.left_at.isoformat() if m.left_at else None,
            }
            for m in Membership.objects.filter(user=user).order_by("joined_at")
        ],
        checkins=[_checkin(c) for c in CheckIn.objects.filter(user=user).order_by("day")],
        daily_questions=[_daily(view) for view in shared_history(user)],
        assessments=[
            {
                "instrument": r.instrument,
                "completed": r.completed_at.isoformat() if r.completed_at else None,
                "answers": dict(r.answers),
            }
            for r in Run.objects.filter(user=user).order_by("started_at")
        ],
        practices_done=[
            {"practice": log.practice_id, "day": log.day.isoformat()}
            for log in PracticeLog.objects.filter(user=user).order_by("day")
        ],
        chat_imports=chats.for_export(user),
    )


def document(data: Collected) -> dict[str, object]:
    """The JSON-ready export document (format nearer-export/1)."""
    return {
        "format": FORMAT,
        "exported_at": data.exported_at,
        "account": data.account,
        "couple_spaces": data.couple_spaces,
        "checkins": data.checkins,
        "daily_questions": data.daily_questions,
        "assessments": data.assessments,
        "practices_done": data.practices_done,
        "chat_imports": data.chat_imports,
    }


def export_data(user: User) -> dict[str, object]:
    """A JSON-ready document of the person's data. Dates are ISO 8601."""
    return document(collect(user))


def _question(view: DailyView) -> str | None:
    """The question's text (of a day opened before the person came too, when they answered it:
    daily.services.shared_history); its id on a day set aside; else none."""
    if view.question is not None:
        return view.question.text
    return view.daily.question_id if view.set_aside else None


def _checkin(checkin: CheckIn) -> Row:
    return {field: _plain(getattr(checkin, field)) for field in CHECKIN_FIELDS}


def _daily(view: DailyView) -> Row:
    # On a day not revealed to the person (set aside, opened before they came, or answered on
    # one side only) `mine` comes without the partner's thanks or reply: the service decides.
    mine, theirs = view.mine, view.partners
    return {
        "day": view.daily.day.isoformat(),
        "question": _question(view),
        "my_answer": None if mine is None or mine.passed else mine.text,
        "i_passed": bool(mine and mine.passed),
        "partner_answer": theirs.text if theirs else None,
        "partner_thanked_me": bool(mine and mine.thanked_at),
        "partner_reply": mine.reply if mine and mine.reply else None,
    }


def _plain(value: object) -> object:
    return value.isoformat() if hasattr(value, "isoformat") else value
