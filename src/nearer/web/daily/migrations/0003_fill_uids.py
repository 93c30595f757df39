from typing import Any

from django.db import migrations

from nearer.web.vault import migrating


def uids(apps: Any, schema_editor: Any) -> None:
    for name in ("answer", "checkin"):
        migrating.fill_uids(apps.get_model("daily", name))


class Migration(migrations.Migration):
    dependencies = [("daily", "0002_answer_checkin_uid")]

    operations = [migrations.RunPython(uids, migrations.RunPython.noop)]
