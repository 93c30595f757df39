"""Each person's data keys, wrapped; never a key in the clear.

A person has one current key (its `password_wrap` set) and, after a password reset without the
recovery code, older keys that only their recovery code can open. A personal API token carries
its own wrap of its owner's current key, so it can read and write private text too.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class UserKey(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_keys"
    )
    key_id = models.CharField(max_length=16, unique=True)
    # {"salt", "time_cost", "memory_cost", "parallelism", "wrapped"}; {} once retired by a reset.
    password_wrap = models.JSONField(default=dict, blank=True)
    recovery_wrap = models.JSONField(default=dict)  # {"salt", "wrapped"}
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    @property
    def current(self) -> bool:
        return bool(self.password_wrap)

    def __str__(self) -> str:
        return f"data key {self.key_id} of user {self.user_id}"


class TokenWrap(models.Model):
    """An API token's wrap of its owner's data key; revoking the token deletes it."""

    token = models.OneToOneField("api.Token", on_delete=models.CASCADE, related_name="vault_wrap")
    key_id = models.CharField(max_length=16)
    salt = models.CharField(max_length=32)
    wrapped = models.TextField()
