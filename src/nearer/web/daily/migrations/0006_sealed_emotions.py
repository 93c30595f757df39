from django.db import migrations

import nearer.web.vault.fields


class Migration(migrations.Migration):
    dependencies = [("daily", "0005_seal_text")]

    operations = [
        migrations.AlterField(
            "checkin",
            "emotions",
            nearer.web.vault.fields.SealedTextField(blank=True, max_length=200, private=True),
        ),
    ]
