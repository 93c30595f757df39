"""The server's key file: the keys for shared content, kept outside the database folder.

The file is JSON, `{"current": id, "keys": {id: base64url key}}`, mode 0600 in a 0700 folder,
created on first use. It is never in a backup: `nearer backup` copies the database only, and the
default place (`<data folder>-keys/server-keys.json`) is beside the data folder, not in it, so a
copy of the data folder does not take it either. Rotation adds a key, re-seals, then drops the old.

The file is read again whenever it changes on disk, so a running server follows `nearer keys
rotate` run beside it.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from nearer.web.private_files import check_folder, not_a_folder
from nearer.web.vault import crypto


@dataclass(frozen=True)
class ServerKeys:
    current: str
    keys: dict[str, bytes]


_lock = threading.Lock()
_cache: dict[str, tuple[tuple[int, int, int], ServerKeys]] = {}


def path() -> Path:
    return Path(settings.VAULT_KEY_FILE)


def load() -> ServerKeys:
    """The server's keys, creating the file on first use.

    Only on first use: a file this process has read before and that has gone since is an error
    (ImproperlyConfigured), not a reason for a fresh key that would seal new values where the
    person's copy of the file cannot open them. Before a command makes the file, it checks that
    no value is sealed already (nearer.web.vault.coverage).
    """
    where = path()
    check_folder(where.parent, "NEARER_KEY_FILE")  # others could put a key of theirs in place
    with _lock:
        if not where.exists():
            if str(where) in _cache:
                raise ImproperlyConfigured(
                    f"the key file {where} has gone while nearer was running; put it back"
                )
            _write(where, ServerKeys(crypto.new_key_id(), {}), create=True)
        stat = where.stat()
        stamp = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        cached = _cache.get(str(where))
        if cached and cached[0] == stamp:
            return cached[1]
        keys = _read(where)
        _cache[str(where)] = (stamp, keys)
        return keys


def existing() -> ServerKeys | None:
    """The server's keys, or None when there is no key file; never makes one."""
    return load() if path().exists() else None


def _read(where: Path) -> ServerKeys:
    """The keys in the file; ImproperlyConfigured, one line, for anything but a key file: not
    JSON, or "keys" not an object of base64url strings, or "current" not one of its ids."""
    not_a_folder(where, "NEARER_KEY_FILE")
    try:
        data = json.loads(where.read_text())
    except (OSError, ValueError, RecursionError) as error:
        raise ImproperlyConfigured(f"{where}: not a nearer key file ({error})") from None
    found = data.get("keys") if isinstance(data, dict) else None
    if not isinstance(found, dict):
        raise ImproperlyConfigured(f'{where}: not a nearer key file (no "keys" object)')
    if not all(isinstance(text, str) for text in found.values()):
        raise ImproperlyConfigured(f"{where}: not a nearer key file (a key that is not text)")
    try:
        keys = {key_id: crypto._unb64(text) for key_id, text in found.items()}
    except ValueError as error:  # not base64url
        raise ImproperlyConfigured(f"{where}: not a nearer key file ({error})") from None
    current = data.get("current")
    if not isinstance(current, str) or current not in keys:
        raise ImproperlyConfigured(f"{where}: not a nearer key file (no current key)")
    if any(len(k) != crypto.KEY_BYTES for k in keys.values()):
        raise ImproperlyConfigured(f"{where}: not a nearer key file (a key of the wrong length)")
    return ServerKeys(current, keys)


def _write(where: Path, keys: ServerKeys, create: bool = False) -> None:
    """Write atomically with mode 0600. A new file gets one fresh key and is linked into place
    only if no other process made one first (two first runs at once agree on one key)."""
    if create:
        keys = ServerKeys(keys.current, {keys.current: crypto.new_key()})
        where.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    text = json.dumps(
        {"current": keys.current, "keys": {i: crypto._b64(k) for i, k in keys.keys.items()}}
    )
    where = where.resolve()  # a key file linked from elsewhere is replaced there, link kept
    temporary = where.with_name(f".{where.name}.{crypto.new_key_id()}.partial")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if not create:
            temporary.replace(where)
            return
    except BaseException:  # a full disk, a failed fsync: no copy of key material is left behind
        temporary.unlink(missing_ok=True)
        raise
    try:
        os.link(temporary, where)
    except FileExistsError:
        pass  # another process was first: its key is the one
    finally:
        temporary.unlink()


def add_key() -> ServerKeys:
    """A new current key; the old ones stay until every row is re-sealed."""
    keys = load()
    new_id = crypto.new_key_id()
    grown = ServerKeys(new_id, {**keys.keys, new_id: crypto.new_key()})
    with _lock:
        _write(path(), grown)
    return load()


def keep_only_current() -> ServerKeys:
    keys = load()
    with _lock:
        _write(path(), ServerKeys(keys.current, {keys.current: keys.keys[keys.current]}))
    return load()
