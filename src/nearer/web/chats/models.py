"""A chat import: who uploaded it, for whom, how far the analysis got, who has agreed to see it,
and the aggregates it produced. Never the chat itself: no message text, and no names from the
chat once the partner has answered (`asked`)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from nearer.web.couples.models import Couple
from nearer.web.vault.fields import SealedJSONField


class ChatImport(models.Model):
    QUEUED, ANALYSING, READY, FAILED, WITHDRAWN = (
        "queued",
        "analysing",
        "ready",
        "failed",
        "withdrawn",
    )
    STATUSES = [
        (QUEUED, "Waiting to be analysed"),
        (ANALYSING, "Being analysed"),
        (READY, "Analysed"),
        (FAILED, "Could not be analysed"),
        (WITHDRAWN, "Withdrawn"),
    ]

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)  # binds the sealing
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="chat_imports")
    # Both people the chat is about. Deleting either account deletes the import with it.
    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="chat_uploads"
    )
    partner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="chat_imports_shared"
    )
    status = models.CharField(max_length=12, choices=STATUSES, default=QUEUED)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)  # last change or sign of life
    uploader_agreed_at = models.DateTimeField(default=timezone.now)  # uploading is agreeing
    partner_agreed_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # "host:pid" of the process whose thread analyses it, so a thread that died with its process
    # is noticed at once (chats.analysis.fail_stale).
    worker = models.CharField(max_length=200, blank=True)
    # One of our own sentences (never the chat's words) when the analysis failed.
    problem = models.CharField(max_length=300, blank=True)
    # The aggregates (chats.stored): weekly rates, trends and summary counts, the two people
    # as "uploader" and "partner". Null until ready, and again once withdrawn. Sealed at rest
    # under the server's key (nearer.web.vault): both partners read it.
    report = SealedJSONField(null=True, blank=True, owner="uploader_id")
    # What the partner is asked to agree to (chats.asked): the names the chat gives the two, the
    # days and counts. The only words of the chat kept, sealed, and only until the partner agrees
    # or either withdraws.
    asked = SealedJSONField(null=True, blank=True, owner="uploader_id")

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"chat import {self.pk} ({self.status})"
