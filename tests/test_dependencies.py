"""Every package nearer imports is one pyproject.toml declares, with a lower bound: a package that
only comes along with another (pydantic, with django-ninja) could come in a version too old for
what nearer asks of it, and nothing would say so until a request failed."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _declared() -> dict[str, str]:
    """Each declared distribution's normalised name and its requirement, from every group."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [*project["dependencies"]]
    for group in project["optional-dependencies"].values():
        requirements += group
    return {_name(re.split(r"[\[<>=!~ ;]", r, maxsplit=1)[0]): r for r in requirements}


def _name(distribution: str) -> str:
    return re.sub(r"[-_.]+", "-", distribution).lower()


def _imported() -> set[str]:
    """The top-level modules imported anywhere under src/nearer, nearer and the stdlib aside."""
    found: set[str] = set()
    for path in (ROOT / "src" / "nearer").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {"nearer", "__future__"}


def test_every_package_nearer_imports_is_declared_with_a_lower_bound() -> None:
    declared, owners = _declared(), packages_distributions()
    undeclared, unbounded = [], []
    for module in sorted(_imported()):
        for distribution in owners.get(module, [module]):
            requirement = declared.get(_name(distribution))
            if requirement is None:
                undeclared.append(f"{module} ({distribution})")
            elif ">=" not in requirement:
                unbounded.append(requirement)
    assert not undeclared, f"imported but not in pyproject.toml: {undeclared}"
    assert not unbounded, f"declared without a lower bound: {unbounded}"
