import uuid

from django.db import migrations, models

import nearer.web.vault.fields


class Migration(migrations.Migration):
    dependencies = [("daily", "0003_fill_uids")]

    operations = [
        migrations.AlterField(
            "answer", "uid", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
        ),
        migrations.AlterField(
            "checkin", "uid", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
        ),
        migrations.AlterField(
            "answer",
            "reply",
            nearer.web.vault.fields.SealedTextField(blank=True, max_length=280),
        ),
        migrations.AlterField(
            "answer",
            "text",
            nearer.web.vault.fields.SealedTextField(blank=True, max_length=4000),
        ),
        migrations.AlterField(
            "checkin",
            "appreciation",
            nearer.web.vault.fields.SealedTextField(
                blank=True, max_length=1000, private_when=("appreciation_shared", False)
            ),
        ),
        migrations.AlterField(
            "checkin",
            "need",
            nearer.web.vault.fields.SealedTextField(
                blank=True, max_length=1000, private_when=("need_shared", False)
            ),
        ),
        migrations.AlterField(
            "checkin",
            "note",
            nearer.web.vault.fields.SealedTextField(blank=True, max_length=4000, private=True),
        ),
    ]
