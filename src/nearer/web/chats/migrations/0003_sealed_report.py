"""A random uid per import, and its aggregates sealed under the server's key (see vault.migrating)."""

import uuid

from django.db import migrations, models

import nearer.web.vault.fields
from nearer.web.vault import migrating


def uids(apps, schema_editor):
    migrating.fill_uids(apps.get_model("chats", "chatimport"))


def seal(apps, schema_editor):
    migrating.seal_written(apps.get_model("chats", "chatimport"), ["report"])


def unseal(apps, schema_editor):
    migrating.open_written(apps.get_model("chats", "chatimport"), ["report"])


class Migration(migrations.Migration):
    dependencies = [("chats", "0002_worker")]

    operations = [
        migrations.AddField("chatimport", "uid", models.UUIDField(null=True, editable=False)),
        migrations.RunPython(uids, migrations.RunPython.noop),
        migrations.AlterField(
            "chatimport", "uid", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
        ),
        migrations.AlterField(
            "chatimport",
            "report",
            nearer.web.vault.fields.SealedJSONField(blank=True, null=True, owner="uploader_id"),
        ),
        migrations.RunPython(seal, unseal),
    ]
