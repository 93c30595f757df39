"""The strict type check's configuration: what it checks of the web app is typed for importers."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
WEB = "src/nearer/web/"


def mypy_config() -> dict[str, Any]:
    config: dict[str, Any] = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mypy"]
    return config


def module_pattern(path: str) -> str:
    """`src/nearer/web/couples` -> `nearer.web.couples.*`; `…/charts.py` -> `nearer.web.charts`."""
    dotted = path.removeprefix("src/").removesuffix(".py").replace("/", ".")
    return dotted if path.endswith(".py") else dotted + ".*"


def test_every_checked_web_module_is_followed_by_its_importers() -> None:
    # The unchecked rest of the web app is skipped (Any to importers); a checked module left
    # skipped too would be Any to its importers, and their use of it unchecked.
    config = mypy_config()
    checked = {module_pattern(path) for path in config["files"] if path.startswith(WEB)}
    followed = {
        module
        for override in config["overrides"]
        if override.get("follow_imports") == "normal"
        for module in override["module"]
    }
    assert checked == followed


def test_the_web_app_checked_is_more_than_the_vault() -> None:
    checked = [path for path in mypy_config()["files"] if path.startswith(WEB)]
    assert {WEB + "security", WEB + "accounts", WEB + "couples"} <= set(checked)
