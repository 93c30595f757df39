"""One line of a person's own activity log: what kind of thing happened, when, and to which ids."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Event(models.Model):
    # Deleted with the account: the log is the person's own, not the operator's.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="audit_events"
    )
    kind = models.CharField(max_length=32)
    at = models.DateTimeField(db_index=True)
    ids = models.JSONField(default=dict)  # {"session": 12}: ids and short labels, never content

    class Meta:
        ordering = ("-at", "-id")
        indexes = (models.Index(fields=("user", "-at")),)

    def __str__(self) -> str:
        return f"{self.kind} at {self.at:%Y-%m-%d %H:%M}"
