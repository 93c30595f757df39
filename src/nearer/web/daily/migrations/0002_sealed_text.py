"""Answers and check-ins: a random uid per row, and their text sealed (see vault.migrating)."""

import uuid

from django.db import migrations, models

import nearer.web.vault.fields
from nearer.web.vault import migrating

TEXT = {"answer": ["text", "reply"], "checkin": ["appreciation", "need", "note"]}


def uids(apps, schema_editor):
    for name in TEXT:
        migrating.fill_uids(apps.get_model("daily", name))


def seal(apps, schema_editor):
    for name, fields in TEXT.items():
        migrating.seal_written(apps.get_model("daily", name), fields)


def unseal(apps, schema_editor):
    for name, fields in TEXT.items():
        migrating.open_written(apps.get_model("daily", name), fields)


class Migration(migrations.Migration):
    dependencies = [("daily", "0001_initial")]

    operations = [
        migrations.AddField("answer", "uid", models.UUIDField(null=True, editable=False)),
        migrations.AddField("checkin", "uid", models.UUIDField(null=True, editable=False)),
        migrations.RunPython(uids, migrations.RunPython.noop),
        migrations.AlterField(
            "answer", "uid", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
        ),
        migrations.AlterField(
            "checkin", "uid", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
        ),
        migrations.AlterField(
            "answer",
            "reply",
            nearer.web.vault.fields.SealedTextField(blank=True, max_length=280),
        ),
        migrations.AlterField(
            "answer",
            "text",
            nearer.web.vault.fields.SealedTextField(blank=True, max_length=4000),
        ),
        migrations.AlterField(
            "checkin",
            "appreciation",
            nearer.web.vault.fields.SealedTextField(
                blank=True, max_length=1000, private_when=("appreciation_shared", False)
            ),
        ),
        migrations.AlterField(
            "checkin",
            "need",
            nearer.web.vault.fields.SealedTextField(
                blank=True, max_length=1000, private_when=("need_shared", False)
            ),
        ),
        migrations.AlterField(
            "checkin",
            "note",
            nearer.web.vault.fields.SealedTextField(blank=True, max_length=4000, private=True),
        ),
        migrations.RunPython(seal, unseal),
    ]
