"""Which people's data keys are open right now: a request's, a command's or a test's.

A scope begins empty. The session middleware opens one per request and puts the signed-in
person's key in it (or the API token's owner's); `nearer serve --demo` opens one while it fills
the demo. Outside any scope nothing is held, so private text reads as locked and cannot be written.
Keys live in memory only, for as long as the scope.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field


class Locked(PermissionError):
    """Private text cannot be written: the owner's data key is not open in this scope."""


@dataclass
class Held:
    current: str  # the key id new private text is sealed under
    keys: dict[str, bytes] = field(default_factory=dict)


_scope: ContextVar[dict[int, Held] | None] = ContextVar("nearer_vault_keyring", default=None)


@contextlib.contextmanager
def scope() -> Iterator[None]:
    """A fresh, empty keyring until the block ends (nested scopes do not see the outer one)."""
    token = _scope.set({})
    try:
        yield
    finally:
        _scope.reset(token)


def hold(user_id: int, key_id: str, key: bytes) -> None:
    """Open `key` for `user_id` in the current scope, as their current key; no scope, no-op."""
    held = _scope.get()
    if held is None:
        return
    entry = held.setdefault(user_id, Held(key_id))
    entry.current = key_id
    entry.keys[key_id] = key


def key(user_id: int, key_id: str) -> bytes | None:
    held = (_scope.get() or {}).get(user_id)
    return held.keys.get(key_id) if held else None


def current(user_id: int) -> tuple[str, bytes] | None:
    held = (_scope.get() or {}).get(user_id)
    return (held.current, held.keys[held.current]) if held else None


def forget(user_id: int) -> None:
    (_scope.get() or {}).pop(user_id, None)
