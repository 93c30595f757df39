"""`nearer resources`: support resources, always one command away."""

from __future__ import annotations

import typer

from nearer.cli import render
from nearer.cli.inputs import load_content


def resources(
    country: str = typer.Option(
        None, "--country", metavar="CODE", help="Two-letter country code, e.g. GB."
    ),
) -> None:
    """Show support resources: helplines for anyone afraid of a partner, and crisis lines."""
    render.resources(load_content().resources_for(country))
