"""Seal what was written before encryption (see vault.migrating): shared text now, private text
where its owner's key is open, else at the owner's next login."""

from typing import Any

from django.db import migrations

from nearer.web.vault import migrating

TEXT = {"answer": ["text", "reply"], "checkin": ["appreciation", "need", "note"]}


def seal(apps: Any, schema_editor: Any) -> None:
    for name, fields in TEXT.items():
        migrating.seal_written(apps.get_model("daily", name), fields)


def unseal(apps: Any, schema_editor: Any) -> None:
    for name, fields in TEXT.items():
        migrating.open_written(apps.get_model("daily", name), fields)


class Migration(migrations.Migration):
    dependencies = [("daily", "0004_sealed_fields")]

    operations = [migrations.RunPython(seal, unseal)]
