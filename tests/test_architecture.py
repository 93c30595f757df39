"""The dependency rule: the domain and the analyser are pure."""

from __future__ import annotations

import ast
from pathlib import Path

import nearer

PACKAGE = Path(nearer.__file__).parent
PURE = ("domain", "chat")
FORBIDDEN_IMPORTS = ("django", "typer", "rich", "click", "nearer.web", "nearer.cli")
# Reading the clock, the environment or files belongs at the edges.
FORBIDDEN_CALLS = {
    ("datetime", "now"),
    ("datetime", "today"),
    ("date", "today"),
    ("time", "time"),
    ("os", "getenv"),
}
FORBIDDEN_NAMES = {"open", "input", "print"}


def pure_modules() -> list[Path]:
    return [
        path
        for part in PURE
        if (PACKAGE / part).exists()
        for path in (PACKAGE / part).rglob("*.py")
    ]


def imported_names(tree: ast.AST) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def test_there_are_pure_modules_to_check() -> None:
    assert len(pure_modules()) >= 8


def test_domain_and_chat_import_no_framework() -> None:
    for path in pure_modules():
        for name in imported_names(ast.parse(path.read_text())):
            assert not name.startswith(FORBIDDEN_IMPORTS), f"{path.name} imports {name}"


def test_domain_and_chat_read_no_clock_and_do_no_io() -> None:
    for path in pure_modules():
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                assert (func.value.id, func.attr) not in FORBIDDEN_CALLS, (
                    f"{path.name}: {func.value.id}.{func.attr}()"
                )
            if isinstance(func, ast.Name):
                assert func.id not in FORBIDDEN_NAMES, f"{path.name}: {func.id}()"


def test_domain_and_chat_read_no_environment() -> None:
    for path in pure_modules():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                assert (node.value.id, node.attr) != ("os", "environ"), f"{path.name}: os.environ"


def test_no_catch_all_modules() -> None:
    names = {path.stem for path in PACKAGE.rglob("*.py")}
    assert not names & {"utils", "helpers", "common", "misc"}
