"""Login keeps the open key for the session; logout clears the secret cookie; a save that
would need a private key that is not open is refused before it touches the database."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import pre_save
from django.dispatch import receiver

from nearer.web.vault import sessions
from nearer.web.vault.fields import SealedMixin


@receiver(user_logged_in)
def keep_key(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    unlocked = getattr(user, "vault_unlocked", None)
    if unlocked is None or request is None or not hasattr(request, "session"):
        return
    sessions.hold(request, user.pk, unlocked.key_id, unlocked.key)
    if unlocked.new_recovery_code:
        sessions.keep_code(request, unlocked.new_recovery_code)


@receiver(user_logged_out)
def forget_key(sender: Any, request: Any, **kwargs: Any) -> None:
    if request is not None:
        request.vault_forget = True


@receiver(pre_save)
def refuse_locked_writes(
    sender: Any, instance: Any, update_fields: Any = None, **kwargs: Any
) -> None:
    for field in sender._meta.concrete_fields:
        if isinstance(field, SealedMixin) and (
            update_fields is None or field.name in update_fields
        ):
            field.check_sealable(instance)
