"""A random uid per answer and check-in, which each ciphertext is bound to (vault.fields).

Schema and data steps are separate migrations: PostgreSQL refuses to alter a table that rows
were just updated in within the same transaction.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("daily", "0001_initial")]

    operations = [
        migrations.AddField("answer", "uid", models.UUIDField(null=True, editable=False)),
        migrations.AddField("checkin", "uid", models.UUIDField(null=True, editable=False)),
    ]
