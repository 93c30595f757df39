"""When each day's question was opened. For the rows there were before it, the earliest it can
have been: the start of its day (UTC), or when the couple space was made if later. The earliest,
so a partner who joined that day or after reads nothing of a day that may have been opened with
someone else before them."""

from datetime import UTC, datetime, time
from typing import Any

from django.db import migrations, models
from django.utils import timezone


def earliest_opening(apps: Any, schema_editor: Any) -> None:
    days = apps.get_model("daily", "dailyquestion").objects.select_related("couple")
    for daily in days.filter(opened_at__isnull=True).iterator():
        start = datetime.combine(daily.day, time.min, tzinfo=UTC)
        daily.opened_at = max(start, daily.couple.created_at)
        daily.save(update_fields=["opened_at"])


class Migration(migrations.Migration):
    dependencies = [("daily", "0008_checkin_shared_at"), ("couples", "0003_partnership_ended_at")]

    operations = [
        migrations.AddField(
            model_name="dailyquestion",
            name="opened_at",
            field=models.DateTimeField(null=True),
        ),
        migrations.RunPython(earliest_opening, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="dailyquestion",
            name="opened_at",
            field=models.DateTimeField(default=timezone.now),
        ),
    ]
