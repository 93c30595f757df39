"""When each day's question was opened. For the rows there were before it, the earliest it can
have been, so a partner who joined after reads nothing of a day that may have been opened with
someone else before them: the start of its day in the earliest time zone (UTC+14, 14 hours
before midnight UTC), or when the couple space was made if later. Exact where the answers tell
more: a day whose every answer came after the last of its answerers joined (each answering
within that stay) was open to them all, so it is taken as opened at that join, and a joiner
keeps the join-day exchange they had."""

from datetime import UTC, datetime, time, timedelta
from typing import Any

from django.db import migrations, models
from django.db.models import Q
from django.utils import timezone


#: The earliest time zone's lead on UTC: its day starts 14 hours before UTC's.
EARLIEST_ZONE = timedelta(hours=14)


def earliest_opening(apps: Any, schema_editor: Any) -> None:
    days = apps.get_model("daily", "dailyquestion").objects.select_related("couple")
    stays = apps.get_model("couples", "membership").objects
    for daily in days.filter(opened_at__isnull=True).prefetch_related("answers").iterator(100):
        start = datetime.combine(daily.day, time.min, tzinfo=UTC) - EARLIEST_ZONE
        earliest = max(start, daily.couple.created_at)
        joined = _all_answerers_joined(daily, stays)
        daily.opened_at = earliest if joined is None else max(earliest, joined)
        daily.save(update_fields=["opened_at"])


def _all_answerers_joined(daily: Any, stays: Any) -> datetime | None:
    """When the last of the day's answerers joined, in the stay they answered in, if every answer
    came after it: the day was open with all of them there then (the question is always opened
    before its first answer). None when there is no answer, an answer came before (someone
    answered for an earlier partner, who may have left since), or an answerer's stay is gone."""
    answers = list(daily.answers.all())
    joins: list[datetime] = []
    for answer in answers:
        stay = (
            stays.filter(couple_id=daily.couple_id, user_id=answer.user_id)
            .filter(joined_at__lte=answer.answered_at)
            .filter(Q(left_at__isnull=True) | Q(left_at__gte=answer.answered_at))
            .order_by("-joined_at")
            .first()
        )
        if stay is None:
            return None
        joins.append(stay.joined_at)
    if not joins or max(joins) > min(answer.answered_at for answer in answers):
        return None
    return max(joins)


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
