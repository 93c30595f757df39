"""What the data migrations of sealed fields do, for any app (see daily and assessments 0002).

Forward, every row gets its random `uid`, then every value written before encryption is sealed:
shared ones under the server's key at once; private ones under their owner's key where it is
open, else at the owner's next login (vault.services.seal_legacy). Backward, every value that
opens is written back as plaintext; private text whose key is not open stays sealed (a JSON
document as a JSON string holding the sealed value, which the forward step recognises).
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from nearer.web.vault import crypto, keyring


def fill_uids(model: Any) -> None:
    for row in model.objects.filter(uid__isnull=True).only("pk").iterator(chunk_size=500):
        model.objects.filter(pk=row.pk).update(uid=uuid.uuid4())


def seal_written(model: Any, names: list[str]) -> None:
    for row in model.objects.all().iterator(chunk_size=500):
        ready = []
        for name in names:
            field = model._meta.get_field(name)
            value = row.__dict__.get(field.attname)
            if isinstance(value, str) and crypto.is_sealed(value):  # kept sealed on the way back
                model.objects.filter(pk=row.pk).update(**{name: value})
                continue
            if value in ("", None) or type(value).__name__ == "Sealed":
                continue
            if field.is_private(row) and keyring.current(getattr(row, field.owner)) is None:
                continue  # sealed at the owner's next login
            ready.append(name)
        if ready:
            row.save(update_fields=ready)


def open_written(model: Any, names: list[str]) -> None:
    for row in model.objects.all().iterator(chunk_size=500):
        for name in names:
            field = model._meta.get_field(name)
            raw = row.__dict__.get(field.attname)
            if type(raw).__name__ != "Sealed":
                continue
            value = getattr(row, field.attname)
            if getattr(value, "locked", False):
                value = json.dumps(str(raw)) if isinstance(value, dict) else str(raw)
            model.objects.filter(pk=row.pk).update(**{name: value})
