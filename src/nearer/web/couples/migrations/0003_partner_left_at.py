"""When a partner left: on the stayer's membership, from the memberships that ended while they
were in the space (a partner who deleted their account left no row: their space's solo notice,
where not dismissed, stands in for it)."""

from django.db import migrations, models


def mark_partners_gone(apps, schema_editor):
    Membership = apps.get_model("couples", "Membership")
    for stayer in Membership.objects.all():
        ended = Membership.objects.filter(
            couple_id=stayer.couple_id,
            left_at__isnull=False,
            left_at__gt=stayer.joined_at,
        ).exclude(pk=stayer.pk)
        if stayer.left_at is not None:
            ended = ended.filter(left_at__lte=stayer.left_at)
        times = [m.left_at for m in ended]
        solo = stayer.couple.solo_since
        if solo is not None and solo > stayer.joined_at and stayer.left_at is None:
            times.append(solo)
        if times:
            stayer.partner_left_at = max(times)
            stayer.save(update_fields=["partner_left_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("couples", "0002_solo_since"),
    ]

    operations = [
        migrations.AddField(
            model_name="membership",
            name="partner_left_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(mark_partners_gone, migrations.RunPython.noop),
    ]
