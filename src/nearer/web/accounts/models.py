"""A person: signs in with an email address; has a display name and a time zone."""

from __future__ import annotations

import unicodedata
import zoneinfo
from datetime import date, datetime
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone

TIME_ZONES = sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})


def normal_email(typed: str) -> str:
    """An email as accounts are stored and looked up: Unicode NFKC (a fullwidth 'ａ' is an 'a',
    as Django's sign-in form reads it), trimmed, lowercased. Sign-up, sign-in and the sign-in
    throttle all read an email this way, so any case or look-alike spelling of an address is
    the one account."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", typed).strip().lower())


class UserManager(BaseUserManager["User"]):
    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        user: User = self.model(email=normal_email(email or ""), **fields)
        user.set_password(password)
        user.save(using=self._db)
        if password:  # a data key for private text, open in the current keyring scope if any
            from nearer.web.vault.services import enrol

            enrol(user, password, using=self._db)  # sign-up shows a recovery code; this does not
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        return self.create_user(email, password, is_staff=True, is_superuser=True, **fields)


class User(AbstractUser):
    username = None
    first_name = None
    last_name = None
    email = models.EmailField(unique=True)
    display_name = models.CharField(max_length=60)
    time_zone = models.CharField(max_length=64, default="UTC")

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []
    objects: ClassVar[UserManager] = UserManager()

    def __str__(self) -> str:
        name: str = self.display_name or self.email
        return name

    def day_of(self, moment: datetime) -> date:
        """The day `moment` fell on in this person's own time zone (the one their check-ins and
        days are dated in), whichever zone is active."""
        day: date = timezone.localtime(moment, zoneinfo.ZoneInfo(self.time_zone)).date()
        return day
