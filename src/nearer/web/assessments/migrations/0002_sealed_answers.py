"""Runs: a random uid per row, answers sealed, and the safety gate (see vault.migrating)."""

import uuid

from django.db import migrations, models

import nearer.web.vault.fields
from nearer.web.vault import migrating


def uids(apps, schema_editor):
    migrating.fill_uids(apps.get_model("assessments", "run"))


def gates(apps, schema_editor):
    """The plan's safety gate for every safety run, before its answers become private."""
    from nearer.web.assessments.services import gate_of

    Run = apps.get_model("assessments", "run")
    for run in Run.objects.filter(instrument="safety").iterator(chunk_size=500):
        answers = run.answers
        if isinstance(answers, dict) and not getattr(answers, "locked", False):
            run.gate = gate_of(answers)
            run.save(update_fields=["gate"])


def seal(apps, schema_editor):
    migrating.seal_written(apps.get_model("assessments", "run"), ["answers"])


def unseal(apps, schema_editor):
    migrating.open_written(apps.get_model("assessments", "run"), ["answers"])


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial")]

    operations = [
        migrations.AddField("run", "uid", models.UUIDField(null=True, editable=False)),
        migrations.RunPython(uids, migrations.RunPython.noop),
        migrations.AlterField(
            "run", "uid", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
        ),
        migrations.AddField(
            "run",
            "gate",
            nearer.web.vault.fields.SealedTextField(blank=True, max_length=16),
        ),
        migrations.AlterField(
            "run",
            "answers",
            nearer.web.vault.fields.SealedJSONField(
                default=dict, private_when=("instrument", "safety")
            ),
        ),
        migrations.RunPython(gates, migrations.RunPython.noop),
        migrations.RunPython(seal, unseal),
    ]
