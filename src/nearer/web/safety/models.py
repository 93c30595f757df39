"""When a person last said "not now" to taking the private safety check again, and when something
last asked for it to be offered sooner. Only theirs: never shown to the partner, never in the API,
deleted with the account. What asked for it is not kept."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ScreenReminder(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="screen_reminder"
    )
    dismissed_at = models.DateTimeField(null=True)
    prompted_at = models.DateTimeField(null=True)
