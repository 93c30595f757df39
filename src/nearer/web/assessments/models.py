"""One person's answers to one instrument, kept per run so earlier results can be compared."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

RETAKE_AFTER = timedelta(weeks=4)


class Run(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="runs"
    )
    instrument = models.CharField(max_length=32)  # content instrument id
    answers = models.JSONField(default=dict)  # {item id: int}
    started_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "instrument", "-completed_at"])]

    def __str__(self) -> str:
        return f"{self.instrument} run {self.pk}"
