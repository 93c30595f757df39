"""When each stay last lost a partner, from what the rows still tell: the end of every overlap
with another member's stay (one of the two left), and, for a partner who deleted their account
and left no row, the space's solo notice where it falls inside the stay and was not dismissed."""

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from django.db import migrations, models


# A migration sees the historical models, untyped whatever the stubs: rows and apps are Any.
def _overlap_ends(stay: Any, others: Iterable[Any]) -> Iterator[datetime]:
    for other in others:
        if other.joined_at >= (stay.left_at or other.joined_at) and stay.left_at is not None:
            continue  # came after this stay ended
        if other.left_at is not None and other.left_at <= stay.joined_at:
            continue  # gone before this stay began
        ends = [when for when in (stay.left_at, other.left_at) if when is not None]
        if ends:
            yield min(ends)


def mark_partnerships_ended(apps: Any, schema_editor: Any) -> None:
    Membership = apps.get_model("couples", "Membership")
    for stay in Membership.objects.select_related("couple"):
        others = Membership.objects.filter(couple_id=stay.couple_id).exclude(pk=stay.pk)
        ends = list(_overlap_ends(stay, others))
        solo = stay.couple.solo_since
        if solo is not None and stay.joined_at < solo and (stay.left_at is None or solo <= stay.left_at):
            ends.append(solo)
        if ends:
            stay.partnership_ended_at = max(ends)
            stay.save(update_fields=["partnership_ended_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("couples", "0002_solo_since"),
    ]

    operations = [
        migrations.AddField(
            model_name="membership",
            name="partnership_ended_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(mark_partnerships_ended, migrations.RunPython.noop),
    ]
