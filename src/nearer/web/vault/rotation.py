"""`nearer keys rotate`: a new server key, every shared value sealed again, the old keys gone.

Steps, each safe to stop after: add a new current key to the key file (old ones kept); re-seal
every value sealed under any other server key id; check that none is left; then write the file
with the new key alone. Run again after an interruption, it finishes the job. It starts only when
the key file holds every key the database's sealed values are under.

It may run beside a live server: re-sealing locks each chunk of rows before reading them and
never writes back a value edited since it was read (services.reseal), so no edit is lost.
"""

from __future__ import annotations

from dataclasses import dataclass

from nearer.web.vault import coverage, crypto, keyfile, services


class RotationError(RuntimeError):
    """Rows still under an old key after re-sealing; the old keys are kept."""


@dataclass(frozen=True)
class Rotation:
    old_ids: tuple[str, ...]
    new_id: str
    resealed: int


def under_old_keys(current: str) -> int:
    """How many values are sealed under a server key other than `current`."""
    return sum(coverage.unheld((current,)).values())


def rotate() -> Rotation:
    """Rotate the server key. coverage.KeysMissing, before anything changes, when values are
    sealed under a key the key file does not hold (the file is missing or another one): a new
    key could never let them be sealed again."""
    coverage.check()
    keys = keyfile.add_key()
    old_ids = tuple(key_id for key_id in keys.keys if key_id != keys.current)
    resealed = 0
    for old in old_ids:
        # No transaction around the whole pass: reseal commits chunk by chunk, so a live server's
        # edits wait for one chunk's locks at most (on SQLite, for its write lock), never for all.
        resealed += services.reseal(prefix=f"{crypto.PREFIX}{crypto.SERVER}:{old}:")
    left = under_old_keys(keys.current)
    if left:
        raise RotationError(f"{left} values are still under an old key; run it again")
    keyfile.keep_only_current()
    return Rotation(old_ids, keys.current, resealed)
