"""A system check: the server key file must not live where the database does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import Warning, register
from django.db import connections


@register()
def key_file_apart(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """nearer.vault.W001 when NEARER_KEY_FILE is inside the data folder or the SQLite database's
    folder: a copy of that folder would carry the key with the data it opens."""
    key_file = Path(settings.VAULT_KEY_FILE).resolve()
    folders = [Path(settings.DATA_DIR).resolve()]
    database = connections["default"].settings_dict
    if database["ENGINE"].endswith("sqlite3") and str(database["NAME"]) != ":memory:":
        folders.append(Path(database["NAME"]).resolve().parent)
    inside = [folder for folder in folders if folder in key_file.parents]
    if not inside:
        return []
    return [
        Warning(
            f"the server key file {key_file} is inside {inside[0]}, beside the data it opens",
            hint="Set NEARER_KEY_FILE to a path outside the data and database folders.",
            id="nearer.vault.W001",
        )
    ]
