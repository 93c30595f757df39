"""When a check-in's appreciation and need were shared: for rows already shared, the best
record there is, the time the check-in was first saved (what the rule read before)."""

from typing import Any

from django.db import migrations, models


def fill(apps: Any, schema_editor: Any) -> None:
    checkins = apps.get_model("daily", "checkin").objects
    checkins.filter(appreciation_shared=True).update(appreciation_shared_at=models.F("created_at"))
    checkins.filter(need_shared=True).update(need_shared_at=models.F("created_at"))


class Migration(migrations.Migration):
    dependencies = [("daily", "0007_seal_emotions")]

    operations = [
        migrations.AddField(
            model_name="checkin",
            name="appreciation_shared_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="checkin",
            name="need_shared_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
