"""Django system checks: the content, with the same validator as `nearer content check`, and
the folders that should be nearer's user's alone (`nearer serve` prints the same warnings)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import checks

from nearer.content.loader import check_content
from nearer.web.private_files import open_folder


@checks.register()
def content_is_valid(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    return [
        checks.Error(str(problem), id=problem.code.replace("content.E", "nearer.E"))
        for problem in check_content().problems
    ]


@checks.register()
def folders_are_private(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """nearer.W001 for the data folder or the key file's folder when others may look in it."""
    return [
        checks.Warning(said, hint="Only nearer's user needs to open it.", id="nearer.W001")
        for said in open_folders()
    ]


def open_folders() -> list[str]:
    """A warning line for each of the data folder and the key file's folder that others may
    look in (private_files.open_folder); others writing in one stops nearer before this."""
    folders = {
        "NEARER_DATA_DIR": Path(settings.DATA_DIR),
        "NEARER_KEY_FILE": Path(settings.VAULT_KEY_FILE).parent,
    }
    return [said for name, path in folders.items() if (said := open_folder(path, name))]
