"""A random uid per run, which its sealed answers are bound to (vault.fields). Schema and data
steps are separate migrations, as PostgreSQL requires."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial")]

    operations = [migrations.AddField("run", "uid", models.UUIDField(null=True, editable=False))]
