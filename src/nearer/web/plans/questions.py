"""The week's seven questions as one person's plan lists them: each day's as the day really has it.

A week made again at a join (plans.services.made_before_joining) holds new questions for every
day, but the days already opened keep the question they were opened with (a day never changes
under anyone's eyes), so for those the list reads the day itself, never the plan.
"""

from __future__ import annotations

from datetime import date

from nearer.content.loader import default_content
from nearer.domain.model import Question
from nearer.web.accounts.models import User
from nearer.web.assessments.services import OwnSafety
from nearer.web.daily.models import DailyQuestion
from nearer.web.daily.stays import memberships_of, opened_in_stay
from nearer.web.plans.models import WeekPlan
from nearer.web.plans.services import withheld_for


def week_questions(
    user: User, plan: WeekPlan, safety: OwnSafety | None = None
) -> list[tuple[date, Question]]:
    """(day, question) for each day of `plan`'s week, Monday first, as `user` may see them: a
    day opened in a stay of theirs (daily.stays.opened_in_stay), its own question
    (DailyQuestion); any other day, the plan's, even one opened before they came or while they
    were away: its own question was someone else's, and leaving the day out would tell that it
    was opened. A question set aside for them that day (withheld_for) is left out. `safety`:
    theirs when the caller has it (as plans.services.is_clear)."""
    safety = safety or OwnSafety(user)
    by_id = {q.id: q for q in default_content().questions}
    shown = []
    for day, question_id in _days(user, plan):
        question = by_id.get(question_id)
        if question is not None and not withheld_for(user, question_id, day, safety):
            shown.append((day, question))
    return shown


def _days(user: User, plan: WeekPlan) -> list[tuple[date, str]]:
    """(day, question id) of each day of the week: a day opened in a stay of the person's, the
    question it was opened with; every other day, the plan's, whether or not someone opened it
    before they came (which days were is not theirs to learn, by difference either)."""
    opened = {
        d.day: d for d in DailyQuestion.objects.filter(couple=plan.couple_id, day__in=plan.days())
    }
    memberships = memberships_of(plan.couple_id) if opened else []
    found = []
    for day in plan.days():
        daily = opened.get(day)
        if daily is not None and opened_in_stay(user.pk, daily, memberships):
            found.append((day, daily.question_id))
        elif plan.question_ids:
            found.append((day, plan.question_on(day)))
    return found
