"""The daily question (answered privately, revealed when both have answered) and the check-in."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from nearer.web.couples.models import Couple
from nearer.web.vault.fields import SealedTextField


def _between(low: int, high: int) -> list[object]:
    return [MinValueValidator(low), MaxValueValidator(high)]


class DailyQuestion(models.Model):
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="daily_questions")
    day = models.DateField()
    question_id = models.CharField(max_length=40)
    # When the day was first read, so its question chosen: a partner who joined after it reads
    # nothing of it (daily.stays.opened_in_stay).
    opened_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["couple", "day"], name="one_question_a_day")]
        ordering = ["-day"]


class Answer(models.Model):
    """One partner's answer. Its text is shown to the partner only once both have answered."""

    daily = models.ForeignKey(DailyQuestion, on_delete=models.CASCADE, related_name="answers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    # Sealed under the server's key: once both have answered, the partner reads it, signed in
    # or not. `uid` binds each ciphertext to this row (see vault.fields).
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    text = SealedTextField(blank=True, max_length=4000)
    passed = models.BooleanField(default=False)
    answered_at = models.DateTimeField(default=timezone.now)
    thanked_at = models.DateTimeField(
        null=True, blank=True
    )  # the partner's "thank you for sharing"
    reply = SealedTextField(max_length=280, blank=True)  # the partner's one-line reply

    class Meta:
        constraints = [models.UniqueConstraint(fields=["daily", "user"], name="one_answer_each")]


class CheckIn(models.Model):
    """About a minute a day: mood, closeness, the intimacy process, stress, appreciation, need."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins"
    )
    day = models.DateField()
    pleasantness = models.PositiveSmallIntegerField(validators=_between(1, 5))
    energy = models.PositiveSmallIntegerField(validators=_between(1, 5))
    # Comma-separated emotion words: the owner's alone, so under their own key.
    emotions = SealedTextField(max_length=200, blank=True, private=True)
    closeness = models.PositiveSmallIntegerField(validators=_between(1, 7))  # overlapping circles
    shared_feelings = models.PositiveSmallIntegerField(validators=_between(1, 5))
    understood = models.PositiveSmallIntegerField(validators=_between(1, 5))
    validated = models.PositiveSmallIntegerField(validators=_between(1, 5))
    cared_for = models.PositiveSmallIntegerField(validators=_between(1, 5))
    stress = models.PositiveSmallIntegerField(validators=_between(1, 5))
    # Text under the owner's own key while private, under the server's key once shared.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    appreciation = SealedTextField(
        blank=True, max_length=1000, private_when=("appreciation_shared", False)
    )
    appreciation_shared = models.BooleanField(default=False)
    # When the text was last shared (turned shared, or changed while shared); None while private.
    # A partner sees it only when this falls in a time the two of them were in a couple space
    # together (couples.times_together, shared_within), whenever the check-in was first saved.
    appreciation_shared_at = models.DateTimeField(null=True, blank=True)
    need = SealedTextField(blank=True, max_length=1000, private_when=("need_shared", False))
    need_shared = models.BooleanField(default=False)
    need_shared_at = models.DateTimeField(null=True, blank=True)
    note = SealedTextField(blank=True, max_length=4000, private=True)  # private, always
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="one_checkin_a_day")]
        ordering = ["-day"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Shared text carries when it was shared: now, unless the check-in form said (see
        daily.forms.CheckInForm); private text carries none."""
        for name in ("appreciation", "need"):
            stamp = f"{name}_shared_at"
            if not getattr(self, f"{name}_shared"):
                setattr(self, stamp, None)
            elif getattr(self, stamp) is None:
                setattr(self, stamp, timezone.now())
        super().save(*args, **kwargs)


def shared_within(field: str, spans: list[tuple[datetime, datetime | None]]) -> models.Q:
    """Check-ins whose `field` ("appreciation" or "need") is shared, not blank, and was shared
    within one of `spans` (from, until; None: still), the times the two were together (by when
    it was shared, not when the check-in was first saved): never a text kept private, never one
    shared while apart or with another partner. No spans, no check-ins."""
    within = models.Q(pk__in=[])
    for start, end in spans:
        at = models.Q(**{f"{field}_shared_at__gte": start})
        within |= at if end is None else at & models.Q(**{f"{field}_shared_at__lte": end})
    return models.Q(**{f"{field}_shared": True}) & within & ~models.Q(**{field: ""})
