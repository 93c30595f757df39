"""A couple space: two partners (one, in solo mode), their invitations and shared settings."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

INVITATION_LIFETIME = timedelta(hours=72)


class Couple(models.Model):
    created_at = models.DateTimeField(default=timezone.now)
    minutes_per_week = models.PositiveSmallIntegerField(default=60)
    question_depth = models.PositiveSmallIntegerField(default=1)
    plan_paused = models.BooleanField(default=False)
    # When a partner left or deleted their account, leaving one person in solo mode: the stayer
    # sees one neutral notice (the same for both, so neither choice is told) until they dismiss it.
    solo_since = models.DateTimeField(null=True, blank=True)

    def active_members(self) -> models.QuerySet[Membership]:
        return self.memberships.filter(left_at__isnull=True).select_related("user")

    def __str__(self) -> str:
        return f"couple {self.pk}"


class Membership(models.Model):
    """A person in a couple space. Leaving sets `left_at`; the row stays for shared history.
    `partnership_ended_at` is when this stay last lost a partner: the partner left or deleted
    their account, or this person left with the partner still there. What was answered about
    that partner before then is about someone else (assessments.services.answers_count_from);
    it is kept on the person's own row, as a partner's deletion takes theirs away."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="memberships")
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)
    partnership_ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(left_at__isnull=True),
                name="one_active_couple_per_person",
            )
        ]


class Invitation(models.Model):
    """A one-time code for the partner. Only its hash is stored; it expires after 72 hours."""

    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="invitations")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)

    @staticmethod
    def hash(code: str) -> str:
        normalised = "".join(code.split()).upper().replace("-", "")
        return hashlib.sha256(normalised.encode()).hexdigest()

    @property
    def expires_at(self):  # type: ignore[no-untyped-def]
        return self.created_at + INVITATION_LIFETIME

    def usable(self) -> bool:
        return self.used_at is None and timezone.now() < self.expires_at
