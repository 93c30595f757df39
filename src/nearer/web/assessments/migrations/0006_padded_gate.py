"""The safety gate sealed again, padded to one width: "clear" and "concern" sealed as they were
gave ciphertexts of two lengths, which told one from the other without any key."""

from collections.abc import Callable
from typing import Any

from django.db import migrations

import nearer.web.vault.fields


def pad(apps: Any, schema_editor: Any) -> None:
    """Forward, under SealedWordField: each gate opened, then sealed again, padded."""
    reseal(apps, lambda gate: gate)


def unpad(apps: Any, schema_editor: Any) -> None:
    """Backward, under the SealedTextField there was: each gate sealed again without its padding,
    as the code before this migration reads it ("clear", never "clear" and spaces)."""
    reseal(apps, lambda gate: gate.rstrip(" "))


def reseal(apps: Any, change: Callable[[str], str]) -> None:
    Run = apps.get_model("assessments", "run")
    for run in Run.objects.filter(instrument="safety").exclude(gate="").iterator(chunk_size=500):
        run.gate = change(str(run.gate))
        run.save(update_fields=["gate"])


class Migration(migrations.Migration):
    dependencies = [("assessments", "0005_seal_answers")]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, unpad),  # backward: the last step
        migrations.AlterField(
            model_name="run",
            name="gate",
            field=nearer.web.vault.fields.SealedWordField(blank=True, max_length=16),
        ),
        migrations.RunPython(pad, migrations.RunPython.noop),
    ]
