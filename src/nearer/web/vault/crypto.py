"""The primitives, and nothing else: AES-256-GCM with associated data, key wrapping, and the two
ways to turn a secret into a key-encrypting key (Argon2id for a password a person chose, HKDF for
a random secret such as a recovery code, a token or a cookie). No Django, no I/O.

A sealed value is `nv1:<scope>:<key id>:<base64url of nonce + ciphertext>`, where scope is `s`
(the server's key) or `u` (the owner's own data key). The prefix lets a reader tell sealed text
from text written before encryption existed, and the key id says which key opens it.
"""

from __future__ import annotations

import base64
import os
import secrets
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

PREFIX = "nv1:"
SERVER, USER = "s", "u"
KEY_BYTES = 32  # AES-256
NONCE_BYTES = 12  # GCM's standard nonce; random, so at most ~2**32 seals per key are safe


class OpenError(ValueError):
    """A ciphertext that does not open: wrong key, wrong associated data, or altered bytes."""


@dataclass(frozen=True)
class Argon2Cost:
    """Argon2id's cost: passes, memory in KiB, lanes. Stored beside each wrapped key."""

    time_cost: int = 3
    memory_cost: int = 64 * 1024
    parallelism: int = 1


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def new_key_id() -> str:
    return secrets.token_hex(4)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def encrypt(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def decrypt(key: bytes, blob: bytes, aad: bytes) -> bytes:
    if len(blob) < NONCE_BYTES + 16:
        raise OpenError("too short to be a ciphertext")
    try:
        return AESGCM(key).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], aad)
    except InvalidTag:
        raise OpenError("does not open with this key and associated data") from None


def seal(scope: str, key_id: str, key: bytes, plaintext: str, aad: str) -> str:
    """`plaintext` encrypted under `key`, bound to `aad`, as a sealed string."""
    blob = encrypt(key, plaintext.encode(), f"{scope}:{key_id}|{aad}".encode())
    return f"{PREFIX}{scope}:{key_id}:{_b64(blob)}"


@dataclass(frozen=True)
class Envelope:
    scope: str
    key_id: str
    blob: bytes


def is_sealed(text: str) -> bool:
    return text.startswith(PREFIX)


def envelope(sealed: str) -> Envelope:
    """The parts of a sealed string; OpenError when it is not one."""
    try:
        scope, key_id, body = sealed.removeprefix(PREFIX).split(":", 2)
        blob = _unb64(body)
    except ValueError:
        raise OpenError("not a sealed value") from None
    if not is_sealed(sealed) or scope not in (SERVER, USER):
        raise OpenError("not a sealed value")
    return Envelope(scope, key_id, blob)


def open_sealed(key: bytes, sealed: str, aad: str) -> str:
    """The plaintext of `sealed`; OpenError if the key or the associated data is not its own."""
    parts = envelope(sealed)
    return decrypt(key, parts.blob, f"{parts.scope}:{parts.key_id}|{aad}".encode()).decode()


def wrap(kek: bytes, key: bytes, aad: str) -> str:
    """`key` encrypted under a key-encrypting key, bound to `aad` (whose key, for what)."""
    return _b64(encrypt(kek, key, aad.encode()))


def unwrap(kek: bytes, wrapped: str, aad: str) -> bytes:
    return decrypt(kek, _unb64(wrapped), aad.encode())


def new_salt() -> str:
    return _b64(secrets.token_bytes(16))


def password_kek(password: str, salt: str, cost: Argon2Cost) -> bytes:
    """A key-encrypting key from a password: Argon2id, so guessing stays slow and memory-bound."""
    return hash_secret_raw(
        password.encode(),
        _unb64(salt),
        time_cost=cost.time_cost,
        memory_cost=cost.memory_cost,
        parallelism=cost.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def secret_kek(secret: str, salt: str, purpose: str) -> bytes:
    """A key-encrypting key from a random secret of at least 128 bits (a recovery code, a token,
    a cookie): HKDF-SHA256 is enough, as there is nothing to guess."""
    return HKDF(
        algorithm=hashes.SHA256(), length=KEY_BYTES, salt=_unb64(salt), info=purpose.encode()
    ).derive(secret.encode())


def new_recovery_code() -> str:
    """20 characters of base32 (100 bits) in groups of four: easy to write down and type."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no I, O, 0, 1
    raw = "".join(secrets.choice(alphabet) for _ in range(20))
    return "-".join(raw[i : i + 4] for i in range(0, 20, 4))


def normal_recovery_code(typed: str) -> str:
    """A recovery code as typed (any case, spaces or dashes) in its canonical form."""
    raw = "".join(ch for ch in typed.upper() if ch.isalnum())
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))
