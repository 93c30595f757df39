"""Login throttle counters and the index of each person's signed-in sessions."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Throttle(models.Model):
    """Wrong passwords counted for one bucket: an account, an address, or an account on a browser
    it signed in from before. The key is an HMAC, so the table holds no emails or addresses."""

    key = models.CharField(max_length=80, unique=True)
    failures = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    last_failure_at = models.DateTimeField(db_index=True)
    # Attempts counted before their password is checked and not yet answered (throttle.reserve),
    # and when the latest was counted: one never answered within throttle.IN_FLIGHT was lost.
    pending = models.PositiveIntegerField(default=0)
    pending_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.key[:16]}… {self.failures} failures"


class SignIn(models.Model):
    """One signed-in session: when it began, when it was last used, and on what kind of device."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sign_ins"
    )
    # Django's own session key, kept so that ending this sign-in deletes the session's data.
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()
    device = models.CharField(max_length=64)  # "Firefox on Linux": a label, not the user agent

    class Meta:
        ordering = ("-last_seen_at", "-id")

    def __str__(self) -> str:
        return f"{self.device} since {self.created_at:%Y-%m-%d %H:%M}"
