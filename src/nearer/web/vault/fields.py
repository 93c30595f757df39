"""Model fields whose column holds a sealed value and whose attribute holds the plaintext.

Reading `checkin.note` opens the sealed text with the owner's key (private) or the server's key
(shared); saving seals it again. Which key a value needs is declared on the field:

- `private=True`: always the owner's key (a private note, a safety answer's run);
- `private_when=("appreciation_shared", False)`: the owner's key while that attribute has that
  value, the server's otherwise (an appreciation shared with the partner is readable by them).

Every ciphertext is bound (associated data) to `<app.model>|<field>|<row uid>|<owner id>`, where
`uid` is a random UUID the row gets when it is made, before it has a primary key; copied to
another row or field it does not open. An empty string is stored as it is (whether a note was
left is visible; what it says is not).

Text that cannot be opened reads as LockedText, a str that says why: private text, that its key
was lost in a password reset without the recovery code (LOCKED); shared text, that the server's
key file here does not open it, as after restoring a backup made under another server key
(LOCKED_SHARED: no recovery code opens it). A form shows it as empty and keeps the sealed text
unless something new is typed. A locked value is never written as text: assigned back to the
field it was read from (as a model's full_clean does with every field), it puts back the sealed
text it stands for, untouched, so the recovery code can still open it; anywhere else, saving it
is refused (keyring.Locked).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Self, overload

from django.db import models
from django.db.models.query_utils import DeferredAttribute

from nearer.web.vault import crypto, keyfile, keyring

LOCKED = "🔒 Locked: written before a password reset. Your recovery code can unlock it."
LOCKED_SHARED = (
    "🔒 Locked: this shared text does not open with the server key file here (as when a backup "
    "made under another server key is restored). The administrator can put back the matching "
    "key file: see docs/backups.md."
)


class LockedText(str):
    """Text whose key is not open here. `sealed` and `bound` are the sealed text it stands for and
    what that is bound to (see `aad`), so that it can go back where it came from; `shared`, that
    it is under a server key (its text is LOCKED_SHARED), not a person's (LOCKED)."""

    locked = True
    sealed = ""
    bound = ""
    shared = False


class LockedAnswers(dict):  # type: ignore[type-arg]
    """Answers whose key is not open here: empty. `sealed`, `bound`, `shared` as LockedText's."""

    locked = True
    sealed = ""
    bound = ""
    shared = False


def is_locked(value: object) -> bool:
    """Whether a sealed field's value is text (or answers) whose key is not open here: for
    readers that want to say so (an export, the API) rather than show its sentence as the text.
    Its `shared` tells a server key's (LOCKED_SHARED) from a person's (LOCKED)."""
    return bool(getattr(value, "locked", False))


class Sealed(str):
    """A value as the database holds it, not yet opened."""


def aad(instance: models.Model, field_name: str, owner_id: int | None) -> str:
    return f"{instance._meta.label_lower}|{field_name}|{instance.uid}|{owner_id}"


class SealedAttribute(DeferredAttribute):
    """A data descriptor: the plaintext out, anything in; the sealed form stays in __dict__."""

    def __get__(self, instance: Any, cls: Any = None) -> Any:
        if instance is None:
            return self
        value = super().__get__(instance, cls)
        if not isinstance(value, Sealed):
            return value
        opened = instance.__dict__.setdefault("_vault_opened", {})
        if self.field.attname not in opened:
            opened[self.field.attname] = self.field.open(instance, value)
        return opened[self.field.attname]

    def __set__(self, instance: Any, value: Any) -> None:
        opened = instance.__dict__.get("_vault_opened", {})
        opened.pop(self.field.attname, None)
        if is_locked(value) and value.bound == self.field.bound_to(instance):
            opened[self.field.attname] = value  # read back as it was: locked
            value = Sealed(value.sealed)  # the text it stands for, kept as it is
        instance.__dict__[self.field.attname] = value


class SealedMixin:
    descriptor_class = SealedAttribute
    # What the mixin reads of the Django Field it is mixed into.
    name: str
    attname: str
    column: str

    if TYPE_CHECKING:  # what Django's descriptor (descriptor_class) does, told to mypy
        # On the model class, the field; on a row, its value (text, or a locked value).
        @overload
        def __get__(self, instance: None, owner: type) -> Self: ...
        @overload
        def __get__(self, instance: object, owner: type) -> Any: ...
        def __get__(self, instance: object, owner: type) -> Any: ...
        def __set__(self, instance: object, value: Any) -> None: ...

    def __init__(
        self,
        *args: Any,
        private: bool = False,
        private_when: tuple[str, Any] | None = None,
        owner: str = "user_id",
        **kwargs: Any,
    ) -> None:
        self.private, self.private_when, self.owner = private, private_when, owner
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()  # type: ignore[misc]
        if self.private:
            kwargs["private"] = True
        if self.private_when:
            kwargs["private_when"] = self.private_when
        if self.owner != "user_id":
            kwargs["owner"] = self.owner
        return name, path, args, kwargs

    # What the value is in Python, and as text.
    def encode(self, value: Any) -> str:
        raise NotImplementedError

    def decode(self, text: str) -> Any:
        raise NotImplementedError

    def locked(self, said: str = LOCKED) -> Any:
        """The empty locked value of this field (LockedText reading `said`, or LockedAnswers)."""
        raise NotImplementedError

    def is_empty(self, value: Any) -> bool:
        empty: bool = value == ""
        return empty

    def is_private(self, instance: Any) -> bool:
        if self.private:
            return True
        if self.private_when:
            attribute, value = self.private_when
            return bool(getattr(instance, attribute) == value)
        return False

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if isinstance(value, str) and crypto.is_sealed(value):
            return Sealed(value)
        return value if value is None else self.decode(value)  # written before encryption

    def open(self, instance: Any, sealed: str) -> Any:
        """The plaintext of a sealed value of this field on `instance`, or locked."""
        parts = crypto.envelope(sealed)
        owner_id = getattr(instance, self.owner)
        if parts.scope == crypto.SERVER:
            key = keyfile.load().keys.get(parts.key_id)
        else:
            key = keyring.key(owner_id, parts.key_id)
        if key is None:
            return self._locked(instance, sealed, parts.scope)
        try:
            return self.decode(crypto.open_sealed(key, sealed, aad(instance, self.name, owner_id)))
        except crypto.OpenError:
            return self._locked(instance, sealed, parts.scope)

    def _locked(self, instance: Any, sealed: str, scope: str) -> Any:
        """The locked value standing for `sealed`: its sentence says which kind of key it needs
        (a recovery code never opens what the server's key file lacks)."""
        shared = scope == crypto.SERVER
        found = self.locked(LOCKED_SHARED if shared else LOCKED)
        found.sealed, found.bound, found.shared = str(sealed), self.bound_to(instance), shared
        return found

    def bound_to(self, instance: Any) -> str:
        """What this field's ciphertext on `instance` is bound to (the associated data)."""
        return aad(instance, self.name, getattr(instance, self.owner))

    def seal(self, instance: Any, value: Any) -> str:
        """`value` sealed for this field on `instance`; Locked when a private key is not open."""
        owner_id = getattr(instance, self.owner)
        if self.is_private(instance):
            found = keyring.current(owner_id)
            if found is None:
                raise keyring.Locked("the owner's data key is not open")
            scope, (key_id, key) = crypto.USER, found
        else:
            keys = keyfile.load()
            scope, key_id, key = crypto.SERVER, keys.current, keys.keys[keys.current]
        text = self.encode(value)
        return crypto.seal(scope, key_id, key, text, aad(instance, self.name, owner_id))

    def check_sealable(self, instance: Any) -> None:
        """Locked now, before any query, if saving would need a private key that is not open
        (raised later, inside the save, it would spoil an enclosing transaction)."""
        value = instance.__dict__.get(self.attname)
        if isinstance(value, Sealed) or value is None:
            return
        if is_locked(value):  # another row's or field's (see SealedAttribute.__set__)
            raise keyring.Locked("locked text cannot be written elsewhere")
        if self.is_empty(value):
            return
        if self.is_private(instance) and keyring.current(getattr(instance, self.owner)) is None:
            raise keyring.Locked("the owner's data key is not open")

    def pre_save(self, model_instance: Any, add: bool) -> Any:
        stored = model_instance.__dict__.get(self.attname)
        if isinstance(stored, Sealed):
            scope = crypto.envelope(stored).scope
            if (scope == crypto.USER) == self.is_private(model_instance):
                return str(stored)  # unchanged, and still under the right kind of key
            stored = getattr(model_instance, self.attname)  # opened, to seal under the other
            if getattr(stored, "locked", False):
                raise keyring.Locked("locked text cannot be shared")
        elif is_locked(stored):  # as check_sealable, for a save that skipped the signal
            raise keyring.Locked("locked text cannot be written elsewhere")
        if stored is None or self.is_empty(stored):
            return stored
        return self.seal(model_instance, stored)

    def get_prep_value(self, value: Any) -> Any:
        if isinstance(value, str):  # a Sealed value too
            return str(value)
        return value

    def value_from_object(self, obj: Any) -> Any:
        value = getattr(obj, self.attname)
        return self.decode("") if getattr(value, "locked", False) else value

    def save_form_data(self, instance: Any, data: Any) -> None:
        if getattr(getattr(instance, self.attname), "locked", False) and self.is_empty(data):
            return  # the form showed locked text as empty; keep it unless something was typed
        setattr(instance, self.name, data)


class SealedTextField(SealedMixin, models.TextField):
    def encode(self, value: Any) -> str:
        return str(value)

    def decode(self, text: str) -> Any:
        return text

    def locked(self, said: str = LOCKED) -> Any:
        return LockedText(said)


class SealedWordField(SealedTextField):
    """One short word of a few (a safety gate's "clear" or "concern"), padded to one width before
    it is sealed: a ciphertext as long as its word would say which word it is to anyone holding
    the database or a backup, key or no key."""

    WIDTH = 16

    def encode(self, value: Any) -> str:
        return str(value).ljust(self.WIDTH)

    def decode(self, text: str) -> Any:
        return text.rstrip(" ")


class SealedJSONField(SealedMixin, models.TextField):
    """A JSON document, sealed whole; {} for none."""

    def encode(self, value: Any) -> str:
        return json.dumps(value, sort_keys=True)

    def decode(self, text: str) -> Any:
        return json.loads(text) if text else {}

    def locked(self, said: str = LOCKED) -> Any:
        return LockedAnswers()

    def is_empty(self, value: Any) -> bool:
        return False  # even {} is sealed: there is no "empty" to show

    def get_prep_value(self, value: Any) -> Any:
        if isinstance(value, str):
            return str(value)
        return value if value is None else json.dumps(value, sort_keys=True)
