"""The strict type check's configuration: the whole of nearer is checked, the web app too."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def mypy_config() -> dict[str, Any]:
    config: dict[str, Any] = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mypy"]
    return config


def test_every_package_of_nearer_is_type_checked() -> None:
    checked = set(mypy_config()["files"])
    packages = {
        f"src/nearer/{path.name}"
        for path in (ROOT / "src" / "nearer").iterdir()
        if (path / "__init__.py").exists()
    }
    assert packages <= checked


def test_no_module_of_nearer_is_skipped() -> None:
    # A skipped module is Any to whoever imports it: their use of it goes unchecked.
    for override in mypy_config()["overrides"]:
        if override.get("follow_imports") in {"skip", "silent"}:
            assert not any(module.startswith("nearer") for module in override["module"])
