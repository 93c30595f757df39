"""When each day's question was opened. For the rows there were before it, the earliest it can
have been, so a partner who joined after reads nothing of a day that may have been opened with
someone else before them: the start of its day in the earliest time zone (UTC+14, 14 hours
before midnight UTC), or when the couple space was made if later. Exact where the answers tell
more: a day whose every answer came after the last of its answerers joined (each answering
within that stay), when no one else can have had it before that join, was open to them all, so
it is taken as opened at that join, and a joiner keeps the join-day exchange they had. Late
answers alone say nothing of when a day was opened: one left between the earliest opening and
the join (a stay ended, a partnership ended, the space went solo) may have opened it with the
stayer, so such a day keeps the earliest."""

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
        if joined is None or joined <= earliest or _someone_left(daily, earliest, joined, stays):
            daily.opened_at = earliest
        else:
            daily.opened_at = joined
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


def _someone_left(daily: Any, earliest: datetime, joined: datetime, stays: Any) -> bool:
    """Whether someone left the couple space in [earliest, joined): a stay ended (an answerer's
    earlier one too), a partnership ended, or the space went solo (both tell of a partner whose
    account, and so whose stay, is deleted). They may have opened the day with the one who
    stayed before the last answerer came, so the join tells nothing of its opening."""
    solo = daily.couple.solo_since
    if solo is not None and earliest <= solo < joined:
        return True
    left = Q(left_at__gte=earliest, left_at__lt=joined)
    ended = Q(partnership_ended_at__gte=earliest, partnership_ended_at__lt=joined)
    return bool(stays.filter(couple_id=daily.couple_id).filter(left | ended).exists())


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
