"""WeekPlan.made_safe: whether both partners were clear when the week's plan was made. A plan
kept from before holds content that needs safety only if it was made safe; one that holds none
is taken as made light, its suggestions light until the next week's plan."""

from django.db import migrations, models


def mark_plans_made_safe(apps, schema_editor):  # type: ignore[no-untyped-def]
    from nearer.content.loader import default_content
    from nearer.domain.safety import withholds_practice

    content = default_content()
    questions = {q.id for q in content.questions if q.needs_safety}
    practices = {p.id for p in content.practices if withholds_practice(p)}
    WeekPlan = apps.get_model("plans", "WeekPlan")
    for plan in WeekPlan.objects.all().iterator():
        if questions.intersection(plan.question_ids) or practices.intersection(plan.practice_ids):
            WeekPlan.objects.filter(pk=plan.pk).update(made_safe=True)


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="weekplan", name="made_safe", field=models.BooleanField(default=False)
        ),
        migrations.RunPython(mark_plans_made_safe, migrations.RunPython.noop),
    ]
