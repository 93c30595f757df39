from typing import Any

from django.db import migrations

from nearer.web.vault import migrating


def uids(apps: Any, schema_editor: Any) -> None:
    migrating.fill_uids(apps.get_model("assessments", "run"))


class Migration(migrations.Migration):
    dependencies = [("assessments", "0002_run_uid")]

    operations = [migrations.RunPython(uids, migrations.RunPython.noop)]
