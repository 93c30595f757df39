"""Emotion words under their owner's key: now where it is open, else at their next login."""

from typing import Any

from django.db import migrations

from nearer.web.vault import migrating


def seal(apps: Any, schema_editor: Any) -> None:
    migrating.seal_written(apps.get_model("daily", "checkin"), ["emotions"])


def unseal(apps: Any, schema_editor: Any) -> None:
    migrating.open_written(apps.get_model("daily", "checkin"), ["emotions"])


class Migration(migrations.Migration):
    dependencies = [("daily", "0006_sealed_emotions")]

    operations = [migrations.RunPython(seal, unseal)]
