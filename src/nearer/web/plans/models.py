"""The couple's weekly plan as it was made, and the practices each partner marked done."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from nearer.web.couples.models import Couple


class WeekPlan(models.Model):
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="week_plans")
    week_start = models.DateField()  # a Monday
    depth = models.PositiveSmallIntegerField()
    question_ids = models.JSONField(default=list)  # seven content question ids, Monday first
    practice_ids = models.JSONField(default=list)
    focus_forms = models.JSONField(default=list)
    focus_causes = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    # Both partners were screened clear when it was made: what the week may offer the couple
    # (each person's own check can still set content aside for them, plans.services).
    made_safe = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["couple", "week_start"], name="one_plan_a_week")
        ]

    def question_on(self, day: date) -> str:
        """The question this plan holds for `day`, a day of its week."""
        return str(self.question_ids[day.weekday() % len(self.question_ids)])

    def days(self) -> list[date]:
        """The seven days of its week, Monday first."""
        return [self.week_start + timedelta(days=offset) for offset in range(7)]


class PracticeLog(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_logs"
    )
    practice_id = models.CharField(max_length=80)
    day = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "practice_id", "day"], name="one_log_a_day")
        ]
