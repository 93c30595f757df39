"""The key rules: enrolment at the first sign-in (a new account has no key until then), opening
at every later one, re-wrapping on a password change, what a reset does, restoring with the
recovery code, and API tokens' own wraps.

Key hierarchy: each person's random 256-bit data key seals their private text. It is stored only
wrapped: under Argon2id(password) and, separately, under HKDF(recovery code). A password change
re-wraps it; a reset by email without the recovery code retires it (its password wrap is
dropped), and the next login makes a new key and a new recovery code. The old key's recovery wrap
stays, so the old recovery code can still bring back what it sealed (`recover`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models import ExpressionWrapper, F

from nearer.web.vault import crypto, keyring
from nearer.web.vault.fields import SealedMixin, is_locked
from nearer.web.vault.models import TokenWrap, UserKey


@dataclass(frozen=True)
class Unlocked:
    key_id: str
    key: bytes
    new_recovery_code: str | None = None  # set when this login made a new key: show it once


class WrongRecoveryCode(ValueError):
    """The recovery code opens none of this person's keys."""


def cost() -> crypto.Argon2Cost:
    return crypto.Argon2Cost(**getattr(settings, "VAULT_ARGON2", {}))


def _password_wrap(user_id: int, key_id: str, key: bytes, password: str) -> dict[str, Any]:
    salt, spent = crypto.new_salt(), cost()
    kek = crypto.password_kek(password, salt, spent)
    wrapped = crypto.wrap(kek, key, f"password|{user_id}|{key_id}")
    return {"salt": salt, **spent.__dict__, "wrapped": wrapped}


def _recovery_wrap(user_id: int, key_id: str, key: bytes, code: str) -> dict[str, str]:
    salt = crypto.new_salt()
    kek = crypto.secret_kek(crypto.normal_recovery_code(code), salt, "recovery")
    return {"salt": salt, "wrapped": crypto.wrap(kek, key, f"recovery|{user_id}|{key_id}")}


def _open_password_wrap(found: UserKey, password: str) -> bytes | None:
    wrap = dict(found.password_wrap)
    spent = crypto.Argon2Cost(wrap["time_cost"], wrap["memory_cost"], wrap["parallelism"])
    kek = crypto.password_kek(password, wrap["salt"], spent)
    try:
        return crypto.unwrap(kek, wrap["wrapped"], f"password|{found.user_id}|{found.key_id}")
    except crypto.OpenError:
        return None


def _open_recovery_wrap(found: UserKey, code: str) -> bytes | None:
    wrap = found.recovery_wrap
    kek = crypto.secret_kek(crypto.normal_recovery_code(code), wrap["salt"], "recovery")
    try:
        return crypto.unwrap(kek, wrap["wrapped"], f"recovery|{found.user_id}|{found.key_id}")
    except crypto.OpenError:
        return None


def current_key(user: Any) -> UserKey | None:
    return next((k for k in UserKey.objects.filter(user=user) if k.current), None)


def enrol(user: Any, password: str, using: str | None = None) -> Unlocked:
    """A new current data key for `user`, wrapped by the password and a new recovery code
    (returned once, never stored), and open in the current keyring scope."""
    key, key_id, code = crypto.new_key(), crypto.new_key_id(), crypto.new_recovery_code()
    UserKey.objects.db_manager(using).create(
        user=user,
        key_id=key_id,
        password_wrap=_password_wrap(user.pk, key_id, key, password),
        recovery_wrap=_recovery_wrap(user.pk, key_id, key, code),
    )
    keyring.hold(user.pk, key_id, key)
    return Unlocked(key_id, key, code)


def unlock(user: Any, password: str) -> Unlocked:
    """Open the current key with the password, which the caller has checked. A person without a
    current key that this password opens (before encryption, after a reset) gets a new one, with
    a new recovery code to show; what they wrote before encryption is sealed under it now."""
    unlocked = open_key(user, password)
    if unlocked is None:
        # No current key, or one the (right) password does not open: the password was set
        # without it (`manage.py changepassword`). Like a reset without the recovery code.
        _retire(user)
        unlocked = enrol(user, password)
    seal_legacy(user)
    return unlocked


def open_key(user: Any, password: str) -> Unlocked | None:
    """Open the current key with the password in the current scope, and nothing else (no new
    key, no writes); None when there is no current key or the password does not open it."""
    found = current_key(user)
    key = _open_password_wrap(found, password) if found else None
    if found is None or key is None:
        return None
    keyring.hold(user.pk, found.key_id, key)
    return Unlocked(found.key_id, key)


@transaction.atomic
def change_password(user: Any, old_password: str, new_password: str) -> None:
    """Re-wrap the current key under the new password; the data stays as it is."""
    found = current_key(user)
    key = _open_password_wrap(found, old_password) if found else None
    if found is None or key is None:
        unlock(user, new_password)  # nothing to re-wrap: a key under the new password
        return
    found.password_wrap = _password_wrap(user.pk, found.key_id, key, new_password)
    found.save(update_fields=["password_wrap"])


@transaction.atomic
def reset(user: Any, new_password: str, recovery_code: str = "") -> bool:
    """A password reset by email. With the right recovery code the current key is re-wrapped
    under the new password and nothing is lost (True). Without it, the current key is retired:
    only its recovery code opens it now; the next login makes a new key (False)."""
    found = current_key(user)
    if found is None:
        return False
    if recovery_code:
        key = _open_recovery_wrap(found, recovery_code)
        if key is None:
            raise WrongRecoveryCode("That recovery code does not match this account.")
        found.password_wrap = _password_wrap(user.pk, found.key_id, key, new_password)
        found.save(update_fields=["password_wrap"])
        return True
    _retire(user)
    return False


def _retire(user: Any) -> None:
    """The current key opens by its recovery code only from now on; tokens lose their wraps."""
    UserKey.objects.filter(user=user).update(password_wrap={})
    TokenWrap.objects.filter(token__user=user).delete()


def retired_keys(user: Any) -> list[UserKey]:
    return [k for k in UserKey.objects.filter(user=user) if not k.current]


@transaction.atomic
def recover(user: Any, code: str) -> int:
    """Bring back what an older key sealed: its recovery code opens it, its rows are sealed again
    under the current key (which must be open), and the old key is deleted. Returns the number of
    values restored; WrongRecoveryCode if the code opens no retired key."""
    for old in retired_keys(user):
        key = _open_recovery_wrap(old, code)
        if key is None:
            continue
        now = keyring.current(user.pk)
        if now is None:
            raise keyring.Locked("sign in again to open your current key first")
        keyring.hold(user.pk, old.key_id, key)
        keyring.hold(user.pk, now[0], now[1])  # keep sealing under the current key
        restored = reseal(owner=user.pk, prefix=f"{crypto.PREFIX}{crypto.USER}:{old.key_id}:")
        old.delete()
        return restored
    raise WrongRecoveryCode("That recovery code does not open any of your earlier keys.")


def sealed_fields() -> Iterator[tuple[type[models.Model], SealedMixin]]:
    """Every sealed field of every installed model."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, SealedMixin):
                yield model, field


#: Rows sealed again per transaction: each chunk's rows stay locked only while it is written.
CHUNK = 500


def reseal(prefix: str, owner: int | None = None, unsealed: bool = False) -> int:
    """Open and seal again every value starting with `prefix` (or, with `unsealed`, every
    non-empty value written before encryption); `owner` limits it to one person's rows. Returns
    how many values were sealed again; keyring.Locked when one does not open.

    Safe beside a running server. Rows go in chunks of CHUNK, by primary key, each chunk in a
    transaction of its own (a savepoint inside a caller's, which then holds its locks to the
    end): its rows are locked in key order (so two runs cannot deadlock on them), read, and
    only their sealed column is written back, only while it still holds what was read. A value
    edited meanwhile is read again, or left alone once it no longer needs sealing: never written
    over. Stopped part way, every chunk is done or untouched, everything still opens with the
    keys held, and running it again does the rest.
    """
    count = 0
    for model, field in sealed_fields():
        rows = _needing_reseal(model, field, prefix, owner, unsealed)
        after: Any = None
        while chunk := list(
            (rows if after is None else rows.filter(pk__gt=after))
            .order_by("pk")
            .values_list("pk", flat=True)[:CHUNK]
        ):
            count += _reseal_chunk(rows.filter(pk__in=chunk), field)
            after = chunk[-1]
    return count


def _needing_reseal(
    model: type[models.Model], field: SealedMixin, prefix: str, owner: int | None, unsealed: bool
) -> models.QuerySet[Any]:
    """The rows of `model` whose `field` reseal must seal again (see reseal)."""
    rows = model._default_manager.all()
    if owner is not None:
        rows = rows.filter(**{field.owner.removesuffix("_id"): owner})
    if unsealed:
        rows = rows.exclude(**{f"{field.name}__startswith": crypto.PREFIX})
        return rows.exclude(**{field.name: ""}).exclude(**{f"{field.name}__isnull": True})
    return rows.filter(**{f"{field.name}__startswith": prefix})


def _reseal_chunk(rows: models.QuerySet[Any], field: SealedMixin) -> int:
    """Seal again `field` of `rows` (one chunk) in one transaction; how many values were."""
    count = 0
    with transaction.atomic(using=rows.db):
        for row in _locked(rows, field):
            found: Any = row
            while found is not None and not _seal_again(found, field):
                # Changed between the read and the write (possible only on this connection, or
                # where the database locks nothing): read again, if it still needs sealing.
                found = _locked(rows.filter(pk=found.pk), field).first()
            count += found is not None
    return count


def _locked(rows: models.QuerySet[Any], field: SealedMixin) -> models.QuerySet[Any]:
    """`rows`, locked until the transaction ends, in key order, each with its column of `field`
    as stored (`vault_stored`, past the field's decoding) for _seal_again to compare."""
    stored = ExpressionWrapper(F(field.name), output_field=models.TextField())
    return rows.select_for_update(of=("self",)).order_by("pk").annotate(vault_stored=stored)


def _seal_again(row: Any, field: SealedMixin) -> bool:
    """Write `row`'s value of `field` sealed under the current key, only if the column still
    holds what `row` was read with; whether it did."""
    value = getattr(row, field.attname)
    if is_locked(value):
        raise keyring.Locked(f"{row._meta.label} {row.pk}: {field.name} does not open")
    setattr(row, field.attname, value)  # as plaintext: sealed again, under the current key
    sealed = field.pre_save(row, add=False)
    unchanged = {"pk": row.pk, field.attname: row.vault_stored}
    return bool(type(row)._default_manager.filter(**unchanged).update(**{field.attname: sealed}))


def seal_legacy(user: Any) -> int:
    """Seal what `user` wrote before encryption existed (their key must be open)."""
    return reseal(prefix="", owner=user.pk, unsealed=True)


def wrap_for_token(token: Any, secret: str) -> bool:
    """Give a new API token its own wrap of its owner's open key; False (a token that reads
    private text as locked) when the key is not open where the token is made."""
    found = keyring.current(token.user_id)
    if found is None:
        return False
    key_id, key = found
    salt = crypto.new_salt()
    kek = crypto.secret_kek(secret, salt, "token")
    wrapped = crypto.wrap(kek, key, f"token|{token.pk}|{key_id}")
    TokenWrap.objects.create(token=token, key_id=key_id, salt=salt, wrapped=wrapped)
    return True


def unlock_token(token: Any, secret: str) -> None:
    """Open the token owner's key in the current scope, when the token has a wrap of it."""
    wrap = TokenWrap.objects.filter(token=token).first()
    if wrap is None:
        return
    kek = crypto.secret_kek(secret, wrap.salt, "token")
    try:
        key = crypto.unwrap(kek, wrap.wrapped, f"token|{token.pk}|{wrap.key_id}")
    except crypto.OpenError:
        return
    keyring.hold(token.user_id, wrap.key_id, key)


def recovery_code_opens(user: Any, code: str) -> bool:
    found = current_key(user)
    return found is not None and _open_recovery_wrap(found, code) is not None


def unlock_at_login(user: Any, password: str) -> None:
    """At a login form whose password is right: open the key for the session to keep."""
    user.vault_unlocked = unlock(user, password)
