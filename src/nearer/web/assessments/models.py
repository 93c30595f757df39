"""One person's answers to one instrument, kept per run so earlier results can be compared."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from nearer.web.vault.fields import SealedJSONField, SealedWordField

RETAKE_AFTER = timedelta(weeks=4)
#: How old the latest Intimacy Profile may grow before the dashboard's next step suggests taking
#: it again: re-measured every few months, the report's earlier results show what has changed.
#: Longer than RETAKE_AFTER, so a profile this old may always be taken again.
REMEASURE_AFTER = timedelta(weeks=13)


class Run(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="runs"
    )
    instrument = models.CharField(max_length=32)  # content instrument id
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # {item id: int}: the safety screen's under the person's own key; the others under the
    # server's, since the couple's report and plan read both partners' while one is away.
    answers = SealedJSONField(default=dict, private_when=("instrument", "safety"))
    # For the safety screen only: "clear" or "concern", all the shared plan needs, sealed under
    # the server's key so it works while the person is away, without their answers; padded, so
    # that its length does not tell the one from the other.
    gate = SealedWordField(blank=True, max_length=16)
    started_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "instrument", "-completed_at"])]

    def __str__(self) -> str:
        return f"{self.instrument} run {self.pk}"
