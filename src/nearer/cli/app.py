"""The `nearer` command line: parse, call the domain, render."""

from __future__ import annotations

import typer

from nearer import __version__
from nearer.cli import assess, content, plan, report, resources
from nearer.cli.inputs import fails_cleanly

app = typer.Typer(
    name="nearer",
    help="nearer: a private companion for emotional intimacy in couples.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.command("assess")(fails_cleanly(assess.assess))
app.command("report")(fails_cleanly(report.report))
app.command("plan")(fails_cleanly(plan.plan))
app.command("resources")(fails_cleanly(resources.resources))
app.add_typer(content.app, name="content")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"nearer {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """nearer: a private companion for emotional intimacy in couples."""


def main() -> None:
    app()
