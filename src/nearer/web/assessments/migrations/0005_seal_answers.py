"""The safety gate of every safety run, then answers sealed (see vault.migrating): the safety
screen's under its owner's key where open, else at their next login; the others' now."""

from typing import Any

from django.db import migrations

from nearer.web.vault import migrating


def gates(apps: Any, schema_editor: Any) -> None:
    from nearer.web.assessments.services import gate_of

    Run = apps.get_model("assessments", "run")
    for run in Run.objects.filter(instrument="safety").iterator(chunk_size=500):
        answers = run.answers
        if isinstance(answers, dict) and not getattr(answers, "locked", False):
            run.gate = gate_of(answers)
            run.save(update_fields=["gate"])


def seal(apps: Any, schema_editor: Any) -> None:
    gates(apps, schema_editor)
    migrating.seal_written(apps.get_model("assessments", "run"), ["answers"])


def unseal(apps: Any, schema_editor: Any) -> None:
    migrating.open_written(apps.get_model("assessments", "run"), ["answers"])


class Migration(migrations.Migration):
    dependencies = [("assessments", "0004_sealed_fields")]

    operations = [migrations.RunPython(seal, unseal)]
