"""A Django system check over the content, with the same validator as `nearer content check`."""

from __future__ import annotations

from typing import Any

from django.core import checks

from nearer.content.loader import check_content


@checks.register()
def content_is_valid(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    return [
        checks.Error(str(problem), id=problem.code.replace("content.E", "nearer.E"))
        for problem in check_content().problems
    ]
