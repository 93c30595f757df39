import uuid

from django.db import migrations, models

import nearer.web.vault.fields


class Migration(migrations.Migration):
    dependencies = [("assessments", "0003_fill_uids")]

    operations = [
        migrations.AlterField(
            "run", "uid", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
        ),
        migrations.AddField(
            "run", "gate", nearer.web.vault.fields.SealedTextField(blank=True, max_length=16)
        ),
        migrations.AlterField(
            "run",
            "answers",
            nearer.web.vault.fields.SealedJSONField(
                default=dict, private_when=("instrument", "safety")
            ),
        ),
    ]
