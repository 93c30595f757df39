"""The CLI reference in docs/cli.md, generated from the commands' own help.

`python -m nearer.cli.reference > docs/cli.md` writes it; a test fails when it is stale.
"""

from __future__ import annotations

from collections.abc import Iterator

import typer
from typer.core import TyperGroup

from nearer.cli.app import app

WIDTH = 96
HEADER = """# CLI reference

Generated from `nearer --help` by `make docs`; a test keeps it in step with the code.
Answers files, JSON output and exit codes are described in [json.md](json.md).
"""


def _sections(command: typer.core.TyperCommand | TyperGroup, path: list[str]) -> Iterator[str]:
    context = typer.Context(
        command, info_name=" ".join(path), max_content_width=WIDTH, terminal_width=WIDTH
    )
    yield f"\n## `{' '.join(path)}`\n\n```text\n{command.get_help(context).rstrip()}\n```\n"
    if isinstance(command, TyperGroup):
        for name in command.list_commands(context):
            sub = command.get_command(context, name)
            if sub is not None:
                yield from _sections(sub, [*path, name])  # type: ignore[arg-type]


def reference_markdown() -> str:
    root = typer.main.get_command(app)
    return HEADER + "".join(_sections(root, ["nearer"]))  # type: ignore[arg-type]


if __name__ == "__main__":
    print(reference_markdown(), end="")
